import { App, Duration, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { REDRIVE_PERMISSIONS, TopicFanOut } from '../../../lib';
import { Simulation } from '../../../lib/simulator';

/**
 * Each subscriber's dead-letter queue admits its own queue only (RedriveAllowPolicy byQueue), which AWS Control Tower's
 * CT.SQS.PR.1 asks for and which closes the default (any queue of the account may use it); and its messages can be
 * redriven to the queue once their cause is fixed, by a principal given exactly what StartMessageMoveTask needs.
 */

// GIVEN a standard fan-out with two subscribers, one of them named by a prefix, and a FIFO one, in one stack,
// synthesized once (in beforeAll, so a throw fails the tests)
let stack: Stack;
let fanOut: TopicFanOut;
let named: TopicFanOut;
let fifo: TopicFanOut;
let operator: iam.Role;
let template: Template;
beforeAll(() => {
  stack = new Stack(new App(), 'Redrive');
  fanOut = new TopicFanOut(stack, 'Orders', { subscribers: { billing: {}, audit: { filter: { t: ['x'] } } } });
  named = new TopicFanOut(stack, 'Named', { queueNamePrefix: 'shop', subscribers: { audit: {} } });
  fifo = new TopicFanOut(stack, 'Ledger', { fifo: true, subscribers: { balances: {} } });
  operator = new iam.Role(stack, 'Operator', { assumedBy: new iam.AccountRootPrincipal() });
  fanOut.grantRedrive('billing', operator);
  template = Template.fromStack(stack);
});

const resolve = (value: unknown) => JSON.stringify(stack.resolve(value));
const cfnQueue = (q: sqs.IQueue) => q.node.defaultChild as sqs.CfnQueue;

describe('TopicFanOut dead-letter queues admit their own source queue only', () => {
  test.each([
    ['billing', 'fanOut'], ['audit', 'fanOut'], ['audit', 'named'], ['balances', 'fifo'],
  ] as const)('the dead-letter queue of %s names exactly its queue, by the ARN the queue has', (name, ownerName) => {
    const owner = { fanOut, named, fifo }[ownerName];
    const policy = cfnQueue(owner.deadLetterQueue(name)).redriveAllowPolicy as { redrivePermission: string; sourceQueueArns: unknown[] };
    expect(policy.redrivePermission).toBe('byQueue');
    expect(policy.sourceQueueArns).toHaveLength(1);
    // The same string as the queue's own ARN built from its name, and no reference to the queue (that would be a cycle).
    const queueName = cfnQueue(owner.queue(name)).queueName as string;
    expect(resolve(policy.sourceQueueArns[0])).toBe(resolve(stack.formatArn({ service: 'sqs', resource: queueName })));
    expect(resolve(policy.sourceQueueArns[0])).not.toContain('Fn::GetAtt');
  });

  test('the queues get physical names: generated, unique and within 80 characters; with .fifo on a FIFO queue; with the prefix when given', () => {
    const names = [fanOut.queue('billing'), fanOut.queue('audit'), fifo.queue('balances')].map((q) => cfnQueue(q).queueName as string);
    expect(new Set(names).size).toBe(3);
    expect(names.every((n) => /^[A-Za-z0-9_-]{1,75}(\.fifo)?$/.test(n) && n.length <= 80)).toBe(true);
    expect(names[2]).toMatch(/\.fifo$/);
    expect(cfnQueue(named.queue('audit')).queueName).toBe('shop-audit');
  });

  test('a subscription dead-letter queue admits only its subscriber\'s queue (denyAll fails CT.SQS.PR.1, allowAll admits any queue)', () => {
    const policy = cfnQueue(fanOut.subscriptionDeadLetterQueue('billing')).redriveAllowPolicy;
    expect(stack.resolve(policy)).toEqual({
      redrivePermission: 'byQueue',
      sourceQueueArns: [stack.resolve(fanOut.queue('billing').queueArn)],
    });
  });

  test('the simulator links each queue to its dead-letter queue: a message received maxReceiveCount times moves there', () => {
    const sim = Simulation.fromStack(stack, { seed: 1 });
    expect(sim.findings().filter((f) => f.code === 'decoupled-sim:redrive-not-allowed')).toEqual([]);
    const queue = fanOut.queue('audit');
    const { messageId } = sim.send(queue, { body: 'poison' });
    for (let receive = 0; receive <= 5; receive++) sim.receive(queue, { visibilityTimeout: Duration.seconds(0), waitTime: Duration.seconds(0) });
    expect(sim.queue(fanOut.deadLetterQueue('audit')).visible.map((m) => m.messageId)).toEqual([messageId]);
  });

  test('the simulator does report a dead-letter queue whose byQueue names another queue (the check above can fail)', () => {
    const other = new Stack(new App(), 'Other');
    const broken = new TopicFanOut(other, 'Orders', { subscribers: { a: {} } });
    cfnQueue(broken.deadLetterQueue('a')).redriveAllowPolicy = { redrivePermission: 'byQueue', sourceQueueArns: [other.formatArn({ service: 'sqs', resource: 'elsewhere' })] };
    const codes = Simulation.fromStack(other).findings().map((f) => f.code);
    expect(codes).toContain('decoupled-sim:redrive-not-allowed');
  });
});

describe('TopicFanOut.grantRedrive', () => {
  test('grants exactly the actions of a message move task: on the dead-letter queue, on the queue, and on the key both use', () => {
    const keyArn = stack.resolve(fanOut.encryptionKey.keyArn);
    const policies = Object.values(template.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: stack.getLogicalId(operator.node.defaultChild as iam.CfnRole) }] } }));
    expect(policies).toHaveLength(1);
    expect(policies[0].Properties.PolicyDocument.Statement).toEqual([
      { Effect: 'Allow', Action: [...REDRIVE_PERMISSIONS.deadLetterQueue].sort(), Resource: stack.resolve(fanOut.deadLetterQueue('billing').queueArn) },
      { Effect: 'Allow', Action: [...REDRIVE_PERMISSIONS.destination].sort(), Resource: stack.resolve(fanOut.queue('billing').queueArn) },
      { Effect: 'Allow', Action: ['kms:Decrypt', 'kms:GenerateDataKey'], Resource: keyArn },
    ]);
  });

  test('the actions are those AWS documents for StartMessageMoveTask, ListMessageMoveTasks and CancelMessageMoveTask', () => {
    expect(REDRIVE_PERMISSIONS).toMatchObject({
      deadLetterQueue: ['sqs:StartMessageMoveTask', 'sqs:ListMessageMoveTasks', 'sqs:CancelMessageMoveTask', 'sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes'],
      destination: ['sqs:SendMessage', 'sqs:GetQueueAttributes'],
      deadLetterQueueKey: ['kms:Decrypt'],
      destinationKey: ['kms:GenerateDataKey', 'kms:Decrypt'],
    });
  });

  test('for a brought queue and its dead-letter queue, each with a key of its own: decrypt on the DLQ\'s key, encrypt and decrypt on the queue\'s', () => {
    const s = new Stack(new App(), 'Brought');
    const queueKey = kms.Key.fromKeyArn(s, 'QueueKey', 'arn:aws:kms:us-east-1:111111111111:key/queue');
    const dlqKey = new kms.Key(s, 'DlqKey');
    const dlq = new sqs.Queue(s, 'Dlq', { encryptionMasterKey: dlqKey, retentionPeriod: Duration.days(14) });
    const queue = new sqs.Queue(s, 'Queue', { encryptionMasterKey: queueKey, deadLetterQueue: { queue: dlq, maxReceiveCount: 5 } });
    const brought = new TopicFanOut(s, 'Orders', { subscribers: { a: { queue } } });
    const role = new iam.Role(s, 'Operator', { assumedBy: new iam.AccountRootPrincipal() });
    brought.grantRedrive('a', role);
    const statements = Object.values(Template.fromStack(s).findResources('AWS::IAM::Policy'))[0].Properties.PolicyDocument.Statement;
    expect(statements).toEqual([
      { Effect: 'Allow', Action: [...REDRIVE_PERMISSIONS.deadLetterQueue].sort(), Resource: s.resolve(dlq.queueArn) },
      { Effect: 'Allow', Action: [...REDRIVE_PERMISSIONS.destination].sort(), Resource: s.resolve(queue.queueArn) },
      { Effect: 'Allow', Action: 'kms:Decrypt', Resource: s.resolve(dlqKey.keyArn) },
      { Effect: 'Allow', Action: ['kms:Decrypt', 'kms:GenerateDataKey'], Resource: 'arn:aws:kms:us-east-1:111111111111:key/queue' },
    ]);
  });

  test('fails if the subscriber\'s brought queue has no dead-letter queue to redrive', () => {
    const s = new Stack(new App(), 'NoDlq');
    const brought = new TopicFanOut(s, 'Orders', { subscribers: { a: { queue: new sqs.Queue(s, 'Q') } } });
    expect(() => brought.grantRedrive('a', new iam.Role(s, 'R', { assumedBy: new iam.AccountRootPrincipal() })))
      .toThrow(/subscribers.a.queue was brought without a dead-letter queue/);
  });
});
