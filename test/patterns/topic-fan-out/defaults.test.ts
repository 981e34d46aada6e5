import { App, CfnElement, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as sns from 'aws-cdk-lib/aws-sns';
import { TopicFanOut } from '../../../lib';

// GIVEN a fan-out with nothing but its subscribers, synthesized once for the file (in beforeAll, so a throw fails the tests)
let stack: Stack;
let fanOut: TopicFanOut;
let template: Template;
beforeAll(() => {
  stack = new Stack(new App(), 'Defaults');
  fanOut = new TopicFanOut(stack, 'Orders', {
    subscribers: {
      billing: { filter: { eventType: ['order_placed'] } },
      shipping: { filter: { order: { total: [{ numeric: ['>', 100] }] } }, filterScope: 'MessageBody', rawMessageDelivery: true },
      audit: {},
    },
  });
  template = Template.fromStack(stack);
});
const ref = (c: { node: { defaultChild?: unknown } }) => stack.resolve((c.node.defaultChild as { ref: string }).ref);
const arn = (q: { queueArn: string }) => stack.resolve(q.queueArn);

describe('TopicFanOut defaults', () => {
  test('one customer-managed key, with rotation, encrypts the topic and every queue', () => {
    template.resourceCountIs('AWS::KMS::Key', 1);
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    const keyArn = stack.resolve(fanOut.encryptionKey.keyArn);
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: keyArn, TopicName: Match.anyValue() });
    const queues = template.findResources('AWS::SQS::Queue');
    expect(Object.keys(queues)).toHaveLength(9);
    for (const queue of Object.values(queues)) expect(queue.Properties.KmsMasterKeyId).toEqual(keyArn);
  });

  test('the key lets SNS use it only for this topic (aws:SourceArn), never unconditioned', () => {
    const policy = template.findResources('AWS::KMS::Key');
    const statements: { Principal?: { Service?: string }; Condition?: unknown }[] =
      Object.values(policy)[0].Properties.KeyPolicy.Statement;
    const sns = statements.filter((s) => s.Principal?.Service === 'sns.amazonaws.com');
    expect(sns).toHaveLength(1);
    expect(sns[0]).toMatchObject({ Action: ['kms:Decrypt', 'kms:GenerateDataKey*'], Condition: { ArnEquals: { 'aws:SourceArn': expect.anything() } } });
    const topicName = Object.values(template.findResources('AWS::SNS::Topic')).find((t) => t.Properties.TopicName)!.Properties.TopicName;
    expect(JSON.stringify(sns[0].Condition)).toContain(`":sns:",{"Ref":"AWS::Region"},":",{"Ref":"AWS::AccountId"},":${topicName}"`);
  });

  test('each queue admits sqs:SendMessage from this topic only', () => {
    for (const name of fanOut.subscriberNames) {
      template.hasResourceProperties('AWS::SQS::QueuePolicy', {
        Queues: [ref(fanOut.queue(name) as never)],
        PolicyDocument: {
          Statement: Match.arrayWith([Match.objectLike({
            Effect: 'Allow',
            Action: 'sqs:SendMessage',
            Principal: { Service: 'sns.amazonaws.com' },
            Condition: { ArnEquals: { 'aws:SourceArn': ref(fanOut.topic as never) } },
          })]),
        },
      });
    }
  });

  test('topic and queues refuse requests without TLS (enforceSSL)', () => {
    const denyInsecure = Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]);
    template.hasResourceProperties('AWS::SNS::TopicPolicy', { PolicyDocument: { Statement: denyInsecure } });
    for (const name of fanOut.subscriberNames) {
      for (const queue of [fanOut.queue(name), fanOut.deadLetterQueue(name), fanOut.subscriptionDeadLetterQueue(name)]) {
        template.hasResourceProperties('AWS::SQS::QueuePolicy', { Queues: [ref(queue as never)], PolicyDocument: { Statement: denyInsecure } });
      }
    }
  });

  test('each queue long-polls and moves a message to its DLQ after 5 receives; the DLQ keeps it 14 days', () => {
    for (const name of fanOut.subscriberNames) {
      template.hasResourceProperties('AWS::SQS::Queue', {
        ReceiveMessageWaitTimeSeconds: 20,
        RedrivePolicy: { deadLetterTargetArn: arn(fanOut.deadLetterQueue(name)), maxReceiveCount: 5 },
      });
    }
    const dlqs = fanOut.subscriberNames.flatMap((n) => [fanOut.deadLetterQueue(n), fanOut.subscriptionDeadLetterQueue(n)]);
    const queues = template.findResources('AWS::SQS::Queue');
    for (const dlq of dlqs) expect(queues[stack.getLogicalId(dlq.node.defaultChild as never)].Properties.MessageRetentionPeriod).toBe(1_209_600);
  });

  test('each subscription keeps failed deliveries in its own subscription DLQ and waits for the queue policy', () => {
    for (const name of fanOut.subscriberNames) {
      const logicalId = stack.getLogicalId(fanOut.subscription(name).node.defaultChild as never);
      const subscription = template.findResources('AWS::SNS::Subscription')[logicalId];
      expect(subscription.Properties.RedrivePolicy).toEqual({ deadLetterTargetArn: arn(fanOut.subscriptionDeadLetterQueue(name)) });
      const queuePolicy = fanOut.queue(name).node.findChild('Policy').node.defaultChild as CfnElement;
      expect(subscription.DependsOn).toEqual(expect.arrayContaining([stack.getLogicalId(queuePolicy)]));
    }
  });

  test('filter policies are written as given, with their scope; no filter means every message', () => {
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Endpoint: arn(fanOut.queue('billing')),
      FilterPolicy: { eventType: ['order_placed'] },
      FilterPolicyScope: 'MessageAttributes',
    });
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Endpoint: arn(fanOut.queue('shipping')),
      FilterPolicy: { order: { total: [{ numeric: ['>', 100] }] } },
      FilterPolicyScope: 'MessageBody',
      RawMessageDelivery: true,
    });
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Endpoint: arn(fanOut.queue('audit')),
      FilterPolicy: Match.absent(),
      RawMessageDelivery: Match.absent(),
    });
  });

  test('alarms watch both DLQs and the oldest message of each subscriber, and failed deliveries of the topic; all notify the alarm topic', () => {
    template.resourceCountIs('AWS::CloudWatch::Alarm', 3 * 3 + 1);
    const alarmTopic = ref(fanOut.alarmTopic as never);
    for (const alarm of Object.values(template.findResources('AWS::CloudWatch::Alarm'))) {
      expect(alarm.Properties.AlarmActions).toEqual([alarmTopic]);
    }
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'NumberOfNotificationsFailed', Namespace: 'AWS/SNS' });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'ApproximateAgeOfOldestMessage', Threshold: 900 });
    expect(fanOut.alarms('billing')).toHaveLength(3);
  });

  test('CloudWatch may publish to the encrypted alarm topic only for this account\'s alarms', () => {
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      Topics: [ref(fanOut.alarmTopic as never)],
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({
        Principal: { Service: 'cloudwatch.amazonaws.com' },
        Condition: { ArnLike: { 'aws:SourceArn': Match.anyValue() } },
      })]) },
    });
  });

  test('the key is kept when it leaves the stack (RETAIN, the CDK default for keys)', () => {
    template.hasResource('AWS::KMS::Key', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });

  test('metrics name what the alarms watch', () => {
    expect(fanOut.metricFailedDeliveries()).toMatchObject({ namespace: 'AWS/SNS', metricName: 'NumberOfNotificationsFailed', statistic: 'Sum' });
    expect(fanOut.metricDeadLetterQueueDepth('billing')).toMatchObject({ namespace: 'AWS/SQS', metricName: 'ApproximateNumberOfMessagesVisible', statistic: 'Maximum' });
    expect(fanOut.metricSubscriptionDeadLetterQueueDepth('billing').dimensions).toEqual({ QueueName: fanOut.subscriptionDeadLetterQueue('billing').queueName });
    expect(fanOut.metricOldestMessageAge('billing')).toMatchObject({ metricName: 'ApproximateAgeOfOldestMessage', period: expect.anything() });
  });

  test('the queue of an unknown subscriber is an error naming the subscribers there are', () => {
    expect(() => fanOut.queue('nobody')).toThrow(/no subscriber named 'nobody'. Subscribers: billing, shipping, audit/);
  });
});

describe('TopicFanOut with an alarm topic of your own', () => {
  test('every alarm notifies it, and the pattern makes no topic of its own for alarms', () => {
    const own = new Stack(new App(), 'OwnAlarms');
    const pager = new sns.Topic(own, 'Pager');
    const withPager = new TopicFanOut(own, 'Orders', { alarmTopic: pager, subscribers: { a: {} } });
    const alarms = Template.fromStack(own).findResources('AWS::CloudWatch::Alarm');
    expect(Object.keys(alarms)).toHaveLength(4);
    for (const alarm of Object.values(alarms)) expect(alarm.Properties.AlarmActions).toEqual([own.resolve(pager.topicArn)]);
    expect(withPager.alarmTopic).toBe(pager);
    Template.fromStack(own).resourceCountIs('AWS::SNS::Topic', 2);
  });
});

describe('TopicFanOut grants', () => {
  let grantStack: Stack;
  let publisher: iam.Role;
  let consumer: iam.Role;
  let grants: Template;
  beforeAll(() => {
    grantStack = new Stack(new App(), 'Grants');
    const granted = new TopicFanOut(grantStack, 'Orders', { subscribers: { billing: {} } });
    publisher = new iam.Role(grantStack, 'Publisher', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    consumer = new iam.Role(grantStack, 'Consumer', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    granted.grantPublish(publisher);
    granted.grantConsumeMessages('billing', consumer);
    grants = Template.fromStack(grantStack);
  });
  const statementsOf = (role: iam.Role) => JSON.stringify(Object.values(grants.findResources('AWS::IAM::Policy'))
    .filter((p) => JSON.stringify(p.Properties.Roles) === JSON.stringify([grantStack.resolve(role.roleName)]))
    .map((p) => p.Properties.PolicyDocument.Statement));

  test('grantPublish allows sns:Publish on the topic and the key use encryption needs', () => {
    expect(statementsOf(publisher)).toMatch(/"sns:Publish"/);
    expect(statementsOf(publisher)).toMatch(/kms:GenerateDataKey/);
  });

  test('grantConsumeMessages allows receiving and deleting from the subscriber\'s queue, and decrypting', () => {
    expect(statementsOf(consumer)).toMatch(/sqs:ReceiveMessage/);
    expect(statementsOf(consumer)).toMatch(/sqs:DeleteMessage/);
    expect(statementsOf(consumer)).toMatch(/kms:Decrypt/);
    expect(statementsOf(consumer)).not.toMatch(/sns:Publish/);
  });
});
