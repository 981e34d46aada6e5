import { App, CfnResource, Duration, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { InvalidRequestError, Simulation } from '../../../lib/simulator';
import { MOVE_TASK_PERMISSIONS } from '../../../lib/simulator/services/sqs/move-task-permissions';
import { RoleCaller } from '../../../lib/simulator/world/calls';

// Who may redrive a DLQ: a role caller needs StartMessageMoveTask, ReceiveMessage, DeleteMessage and
// GetQueueAttributes on the DLQ, SendMessage on each destination, and the keys (Decrypt on the DLQ's key,
// GenerateDataKey and Decrypt on a destination's): the actions `grantRedrive` grants, granted here the CDK way.

const logicalId = (c: { node: { defaultChild?: unknown } }) => Stack.of(c as never).resolve((c.node.defaultChild as CfnResource).logicalId) as string;

function app() {
  const stack = new Stack(new App(), 'Redrive');
  const dlqKey = new kms.Key(stack, 'DlqKey');
  const ordersKey = new kms.Key(stack, 'OrdersKey');
  const dlq = new sqs.Queue(stack, 'Dlq', { encryptionMasterKey: dlqKey });
  const orders = new sqs.Queue(stack, 'Orders', { encryptionMasterKey: ordersKey, deadLetterQueue: { queue: dlq, maxReceiveCount: 1 } });
  const payments = new sqs.Queue(stack, 'Payments', { deadLetterQueue: { queue: dlq, maxReceiveCount: 1 } });
  const retry = new sqs.Queue(stack, 'Retry');
  const role = (id: string) => new iam.Role(stack, id, { assumedBy: new iam.AccountRootPrincipal() });

  /** What grantRedrive grants for a redrive to the sources. */
  const operator = role('Operator');
  dlq.grant(operator, ...MOVE_TASK_PERMISSIONS.deadLetterQueue);
  dlqKey.grantDecrypt(operator);
  orders.grantSendMessages(operator);
  payments.grantSendMessages(operator);

  /** The DLQ actions but not the DLQ's key, and only one of the two sources. */
  const partial = role('Partial');
  dlq.grant(partial, ...MOVE_TASK_PERMISSIONS.deadLetterQueue);
  payments.grantSendMessages(partial);

  /** SendMessage on the encrypted source, but only Decrypt on its key. */
  const noDataKey = role('NoDataKey');
  dlq.grant(noDataKey, ...MOVE_TASK_PERMISSIONS.deadLetterQueue);
  dlqKey.grantDecrypt(noDataKey);
  orders.grant(noDataKey, 'sqs:SendMessage');
  ordersKey.grantDecrypt(noDataKey);

  /** A redrive to Retry: no source queue, no source key. */
  const toRetry = role('ToRetry');
  dlq.grant(toRetry, ...MOVE_TASK_PERMISSIONS.deadLetterQueue);
  dlqKey.grantDecrypt(toRetry);
  retry.grantSendMessages(toRetry);

  /** Everything but StartMessageMoveTask itself; and ListMessageMoveTasks, CancelMessageMoveTask, PurgeQueue. */
  const watcher = role('Watcher');
  dlq.grant(watcher, 'sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:ListMessageMoveTasks', 'sqs:CancelMessageMoveTask', 'sqs:PurgeQueue');
  dlqKey.grantDecrypt(watcher);
  orders.grantSendMessages(watcher);
  payments.grantSendMessages(watcher);

  const fn = new lambda.Function(stack, 'Redriver', {
    runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => ({});'), role: operator,
  });
  return { sim: Simulation.fromStack(stack), dlq, retry, operator, partial, noDataKey, toRetry, watcher, fn, dlqKey, ordersKey, orders, payments };
}

// One synthesis for the file: each test leaves no task running (one active task per queue) and no purge in progress.
// In a hook, so a simulator that throws fails the tests rather than the file.
let a: ReturnType<typeof app>;
beforeAll(() => {
  a = app();
});
afterEach(() => {
  for (const task of a.sim.sqs.listMessageMoveTasks(a.dlq)) if (task.status === 'RUNNING') a.sim.sqs.cancelMessageMoveTask(task.taskHandle!);
  a.sim.advance(Duration.seconds(60));
});

describe('StartMessageMoveTask as a role', () => {
  const arn = (q: sqs.Queue) => a.sim.queue(q).arn;
  const keyArn = (k: kms.Key) => a.sim.template.resource(logicalId(k))!.getAtt('Arn');

  test('what grantRedrive grants is enough to redrive to the sources, as the role or as a function with it', () => {
    expect(a.sim.sqs.startMessageMoveTask(a.dlq, { as: a.operator }).taskHandle).toEqual(expect.any(String));
    a.sim.sqs.cancelMessageMoveTask(a.sim.sqs.listMessageMoveTasks(a.dlq)[0].taskHandle!);
    a.sim.advance(Duration.seconds(1));
    expect(a.sim.sqs.startMessageMoveTask(a.dlq, { as: a.fn }).taskHandle).toEqual(expect.any(String));
  });

  test('fails with AccessDenied listing every permission the role lacks: the DLQ\'s key, a source queue and its key', () => {
    const start = () => a.sim.sqs.startMessageMoveTask(a.dlq, { as: a.partial });
    expect(start).toThrow(InvalidRequestError);
    const message = (() => {
      try {
        start();
        return '';
      } catch (e) {
        return (e as Error).message;
      }
    })();
    expect(message).toMatch(/^AccessDenied: the caller lacks /);
    const lacked = [...message.matchAll(/(\w+:\w+) on (\S+) \(/g)].map(([, action, resource]) => `${action} on ${resource}`);
    expect(lacked).toEqual([`kms:Decrypt on ${keyArn(a.dlqKey)}`, `sqs:SendMessage on ${arn(a.orders)}`, `kms:GenerateDataKey on ${keyArn(a.ordersKey)}`, `kms:Decrypt on ${keyArn(a.ordersKey)}`]);
  });

  test('fails if the role may not generate a data key with the destination\'s key', () => {
    expect(() => a.sim.sqs.startMessageMoveTask(a.dlq, { as: a.noDataKey })).toThrow(new RegExp(`^AccessDenied: the caller lacks kms:GenerateDataKey on ${keyArn(a.ordersKey)} \\(`));
  });

  test('a redrive to a named queue needs SendMessage on that queue only', () => {
    expect(() => a.sim.sqs.startMessageMoveTask(a.dlq, { as: a.toRetry })).toThrow(/AccessDenied: the caller lacks sqs:SendMessage on .*Orders.*sqs:SendMessage on .*Payments/);
    expect(a.sim.sqs.startMessageMoveTask(a.dlq, { as: a.toRetry, destination: a.retry }).taskHandle).toEqual(expect.any(String));
  });

  test('fails if the role lacks sqs:StartMessageMoveTask, even with everything else', () => {
    expect(() => a.sim.sqs.startMessageMoveTask(a.dlq, { as: a.watcher })).toThrow(new RegExp(`^AccessDenied: the caller lacks sqs:StartMessageMoveTask on ${arn(a.dlq)} \\(no policy of Watcher\\w+ allows sqs:StartMessageMoveTask`));
  });
});

describe('the other move task calls and PurgeQueue as a role', () => {
  test('ListMessageMoveTasks, CancelMessageMoveTask and PurgeQueue each need their own action on the queue', () => {
    const { taskHandle } = a.sim.sqs.startMessageMoveTask(a.dlq);
    expect(() => a.sim.sqs.listMessageMoveTasks(a.dlq, { as: a.operator })).toThrow(/^AccessDenied: the caller lacks sqs:ListMessageMoveTasks on /);
    expect(() => a.sim.sqs.cancelMessageMoveTask(taskHandle, { as: a.operator })).toThrow(/^AccessDenied: the caller lacks sqs:CancelMessageMoveTask on /);
    expect(() => a.sim.sqs.purgeQueue(a.dlq, { as: a.operator })).toThrow(/^AccessDenied: the caller lacks sqs:PurgeQueue on /);
    expect(a.sim.sqs.listMessageMoveTasks(a.dlq, { as: a.watcher })).toHaveLength(1);
    expect(a.sim.sqs.cancelMessageMoveTask(taskHandle, { as: a.watcher })).toEqual({ approximateNumberOfMessagesMoved: 0 });
    a.sim.sqs.purgeQueue(a.dlq, { as: a.watcher });
  });

  test('fails if `as` names something that is neither a role nor a function', () => {
    expect(() => a.sim.sqs.startMessageMoveTask(a.dlq, { as: a.retry })).toThrow(/^Retry\w+ is an AWS::SQS::Queue: `as` takes an IAM role or a Lambda function of the template/);
  });
});

describe('through world.calls, as code running with a role would call it', () => {
  const caller = (role: iam.Role): RoleCaller => ({ kind: 'role', roleArn: a.sim.template.resource(logicalId(role))!.getAtt('Arn') as string, roleKind: 'task role', runsIn: 'Worker' });
  const dlqArn = () => a.sim.queue(a.dlq).arn;

  test('the IAM guard refuses a role without sqs:StartMessageMoveTask before SQS is asked', () => {
    expect(a.sim.world.calls.bind(caller(a.watcher), 'sqs:StartMessageMoveTask', dlqArn()).refusal)
      .toMatch(/^the task role may not sqs:StartMessageMoveTask: no policy of Watcher\w+ allows sqs:StartMessageMoveTask/);
  });

  test('SQS checks the rest: a role lacking a key or a source gets the reason; one with all starts the task, then lists and cancels it', () => {
    const refused = a.sim.world.calls.call(caller(a.partial), 'sqs:StartMessageMoveTask', dlqArn(), {});
    expect(refused).toEqual({ ok: false, reason: expect.stringMatching(/^AccessDenied: the caller lacks kms:Decrypt on /) });
    const started = a.sim.world.calls.call(caller(a.operator), 'sqs:StartMessageMoveTask', dlqArn(), { maxNumberOfMessagesPerSecond: 5 });
    expect(started).toEqual({ ok: true, output: { taskHandle: expect.any(String) } });
    const taskHandle = started.ok ? started.output.taskHandle : '';
    expect(a.sim.world.calls.call(caller(a.watcher), 'sqs:ListMessageMoveTasks', dlqArn(), {})).toEqual({
      ok: true, output: { results: [expect.objectContaining({ taskHandle, status: 'RUNNING', maxNumberOfMessagesPerSecond: 5 })] },
    });
    const unknownRole: RoleCaller = { kind: 'role', roleArn: undefined, roleKind: 'task role', runsIn: 'Worker' };
    expect(a.sim.world.calls.call(unknownRole, 'sqs:CancelMessageMoveTask', a.sim.queue(a.orders).arn, { taskHandle }))
      .toEqual({ ok: false, reason: expect.stringMatching(/^ResourceNotFoundException: .* is not a task of Orders/) });
    expect(a.sim.world.calls.call(caller(a.watcher), 'sqs:CancelMessageMoveTask', dlqArn(), { taskHandle })).toEqual({ ok: true, output: { approximateNumberOfMessagesMoved: 0 } });
    expect(a.sim.world.calls.call(caller(a.watcher), 'sqs:PurgeQueue', dlqArn(), {})).toEqual({ ok: true, output: {} });
  });
});
