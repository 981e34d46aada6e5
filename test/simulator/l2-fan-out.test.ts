import { App, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subs from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Simulation } from '../../lib/simulator';

// A stack from plain aws-cdk-lib L2 constructs, synthesized once for the file.
const app = new App();
const stack = new Stack(app, 'Plain');
const topic = new sns.Topic(stack, 'Orders');
const billing = new sqs.Queue(stack, 'Billing');
const audit = new sqs.Queue(stack, 'Audit');
const bigOrders = new sqs.Queue(stack, 'BigOrders');
const subscriptionDlq = new sqs.Queue(stack, 'SubscriptionDlq');
const key = new kms.Key(stack, 'Key', { removalPolicy: RemovalPolicy.DESTROY });
const encrypted = new sqs.Queue(stack, 'Encrypted', { encryption: sqs.QueueEncryption.KMS, encryptionMasterKey: key });
const work = new sqs.Queue(stack, 'Work', { visibilityTimeout: Duration.seconds(10), deadLetterQueue: { queue: new sqs.Queue(stack, 'WorkDlq'), maxReceiveCount: 2 } });
topic.addSubscription(new subs.SqsSubscription(billing, { filterPolicy: { eventType: sns.SubscriptionFilter.stringFilter({ allowlist: ['order_placed'] }) } }));
topic.addSubscription(new subs.SqsSubscription(audit, { rawMessageDelivery: true, deadLetterQueue: subscriptionDlq }));
topic.addSubscription(new subs.SqsSubscription(bigOrders, {
  filterPolicyWithMessageBody: { total: sns.FilterOrPolicy.filter(sns.SubscriptionFilter.numericFilter({ greaterThan: 100 })) },
}));
topic.addSubscription(new subs.SqsSubscription(encrypted));

describe('a stack of plain aws-cdk-lib constructs', () => {
  let sim: Simulation;
  beforeEach(() => {
    sim = Simulation.fromStack(stack, { seed: 1 });
  });

  test('an attribute filter policy lets through only matching messages', () => {
    sim.publish(topic, { message: '{"total": 120}', attributes: { eventType: 'order_placed' } });
    sim.publish(topic, { message: '{"total": 5}', attributes: { eventType: 'order_cancelled' } });
    expect(sim.queue(billing).visible.length).toBe(1);
    expect(sim.queue(audit).visible.length).toBe(2);
    expect(sim.trace.count('sns.filteredOut')).toBe(2);
  });

  test('a MessageBody filter policy is applied to the message body', () => {
    sim.publish(topic, { message: '{"total": 120}' });
    sim.publish(topic, { message: '{"total": 99}' });
    const got = sim.receive(bigOrders, { maxMessages: 10 });
    expect(got.map((m) => JSON.parse(JSON.parse(m.body).Message).total)).toEqual([120]);
  });

  test('without raw delivery the body is the JSON envelope with AWS fields; with it the message and attributes pass as is', () => {
    sim.publish(topic, { message: 'hello', subject: 'greeting', attributes: { eventType: 'order_placed', total: 3 } });
    const [enveloped] = sim.receive(billing);
    const env = JSON.parse(enveloped.body);
    expect(Object.keys(env)).toEqual(['Type', 'MessageId', 'TopicArn', 'Subject', 'Message', 'Timestamp', 'SignatureVersion', 'Signature', 'SigningCertURL', 'UnsubscribeURL', 'MessageAttributes']);
    expect(env).toMatchObject({ Type: 'Notification', Message: 'hello', Subject: 'greeting', MessageAttributes: { total: { Type: 'Number', Value: '3' } } });
    expect(env.TopicArn).toMatch(/^arn:aws:sns:us-east-1:123456789012:Plain-Orders/);
    const [raw] = sim.receive(audit);
    expect(raw.body).toBe('hello');
    expect(raw.attributes.eventType).toEqual({ DataType: 'String', StringValue: 'order_placed' });
  });

  test('SNS delivers to a queue whose customer managed key lets sns.amazonaws.com use it', () => {
    sim.publish(topic, { message: 'x' });
    expect(sim.queue(encrypted).visible.length).toBe(1);
  });

  test('a message received more than maxReceiveCount times moves to the DLQ', () => {
    sim.send(work, { body: 'poison' });
    for (let i = 0; i < 2; i++) {
      expect(sim.receive(work)).toHaveLength(1);
      sim.advance(Duration.seconds(10));
    }
    expect(sim.receive(work)).toHaveLength(0);
    expect(sim.queue('WorkDlq').visible.map((m) => m.body)).toEqual(['poison']);
    expect(sim.events({ type: 'sqs.movedToDeadLetterQueue', resource: work })).toHaveLength(1);
  });

  test('resources can be named by construct, construct path or logical id', () => {
    const id = stack.getLogicalId(billing.node.defaultChild as sqs.CfnQueue);
    expect(sim.queue('Plain/Billing')).toBe(sim.queue(billing));
    expect(sim.queue(id)).toBe(sim.queue(billing));
  });

  test('the CDK-built grants produce no error finding', () => {
    expect(sim.findings().filter((f) => f.severity === 'error')).toEqual([]);
  });
});
