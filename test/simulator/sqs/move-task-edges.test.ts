import { Duration } from 'aws-cdk-lib';
import { Simulation } from '../../../lib/simulator';
import { sqsMoveTasks } from '../../../lib/simulator/services/sqs/move-tasks';
import { RoleCaller } from '../../../lib/simulator/world/calls';
import { queue, redrive, template } from '../fixtures/templates';

// Move tasks and PurgeQueue at their edges, on a hand-written template: a queue policy that denies or grants a
// role, handles that name no task, messages that leave the DLQ while a task runs, a FIFO destination that
// deduplicates what a task moves.

const ARN = (name: string) => `arn:aws:sqs:us-east-1:123456789012:${name}`;
const ROLE_ARN = 'arn:aws:iam::123456789012:role/operator';
const role = { Type: 'AWS::IAM::Role', Properties: { RoleName: 'operator', AssumeRolePolicyDocument: {} } };
const queuePolicy = (effect: 'Allow' | 'Deny', action: string) => ({
  Type: 'AWS::SQS::QueuePolicy',
  Properties: { Queues: [{ Ref: 'Dlq' }], PolicyDocument: { Version: '2012-10-17', Statement: [{ Sid: 'S', Effect: effect, Principal: { AWS: ROLE_ARN }, Action: action, Resource: '*' }] } },
});
/** A role outside the template: the IAM guard cannot read it, so SQS's own checks decide. */
const caller: RoleCaller = { kind: 'role', roleArn: 'arn:aws:iam::123456789012:role/elsewhere', roleKind: 'task role', runsIn: 'Worker' };

function sim(extra: Record<string, unknown> = {}): Simulation {
  return Simulation.fromTemplate(template({
    Orders: queue('orders', { VisibilityTimeout: 0, ...redrive('Dlq', 1) }),
    Dlq: queue('dlq', { MessageRetentionPeriod: 1_209_600 }),
    Operator: role,
    ...extra,
  } as never));
}

function deadLetter(s: Simulation, bodies: string[]): void {
  for (const body of bodies) s.send('Orders', { body });
  while (s.queue('Orders').counts.visible > 0) s.receive('Orders', { maxMessages: 10 });
}

describe('PurgeQueue and the queue policy, as a role', () => {
  test('fails if the queue policy denies the role, whatever else allows it', () => {
    const s = sim({ Deny: queuePolicy('Deny', 'sqs:PurgeQueue') });
    expect(() => s.sqs.purgeQueue('Dlq', { as: 'Operator' })).toThrow(new RegExp(`^AccessDenied: the caller lacks sqs:PurgeQueue on ${ARN('dlq')} \\(the queue policy Deny denies it: `));
  });

  test('a queue policy granting the role is enough without an identity policy', () => {
    const s = sim({ Allow: queuePolicy('Allow', 'sqs:PurgeQueue') });
    deadLetter(s, ['a']);
    s.sqs.purgeQueue('Dlq', { as: 'Operator' });
    expect(s.queue('Dlq').counts.visible).toBe(0);
  });

  test('fails if the role\'s own policy denies it, though the queue policy allows it', () => {
    const s = sim({
      Allow: queuePolicy('Allow', 'sqs:PurgeQueue'),
      DenyPolicy: { Type: 'AWS::IAM::Policy', Properties: { PolicyName: 'deny', Roles: [{ Ref: 'Operator' }], PolicyDocument: { Statement: [{ Effect: 'Deny', Action: 'sqs:PurgeQueue', Resource: '*' }] } } },
    });
    expect(() => s.sqs.purgeQueue('Dlq', { as: 'Operator' })).toThrow(new RegExp(`^AccessDenied: the caller lacks sqs:PurgeQueue on ${ARN('dlq')} \\(`));
  });

  test('fails if neither grants it: the reason is the role\'s', () => {
    const s = sim({ Other: queuePolicy('Allow', 'sqs:SendMessage') });
    expect(() => s.sqs.purgeQueue('Dlq', { as: 'Operator' })).toThrow(new RegExp(`^AccessDenied: the caller lacks sqs:PurgeQueue on ${ARN('dlq')} \\(`));
  });

  test('fails if `as` names nothing in the template', () => {
    const s = sim();
    expect(() => s.sqs.purgeQueue('Dlq', { as: 'Nobody' })).toThrow('Nobody is not in the template: `as` takes an IAM role or a Lambda function of the template (whose execution role makes the call)');
  });

  test('a purge refused through the action comes back with its reason', () => {
    const s = sim();
    expect(s.world.calls.call(caller, 'sqs:PurgeQueue', ARN('dlq'), {})).toEqual({ ok: true, output: {} });
    expect(s.world.calls.call(caller, 'sqs:PurgeQueue', ARN('dlq'), {})).toEqual({ ok: false, reason: 'PurgeQueueInProgress: Dlq was purged 0s ago; only one PurgeQueue is allowed every 60 seconds' });
  });
});

describe('CancelMessageMoveTask through the action', () => {
  test.each([
    ['not base64 JSON', 'nope'],
    ['JSON without a source ARN', Buffer.from(JSON.stringify({ taskId: 'x' })).toString('base64')],
    ['JSON with a source ARN that is not text', Buffer.from(JSON.stringify({ taskId: 'x', sourceArn: 42 })).toString('base64')],
  ])('fails if the handle is %s', (_, handle) => {
    const s = sim();
    expect(s.world.calls.call(caller, 'sqs:CancelMessageMoveTask', ARN('dlq'), { taskHandle: handle })).toEqual({ ok: false, reason: `ResourceNotFoundException: ${handle} is not a task of Dlq` });
  });

  test('a handle of the queue that names no task fails as not found', () => {
    const s = sim();
    const handle = Buffer.from(JSON.stringify({ taskId: 'x', sourceArn: ARN('dlq') })).toString('base64');
    expect(s.world.calls.call(caller, 'sqs:CancelMessageMoveTask', ARN('dlq'), { taskHandle: handle })).toEqual({ ok: false, reason: `ResourceNotFoundException: no message move task has the handle ${handle}` });
  });

  test('a started task is found by its handle', () => {
    const s = sim();
    const { taskHandle } = s.sqs.startMessageMoveTask('Dlq');
    const tasks = sqsMoveTasks(s.world);
    expect(tasks.task(taskHandle)?.plan.handle).toBe(taskHandle);
    expect(tasks.task('nope')).toBeUndefined();
  });
});

describe('a task whose DLQ changes while it runs', () => {
  test('messages received from the DLQ meanwhile are not moved, and the task completes with what it moved', () => {
    // GIVEN three messages in the DLQ and a task moving one a second
    const s = sim();
    deadLetter(s, ['a', 'b', 'c']);
    s.sqs.startMessageMoveTask('Dlq', { maxNumberOfMessagesPerSecond: 1 });
    s.advance(Duration.seconds(1));
    expect(s.queue('Orders').visible.map((m) => m.body)).toEqual(['a']);
    // WHEN the two left are received from the DLQ
    expect(s.receive('Dlq', { maxMessages: 10, visibilityTimeout: Duration.minutes(5) })).toHaveLength(2);
    s.advance(Duration.seconds(1));
    // THEN the task completes at the next second, having moved one of three
    expect(s.sqs.listMessageMoveTasks('Dlq')[0]).toMatchObject({ status: 'COMPLETED', approximateNumberOfMessagesMoved: 1, approximateNumberOfMessagesToMove: 3 });
  });

  test('a FIFO destination that saw the message\'s deduplication id drops it: moved, with the id SQS returned', () => {
    // GIVEN a FIFO DLQ holding a message, and a FIFO destination that already got that message's id as deduplication id
    const s = Simulation.fromTemplate(template({
      Src: queue('src.fifo', { VisibilityTimeout: 0, ContentBasedDeduplication: true, ...redrive('Dlq', 1) }),
      Dlq: queue('dlq.fifo'),
      Dest: queue('dest.fifo'),
    }));
    const { messageId } = s.send('Src', { body: 'x', groupId: 'g' });
    s.receive('Src');
    s.receive('Src');
    s.send('Dest', { body: 'earlier', groupId: 'g', deduplicationId: messageId });
    // WHEN a task moves it to Dest
    s.sqs.startMessageMoveTask('Dlq', { destination: 'Dest' });
    s.advance(Duration.seconds(1));
    // THEN it leaves the DLQ, Dest keeps only its earlier message, and the trace has the id SQS returned
    expect(s.queue('Dlq').counts.visible).toBe(0);
    expect(s.queue('Dest').visible.map((m) => m.body)).toEqual(['earlier']);
    const [moved] = s.events({ type: 'sqs.movedByTask' });
    expect(moved).toMatchObject({ resource: 'Dlq', messageId, detail: { destination: 'Dest', newMessageId: expect.stringMatching(/^[0-9a-f-]{36}$/) } });
    expect(s.events({ type: 'sqs.deduplicated' }).map((e) => e.resource)).toEqual(['Dest']);
  });
});

describe('the trace of a move task', () => {
  test('started (destination, rate, count), each move (new id), skipped messages, ended; a cancel with the count moved', () => {
    // GIVEN two messages from Orders and one sent to the DLQ directly, skipped rather than failed
    const s = Simulation.fromTemplate(template({
      Orders: queue('orders', { VisibilityTimeout: 0, ...redrive('Dlq', 1) }),
      Dlq: queue('dlq', { MessageRetentionPeriod: 1_209_600 }),
    }), { sqs: { unknownSourceMessages: 'skip' } });
    deadLetter(s, ['a']);
    const direct = s.send('Dlq', { body: 'direct' }).messageId;
    deadLetter(s, ['b']);
    // WHEN a task redrives them at the system-optimized rate
    s.sqs.startMessageMoveTask('Dlq');
    s.advance(Duration.seconds(1));
    // THEN the trace tells each step
    const [a, b] = s.queue('Orders').visible;
    const events = s.events({ type: ['sqs.moveTaskStarted', 'sqs.movedByTask', 'sqs.moveSkipped', 'sqs.moveTaskEnded'] });
    expect(events.map((e) => [e.time, e.type, e.resource, e.reason, e.detail])).toEqual([
      [0, 'sqs.moveTaskStarted', 'Dlq', undefined, { destination: 'original source queues', rate: 500, toMove: 3 }],
      [1000, 'sqs.movedByTask', 'Dlq', undefined, { destination: 'Orders', newMessageId: a.messageId }],
      [1000, 'sqs.moveSkipped', 'Dlq', `message ${direct} has no source queue in the template to return to (sent to Dlq directly, by SNS, or from a queue of another stack): it stays in Dlq`, undefined],
      [1000, 'sqs.movedByTask', 'Dlq', undefined, { destination: 'Orders', newMessageId: b.messageId }],
      [1000, 'sqs.moveTaskEnded', 'Dlq', undefined, { status: 'COMPLETED', moved: 2, toMove: 3 }],
    ]);
    expect(events[3].messageId).not.toBe(b.messageId);
  });

  test('a task moves no more than the DLQ held when it started, skipped messages counted; later arrivals stay', () => {
    // GIVEN a, a direct message and b in the DLQ when a task starts; c arrives before its first second
    const s = Simulation.fromTemplate(template({
      Orders: queue('orders', { VisibilityTimeout: 0, ...redrive('Dlq', 1) }),
      Dlq: queue('dlq', { MessageRetentionPeriod: 1_209_600 }),
    }), { sqs: { unknownSourceMessages: 'skip' } });
    deadLetter(s, ['a']);
    s.send('Dlq', { body: 'direct' });
    deadLetter(s, ['b']);
    s.sqs.startMessageMoveTask('Dlq');
    deadLetter(s, ['c']);
    s.receive('Orders', { maxMessages: 10 });
    // WHEN the task runs
    s.advance(Duration.seconds(1));
    // THEN a and b moved back; direct and c stay; the entry has only the fields AWS returns
    const entry = s.sqs.listMessageMoveTasks('Dlq')[0];
    expect(entry).toEqual({ status: 'COMPLETED', sourceArn: ARN('dlq'), approximateNumberOfMessagesMoved: 2, approximateNumberOfMessagesToMove: 3, startedTimestamp: Date.UTC(2026, 0, 1) });
    expect(Object.keys(entry)).toEqual(['status', 'sourceArn', 'approximateNumberOfMessagesMoved', 'approximateNumberOfMessagesToMove', 'startedTimestamp']);
    expect(s.queue('Dlq').visible.map((m) => m.body)).toEqual(['direct', 'c']);
  });

  test('a cancel is traced with the count moved, then the end with its status', () => {
    const s = sim();
    deadLetter(s, ['a', 'b', 'c']);
    const { taskHandle } = s.sqs.startMessageMoveTask('Dlq', { maxNumberOfMessagesPerSecond: 1, destination: 'Orders' });
    s.advance(Duration.seconds(1));
    s.sqs.cancelMessageMoveTask(taskHandle);
    s.advance(Duration.seconds(1));
    expect(s.events({ type: ['sqs.moveTaskStarted', 'sqs.moveTaskCancelling', 'sqs.moveTaskEnded'] }).map((e) => [e.time, e.type, e.detail])).toEqual([
      [0, 'sqs.moveTaskStarted', { destination: 'Orders', rate: 1, toMove: 3 }],
      [1000, 'sqs.moveTaskCancelling', { moved: 1 }],
      [2000, 'sqs.moveTaskEnded', { status: 'CANCELLED', moved: 1, toMove: 3 }],
    ]);
  });

  test('fails if a FIFO DLQ names a standard destination', () => {
    const s = Simulation.fromTemplate(template({
      Src: queue('src.fifo', { ContentBasedDeduplication: true, ...redrive('Dlq', 1) }), Dlq: queue('dlq.fifo'), Std: queue('std'),
    }));
    expect(() => s.sqs.startMessageMoveTask('Dlq', { destination: 'Std' }))
      .toThrow('InvalidParameterValue: Std is standard and Dlq is not: a move task\'s destination must be of the dead-letter queue\'s type');
    const std = Simulation.fromTemplate(template({ Src: queue('src', redrive('Dlq', 1)), Dlq: queue('dlq'), Fifo: queue('f.fifo') }));
    expect(() => std.sqs.startMessageMoveTask('Dlq', { destination: 'Fifo' }))
      .toThrow('InvalidParameterValue: Fifo is FIFO and Dlq is not: a move task\'s destination must be of the dead-letter queue\'s type');
  });
});

describe('SimulationOptions.sqs.systemOptimizedMoveRate', () => {
  test('1 is accepted and moves one message a second; fails if it is 1.5', () => {
    const s = Simulation.fromTemplate(template({ Orders: queue('orders', { VisibilityTimeout: 0, ...redrive('Dlq', 1) }), Dlq: queue('dlq') }), { sqs: { systemOptimizedMoveRate: 1 } });
    deadLetter(s, ['a', 'b']);
    s.sqs.startMessageMoveTask('Dlq');
    s.advance(Duration.seconds(1));
    expect(s.queue('Orders').visible.map((m) => m.body)).toEqual(['a']);
    expect(() => s.sqs.configure({ systemOptimizedMoveRate: 1.5 })).toThrow('sqs.systemOptimizedMoveRate must be a whole number of messages per second, at least 1 (got 1.5)');
  });
});

describe('long polling while a Lambda handler runs', () => {
  test('fails if a wait would move time while an async handler is unsettled', async () => {
    const s = Simulation.fromTemplate(template({
      Q: queue('q'),
      Worker: { Type: 'AWS::Lambda::Function', Properties: { FunctionName: 'worker', Handler: 'index.handler', Code: { ZipFile: '' } } },
    }));
    s.onInvoke('Worker', async () => {
      await new Promise((r) => setTimeout(r, 5));
    });
    s.invokeAsync('Worker', {});
    s.send('Q', { body: 'late', delay: Duration.seconds(5) });
    expect(() => s.receive('Q', { waitTime: Duration.seconds(20) })).toThrow(
      'receive with a wait time would move virtual time while 1 async Lambda handler is still running: `await sim.advance(…)` or `await sim.runUntilIdle()` first, or receive without waitTime');
    await s.runUntilIdle();
    // WHEN two handlers run THEN the message counts them
    s.invokeAsync('Worker', {});
    s.invokeAsync('Worker', {});
    s.send('Q', { body: 'later', delay: Duration.seconds(5) });
    expect(() => s.receive('Q', { waitTime: Duration.seconds(20) })).toThrow(/^receive with a wait time would move virtual time while 2 async Lambda handlers are still running: /);
    await s.runUntilIdle();
  });
});
