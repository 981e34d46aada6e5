import { Duration } from 'aws-cdk-lib';
import { InvalidRequestError, Simulation, SimulationOptions } from '../../../lib/simulator';
import { queue, redrive, template } from '../fixtures/templates';

// StartMessageMoveTask, ListMessageMoveTasks and CancelMessageMoveTask as the SQS API reference documents them
// (AWS-FACTS §1.2, §1.5): a DLQ of SQS queues redriven to the original sources or a named queue, at a rate,
// oldest first, as new messages, one active task per queue. Permissions: move-task-permissions.test.ts.

const EPOCH = Date.UTC(2026, 0, 1);

function queues(options: SimulationOptions = {}, extra: Record<string, ReturnType<typeof queue>> = {}): Simulation {
  return Simulation.fromTemplate(template({
    Orders: queue('orders', { VisibilityTimeout: 0, ...redrive('Dlq', 1) }),
    Payments: queue('payments', { VisibilityTimeout: 0, ...redrive('Dlq', 1) }),
    Dlq: queue('dlq', { MessageRetentionPeriod: 1_209_600 }),
    Retry: queue('retry'),
    Small: queue('small', { MaximumMessageSize: 1024 }),
    Fifo: queue('fifo.fifo', { VisibilityTimeout: 0, ContentBasedDeduplication: true, ...redrive('FifoDlq', 1) }),
    FifoDlq: queue('fifo-dlq.fifo'),
    Lonely: queue('lonely'),
    ...extra,
  }), { seed: 1, ...options });
}

/** Sends `bodies` to `source` and receives them until maxReceiveCount moves each to its DLQ. */
function deadLetter(sim: Simulation, source: string, bodies: string[], extra: { groupId?: string; attributes?: Record<string, string> } = {}): void {
  for (const body of bodies) sim.send(source, { body, ...extra, ...(extra.groupId ? { deduplicationId: `${source}-${body}` } : {}) });
  while (sim.queue(source).counts.visible > 0) sim.receive(source, { maxMessages: 10 });
}

const numbered = (n: number, prefix = 'm') => Array.from({ length: n }, (_, i) => `${prefix}${i}`);
const at = (sim: Simulation, ms: number) => sim.advance(Duration.millis(ms - sim.now));
const latest = (sim: Simulation, dlq = 'Dlq') => sim.sqs.listMessageMoveTasks(dlq)[0];
const visibleBodies = (sim: Simulation, q: string) => sim.queue(q).visible.map((m) => m.body);

describe('StartMessageMoveTask to the original source queues', () => {
  test('moves MaxNumberOfMessagesPerSecond each second, oldest first, and completes when the DLQ\'s messages are moved', () => {
    // GIVEN 25 messages in the DLQ, from Orders
    const sim = queues();
    deadLetter(sim, 'Orders', numbered(25));
    at(sim, 10_000);
    // WHEN a task moves them back at 10 a second
    const { taskHandle } = sim.sqs.startMessageMoveTask('Dlq', { maxNumberOfMessagesPerSecond: 10 });
    // THEN nothing moves before the first second; then 10, 20, 25
    expect(latest(sim)).toEqual({
      taskHandle, status: 'RUNNING', sourceArn: sim.queue('Dlq').arn, maxNumberOfMessagesPerSecond: 10,
      approximateNumberOfMessagesMoved: 0, approximateNumberOfMessagesToMove: 25, startedTimestamp: EPOCH + 10_000,
    });
    at(sim, 10_999);
    expect(latest(sim).approximateNumberOfMessagesMoved).toBe(0);
    at(sim, 11_000);
    expect(visibleBodies(sim, 'Orders')).toEqual(numbered(10));
    at(sim, 12_000);
    expect(latest(sim)).toMatchObject({ status: 'RUNNING', approximateNumberOfMessagesMoved: 20 });
    at(sim, 13_000);
    // AND once COMPLETED, the entry no longer carries the handle
    expect(latest(sim)).toEqual({
      status: 'COMPLETED', sourceArn: sim.queue('Dlq').arn, maxNumberOfMessagesPerSecond: 10,
      approximateNumberOfMessagesMoved: 25, approximateNumberOfMessagesToMove: 25, startedTimestamp: EPOCH + 10_000,
    });
    expect(visibleBodies(sim, 'Orders')).toEqual(numbered(25));
    expect(sim.queue('Dlq').counts.visible).toBe(0);
    expect(sim.events({ type: 'sqs.moveTaskEnded' })).toEqual([expect.objectContaining({ time: 13_000, detail: { status: 'COMPLETED', moved: 25, toMove: 25 } })]);
  });

  test('a moved message is a new message: new id, enqueued at the move, received for the first time; its attributes kept', () => {
    const sim = queues();
    sim.send('Orders', { body: 'poison', attributes: { kind: 'order' } });
    const [first] = sim.receive('Orders');
    sim.receive('Orders');
    at(sim, 60_000);
    const [inDlq] = sim.queue('Dlq').visible;
    expect(inDlq.messageId).toBe(first.messageId);
    sim.sqs.startMessageMoveTask('Dlq');
    at(sim, 61_000);
    const [back] = sim.receive('Orders');
    expect(back.body).toBe('poison');
    expect(back.messageId).not.toBe(first.messageId);
    expect(back.receiveCount).toBe(1);
    expect(back.systemAttributes.SentTimestamp).toBe(String(EPOCH + 61_000));
    expect(back.attributes).toEqual({ kind: { DataType: 'String', StringValue: 'order' } });
    expect(sim.events({ type: 'sqs.movedByTask' })).toEqual([expect.objectContaining({ resource: 'Dlq', messageId: first.messageId, detail: { destination: 'Orders', newMessageId: back.messageId } })]);
  });

  test('each message goes back to the queue it came from', () => {
    const sim = queues();
    deadLetter(sim, 'Orders', ['o1', 'o2']);
    deadLetter(sim, 'Payments', ['p1']);
    deadLetter(sim, 'Orders', ['o3']);
    sim.sqs.startMessageMoveTask('Dlq');
    at(sim, 1_000);
    expect(visibleBodies(sim, 'Orders')).toEqual(['o1', 'o2', 'o3']);
    expect(visibleBodies(sim, 'Payments')).toEqual(['p1']);
  });

  test('without a rate it moves at the "system optimized" rate: 500 a second unless SimulationOptions.sqs says otherwise', () => {
    const run = (options: SimulationOptions) => {
      const sim = queues(options);
      for (const body of numbered(1_200)) sim.send('Dlq', { body });
      sim.sqs.startMessageMoveTask('Dlq', { destination: 'Retry' });
      at(sim, 1_000);
      return sim.queue('Retry').counts.visible;
    };
    expect(run({})).toBe(500);
    expect(run({ sqs: { systemOptimizedMoveRate: 1_000 } })).toBe(1_000);
  });

  test('fails if SimulationOptions.sqs.systemOptimizedMoveRate is not a whole number of at least 1', () => {
    expect(() => queues({ sqs: { systemOptimizedMoveRate: 0 } })).toThrow('sqs.systemOptimizedMoveRate must be a whole number of messages per second, at least 1 (got 0)');
  });

  test('MaxNumberOfMessagesPerSecond 1 and 500 are accepted, at their rate', () => {
    for (const rate of [1, 500]) {
      const sim = queues();
      for (const body of numbered(1_200)) sim.send('Dlq', { body });
      sim.sqs.startMessageMoveTask('Dlq', { destination: 'Retry', maxNumberOfMessagesPerSecond: rate });
      at(sim, 2_000);
      expect([rate, sim.queue('Retry').counts.visible]).toEqual([rate, 2 * rate]);
    }
  });

  test('counts only visible messages: one in flight in the DLQ (someone is reading it) is neither counted nor moved', () => {
    const sim = queues();
    deadLetter(sim, 'Orders', numbered(3));
    const [reading] = sim.receive('Dlq', { visibilityTimeout: Duration.minutes(5) });
    sim.sqs.startMessageMoveTask('Dlq');
    expect(latest(sim).approximateNumberOfMessagesToMove).toBe(2);
    at(sim, 1_000);
    expect(latest(sim)).toMatchObject({ status: 'COMPLETED', approximateNumberOfMessagesMoved: 2 });
    expect(sim.queue('Dlq').inFlight.map((m) => m.body)).toEqual([reading.body]);
  });

  test('an empty DLQ completes at the first second, having moved nothing', () => {
    const sim = queues();
    sim.sqs.startMessageMoveTask('Dlq');
    at(sim, 1_000);
    expect(latest(sim)).toMatchObject({ status: 'COMPLETED', approximateNumberOfMessagesMoved: 0, approximateNumberOfMessagesToMove: 0 });
  });

  test('counts in the metrics: received and deleted on the DLQ, sent on the destination', () => {
    const sim = queues();
    deadLetter(sim, 'Orders', numbered(4));
    const sentBefore = sim.queue('Orders').totals.sent;
    sim.sqs.startMessageMoveTask('Dlq');
    at(sim, 1_000);
    expect(sim.queue('Dlq').totals).toMatchObject({ received: 4, deleted: 4 });
    expect(sim.queue('Orders').totals.sent - sentBefore).toBe(4);
  });
});

describe('messages whose source is unknown (sent to the DLQ directly)', () => {
  test('by default the task fails at such a message, which stays in the DLQ with the ones after it', () => {
    const sim = queues();
    deadLetter(sim, 'Orders', ['o1']);
    sim.send('Dlq', { body: 'direct' });
    deadLetter(sim, 'Orders', ['o2']);
    sim.sqs.startMessageMoveTask('Dlq');
    at(sim, 1_000);
    const entry = latest(sim);
    expect(entry).toMatchObject({ status: 'FAILED', approximateNumberOfMessagesMoved: 1, approximateNumberOfMessagesToMove: 3 });
    expect(entry.failureReason).toMatch(/^message \S+ has no source queue in the template to return to \(sent to Dlq directly, by SNS, or from a queue of another stack\); name a DestinationArn to move it$/);
    expect(visibleBodies(sim, 'Dlq')).toEqual(['direct', 'o2']);
  });

  test('with SimulationOptions.sqs.unknownSourceMessages "skip" it stays in the DLQ and the others move', () => {
    const sim = queues({ sqs: { unknownSourceMessages: 'skip' } });
    deadLetter(sim, 'Orders', ['o1']);
    sim.send('Dlq', { body: 'direct' });
    deadLetter(sim, 'Orders', ['o2']);
    sim.sqs.startMessageMoveTask('Dlq');
    at(sim, 1_000);
    expect(latest(sim)).toMatchObject({ status: 'COMPLETED', approximateNumberOfMessagesMoved: 2 });
    expect(visibleBodies(sim, 'Dlq')).toEqual(['direct']);
    expect(visibleBodies(sim, 'Orders')).toEqual(['o1', 'o2']);
    expect(sim.events({ type: 'sqs.moveSkipped' })).toHaveLength(1);
  });

  test('a named destination takes them all', () => {
    const sim = queues();
    sim.send('Dlq', { body: 'direct' });
    deadLetter(sim, 'Orders', ['o1']);
    sim.sqs.startMessageMoveTask('Dlq', { destination: 'Retry' });
    at(sim, 1_000);
    expect(latest(sim)).toMatchObject({ status: 'COMPLETED', destinationArn: sim.queue('Retry').arn });
    expect(visibleBodies(sim, 'Retry')).toEqual(['direct', 'o1']);
  });
});

describe('failures while running', () => {
  test('a destination that refuses a message fails the task; the message stays in the DLQ', () => {
    const sim = queues();
    sim.send('Dlq', { body: 'fits' });
    sim.send('Dlq', { body: 'x'.repeat(2_000) });
    sim.sqs.startMessageMoveTask('Dlq', { destination: 'Small' });
    at(sim, 1_000);
    expect(latest(sim)).toMatchObject({
      status: 'FAILED', approximateNumberOfMessagesMoved: 1,
      failureReason: expect.stringMatching(/^Small refused message \S+ \(InvalidParameterValue\): the message is 2000 bytes; the queue's MaximumMessageSize is 1024 bytes; it stays in Dlq$/),
    });
    expect(sim.queue('Dlq').counts.visible).toBe(1);
  });

  test('a task running 36 hours fails, having moved what it could', () => {
    const sim = queues({ trace: 'summary' });
    for (const body of numbered(130_000)) sim.send('Dlq', { body });
    sim.sqs.startMessageMoveTask('Dlq', { destination: 'Retry', maxNumberOfMessagesPerSecond: 1 });
    at(sim, 36 * 3_600_000 - 1);
    expect(latest(sim).status).toBe('RUNNING');
    at(sim, 36 * 3_600_000);
    expect(latest(sim)).toMatchObject({ status: 'FAILED', approximateNumberOfMessagesMoved: 129_599, failureReason: 'the task ran 36 hours, the longest a message move task runs' });
  });
});

describe('FIFO dead-letter queues', () => {
  test('a FIFO DLQ gives each message its message id as deduplication id; the redrive keeps group order', () => {
    const sim = queues();
    deadLetter(sim, 'Fifo', ['a1', 'a2'], { groupId: 'a' });
    deadLetter(sim, 'Fifo', ['b1'], { groupId: 'b' });
    const inDlq = sim.queue('FifoDlq').visible;
    expect(inDlq.map((m) => m.deduplicationId)).toEqual(inDlq.map((m) => m.messageId));
    sim.sqs.startMessageMoveTask('FifoDlq');
    at(sim, 1_000);
    const back = sim.receive('Fifo', { maxMessages: 10 });
    expect(back.map((m) => [m.groupId, m.body])).toEqual([['a', 'a1'], ['a', 'a2'], ['b', 'b1']]);
  });

  test('fails if the destination is not of the DLQ\'s type', () => {
    const sim = queues();
    expect(() => sim.sqs.startMessageMoveTask('FifoDlq', { destination: 'Retry' }))
      .toThrow('InvalidParameterValue: Retry is standard and FifoDlq is not: a move task\'s destination must be of the dead-letter queue\'s type');
  });
});

describe('CancelMessageMoveTask', () => {
  test('stops a task mid-way: what moved stays moved, the rest stays in the DLQ; CANCELLING, then CANCELLED at the next second', () => {
    const sim = queues();
    deadLetter(sim, 'Orders', numbered(50));
    const { taskHandle } = sim.sqs.startMessageMoveTask('Dlq', { maxNumberOfMessagesPerSecond: 10 });
    at(sim, 2_500);
    expect(sim.sqs.cancelMessageMoveTask(taskHandle)).toEqual({ approximateNumberOfMessagesMoved: 20 });
    expect(latest(sim)).toMatchObject({ status: 'CANCELLING', approximateNumberOfMessagesMoved: 20 });
    expect(latest(sim).taskHandle).toBeUndefined();
    at(sim, 3_000);
    expect(latest(sim)).toMatchObject({ status: 'CANCELLED', approximateNumberOfMessagesMoved: 20, approximateNumberOfMessagesToMove: 50 });
    at(sim, 10_000);
    expect(sim.queue('Orders').counts.visible).toBe(20);
    expect(visibleBodies(sim, 'Dlq')).toEqual(numbered(50).slice(20));
  });

  test('fails if the task is not RUNNING, or the handle names no task', () => {
    const sim = queues();
    deadLetter(sim, 'Orders', ['m']);
    const { taskHandle } = sim.sqs.startMessageMoveTask('Dlq');
    at(sim, 1_000);
    expect(() => sim.sqs.cancelMessageMoveTask(taskHandle)).toThrow('UnsupportedOperation: the message move task of Dlq is COMPLETED: only a RUNNING task can be cancelled');
    expect(() => sim.sqs.cancelMessageMoveTask('bm90IGEgaGFuZGxl')).toThrow(/^ResourceNotFoundException: no message move task has the handle bm90IGEgaGFuZGxl$/);
  });

  test('a handle is the base64 of the task id and the source ARN, as AWS writes it', () => {
    const sim = queues();
    const { taskHandle } = sim.sqs.startMessageMoveTask('Dlq');
    expect(JSON.parse(Buffer.from(taskHandle, 'base64').toString('utf8'))).toEqual({ taskId: expect.stringMatching(/^[0-9a-f-]{36}$/), sourceArn: sim.queue('Dlq').arn });
  });
});

describe('one active task per queue, and ListMessageMoveTasks', () => {
  test('fails if a task of the queue is RUNNING or CANCELLING; a new one starts once it has ended', () => {
    const sim = queues();
    deadLetter(sim, 'Orders', numbered(30));
    const first = sim.sqs.startMessageMoveTask('Dlq', { maxNumberOfMessagesPerSecond: 10 });
    const second = () => sim.sqs.startMessageMoveTask('Dlq', { maxNumberOfMessagesPerSecond: 5 });
    expect(second).toThrow('UnsupportedOperation: Dlq already has an active message move task (RUNNING): only one runs per queue; cancel it or wait for it to end');
    sim.sqs.cancelMessageMoveTask(first.taskHandle);
    expect(second).toThrow(/already has an active message move task \(CANCELLING\)/);
    at(sim, 1_000);
    second();
    // Another DLQ is not held up.
    sim.sqs.startMessageMoveTask('FifoDlq');
    expect(sim.sqs.listMessageMoveTasks('Dlq', { maxResults: 10 }).map((t) => [t.status, t.maxNumberOfMessagesPerSecond])).toEqual([['RUNNING', 5], ['CANCELLED', 10]]);
  });

  test('lists the most recent task by default, up to 10 newest first; MaxResults outside 1–10 fails', () => {
    const sim = queues();
    for (let i = 1; i <= 11; i++) {
      sim.sqs.startMessageMoveTask('Dlq', { maxNumberOfMessagesPerSecond: i });
      at(sim, i * 1_000);
    }
    expect(sim.sqs.listMessageMoveTasks('Dlq').map((t) => t.maxNumberOfMessagesPerSecond)).toEqual([11]);
    expect(sim.sqs.listMessageMoveTasks('Dlq', { maxResults: 10 }).map((t) => t.maxNumberOfMessagesPerSecond)).toEqual([11, 10, 9, 8, 7, 6, 5, 4, 3, 2]);
    expect(() => sim.sqs.listMessageMoveTasks('Dlq', { maxResults: 11 })).toThrow('InvalidParameterValue: value 11 for parameter MaxResults is invalid: it must be 1–10');
    expect(() => sim.sqs.listMessageMoveTasks('Dlq', { maxResults: 0 })).toThrow(/value 0 for parameter MaxResults/);
    expect(sim.sqs.listMessageMoveTasks('Orders')).toEqual([]);
  });
});

describe('StartMessageMoveTask refuses', () => {
  test.each([
    ['a queue that is no SQS queue\'s DLQ', 'Lonely', {}, 'InvalidParameterValue: Lonely is not the dead-letter queue of any SQS queue in the template: a move task redrives only a DLQ of SQS queues (not one of SNS subscriptions or Lambda functions)'],
    ['a rate of 0', 'Dlq', { maxNumberOfMessagesPerSecond: 0 }, 'InvalidParameterValue: value 0 for parameter MaxNumberOfMessagesPerSecond is invalid: it must be a whole number 1–500'],
    ['a rate of 501', 'Dlq', { maxNumberOfMessagesPerSecond: 501 }, 'value 501 for parameter MaxNumberOfMessagesPerSecond is invalid'],
    ['a rate of 2.5', 'Dlq', { maxNumberOfMessagesPerSecond: 2.5 }, 'value 2.5 for parameter MaxNumberOfMessagesPerSecond is invalid'],
    ['the DLQ as its own destination', 'Dlq', { destination: 'Dlq' }, 'InvalidParameterValue: the destination is the source queue Dlq'],
  ])('fails if given %s: an InvalidRequestError with AWS\'s code', (_, dlq, options, message) => {
    const sim = queues();
    expect(() => sim.sqs.startMessageMoveTask(dlq, options)).toThrow(InvalidRequestError);
    expect(() => sim.sqs.startMessageMoveTask(dlq, options)).toThrow(message);
    expect(sim.sqs.listMessageMoveTasks(dlq)).toEqual([]);
  });

  test('fails if the destination is not a queue of the template', () => {
    expect(() => queues().sqs.startMessageMoveTask('Dlq', { destination: 'arn:aws:sqs:us-east-1:123456789012:elsewhere' }))
      .toThrow(/^No resource arn:aws:sqs:us-east-1:123456789012:elsewhere in stack SimulatedStack \(expected an SQS queue\)/);
  });

  test('fails if the only source\'s RedrivePolicy is refused by the DLQ\'s RedriveAllowPolicy: it is no DLQ on AWS', () => {
    const sim = queues({}, { Dlq: queue('dlq', { RedriveAllowPolicy: { redrivePermission: 'denyAll' } }) });
    expect(() => sim.sqs.startMessageMoveTask('Dlq')).toThrow(/Dlq is not the dead-letter queue of any SQS queue in the template/);
  });

  test('fails with OverLimit past 100 active tasks in the account', () => {
    const extra = Object.fromEntries(Array.from({ length: 101 }, (_, i) => [[`S${i}`, queue(`s${i}`, redrive(`D${i}`, 1))], [`D${i}`, queue(`d${i}`)]]).flat());
    const sim = queues({}, extra);
    for (let i = 0; i < 100; i++) sim.sqs.startMessageMoveTask(`D${i}`);
    expect(() => sim.sqs.startMessageMoveTask('D100')).toThrow('OverLimit: the account already runs 100 message move tasks, the most SQS allows');
  });
});
