import { App, CfnParameter, Duration, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { TopicFanOut, TopicFanOutProps } from '../../../lib';
import { queueProvenance, topicProvenance } from '../../../lib/core';

/**
 * What a fan-out records about the topic it makes, for a publisher given `fanOut.topic` (an AuthorizedApi route): its
 * owner, key, alarm topic, where encryptionKey and fifo are set, and which subscriber can receive a message carrying
 * which attribute names.
 */

function fanOut(props: TopicFanOutProps | ((stack: Stack) => TopicFanOutProps)): { stack: Stack; orders: TopicFanOut } {
  const stack = new Stack(new App(), 'Shop');
  return { stack, orders: new TopicFanOut(stack, 'Orders', typeof props === 'function' ? props(stack) : props) };
}

describe('the record of a topic the fan-out makes', () => {
  test('names the owner, its key, where encryptionKey and fifo are set (left to the pattern), and every subscriber with its filter\'s prop', () => {
    // GIVEN a fan-out with two subscribers and defaults
    const { orders } = fanOut({ subscribers: { billing: {}, audit: {} } });
    // WHEN its topic's record is read
    const record = topicProvenance(orders.topic)!;
    // THEN it is whole
    expect(record).toEqual({
      owner: orders,
      encryptionKey: orders.encryptionKey,
      alarmTopic: expect.any(Function),
      settings: {
        encryptionKey: { scope: orders, prop: 'encryptionKey', givenByUser: false, checkedByOwner: true },
        fifo: { scope: orders, prop: 'fifo', givenByUser: false, checkedByOwner: true },
      },
      subscribers: [
        { name: 'billing', filterLocation: { scope: orders, prop: 'subscribers.billing.filter' }, mayReceive: expect.any(Function) },
        { name: 'audit', filterLocation: { scope: orders, prop: 'subscribers.audit.filter' }, mayReceive: expect.any(Function) },
      ],
    });
  });

  test('says encryptionKey and fifo were given by the user when they were', () => {
    const { orders } = fanOut((s) => ({ encryptionKey: new kms.Key(s, 'Key'), fifo: false, subscribers: { billing: {} } }));
    expect(topicProvenance(orders.topic)!.settings).toEqual({
      encryptionKey: { scope: orders, prop: 'encryptionKey', givenByUser: true, checkedByOwner: true },
      fifo: { scope: orders, prop: 'fifo', givenByUser: true, checkedByOwner: true },
    });
  });

  test('its alarmTopic is the fan-out\'s alarm topic, made on first call when every alarm is off', () => {
    // GIVEN a fan-out with no alarm, so no alarm topic yet
    const { stack, orders } = fanOut({ alarms: false, subscribers: { billing: {} } });
    expect(orders.alarmTopic).toBeUndefined();
    // WHEN a reader asks the record for it
    const made = topicProvenance(orders.topic)!.alarmTopic!();
    // THEN the fan-out makes it, once, and it is the fan-out's
    expect(made.node.path).toBe('Shop/Orders/AlarmTopic');
    expect(topicProvenance(orders.topic)!.alarmTopic!()).toBe(made);
    expect(orders.alarmTopic).toBe(made);
    Template.fromStack(stack).resourceCountIs('AWS::SNS::Topic', 2);
  });
});

describe('which subscriber may receive a message with given attribute names', () => {
  /** mayReceive of the one subscriber, billing, given these subscriber props. */
  function mayReceive(billing: TopicFanOutProps['subscribers'][string] | ((stack: Stack) => TopicFanOutProps['subscribers'][string]), names: string[]): boolean {
    const { orders } = fanOut((s) => ({ subscribers: { billing: typeof billing === 'function' ? billing(s) : billing } }));
    return topicProvenance(orders.topic)!.subscribers[0].mayReceive(names);
  }

  test('a subscriber without a filter receives every message, with or without attributes', () => {
    expect(mayReceive({}, [])).toBe(true);
  });

  test('an attribute filter on eventType: a message with eventType may match, one without cannot', () => {
    const billing = { filter: { eventType: ['order_placed'] } };
    expect(mayReceive(billing, ['eventType'])).toBe(true);
    expect(mayReceive(billing, ['customer'])).toBe(false);
    expect(mayReceive(billing, [])).toBe(false);
  });

  test('an attribute filter written with filterScope MessageAttributes is judged the same way', () => {
    expect(mayReceive({ filter: { eventType: ['order_placed'] }, filterScope: 'MessageAttributes' }, ['customer'])).toBe(false);
  });

  test('a body filter is not decided by attributes: the message may be received', () => {
    expect(mayReceive({ filter: { eventType: ['order_placed'] }, filterScope: 'MessageBody' }, [])).toBe(true);
  });

  test('an attribute filter asking that eventType does not exist receives a message without it', () => {
    expect(mayReceive({ filter: { eventType: [{ exists: false }] } }, [])).toBe(true);
  });

  test('a filter with a value known only at deploy cannot be judged: the message may be received', () => {
    expect(mayReceive((s) => ({ filter: { eventType: [new CfnParameter(s, 'Type').valueAsString] } }), [])).toBe(true);
  });

  test('a filter written with the CDK\'s FilterOrPolicy.policy nests as SNS stores it, and is judged on its nested names', () => {
    // GIVEN a nested policy on the order's total, as the CDK's FilterOrPolicy.policy writes it
    const billing = { filter: { order: sns.FilterOrPolicy.policy({ total: sns.FilterOrPolicy.filter(sns.SubscriptionFilter.numericFilter({ greaterThan: 100 })) }) }, filterScope: 'MessageBody' as const };
    const { stack } = fanOut({ subscribers: { billing } });
    // THEN the subscription's filter policy is the nested conditions
    Template.fromStack(stack).hasResourceProperties('AWS::SNS::Subscription', { FilterPolicy: { order: { total: [{ numeric: ['>', 100] }] } }, FilterPolicyScope: 'MessageBody' });
  });
});

describe('a brought topic', () => {
  test('is the user\'s: the fan-out records nothing for it', () => {
    const { orders } = fanOut((s) => ({ topic: new sns.Topic(s, 'Mine'), subscribers: { billing: {} } }));
    expect(topicProvenance(orders.topic)).toBeUndefined();
  });
});

describe('the records of the queues the fan-out makes for a subscriber, whole', () => {
  // GIVEN a subscriber with a retention, a receive count and a dead-letter retention given, the rest left to the pattern
  let orders: TopicFanOut;
  beforeAll(() => {
    ({ orders } = fanOut({ subscribers: { billing: {
      queueProps: { retentionPeriod: Duration.days(2) }, maxReceiveCount: 7, deadLetterQueueProps: { retentionPeriod: Duration.days(10) },
    } } }));
  });

  const at = (prop: string, givenByUser: boolean) => ({ scope: orders, prop, givenByUser, checkedByOwner: true });

  test('the queue: owner, subscriber, key, alarm topic, dead-letter queue, the one-call hint, and where each setting is set', () => {
    expect(queueProvenance(orders.queue('billing'))).toEqual({
      owner: orders,
      name: 'billing',
      encryptionKey: orders.encryptionKey,
      alarmTopic: expect.any(Function),
      deadLetterQueue: orders.deadLetterQueue('billing'),
      oneCall: 'let Shop/Orders make the consumer with subscribers.billing.consumer, which derives the visibility timeout from the function',
      settings: {
        visibilityTimeout: at('subscribers.billing.queueProps.visibilityTimeout', false),
        retentionPeriod: at('subscribers.billing.queueProps.retentionPeriod', true),
        maxReceiveCount: at('subscribers.billing.maxReceiveCount', true),
        fifo: at('subscribers.billing.fifo', false),
        deadLetterRetentionPeriod: at('subscribers.billing.deadLetterQueueProps.retentionPeriod', true),
        encryptionKey: at('encryptionKey', false),
      },
    });
    expect(queueProvenance(orders.queue('billing'))!.alarmTopic!()).toBe(orders.alarmTopic);
  });

  test('the dead-letter queue: its settings are the subscriber\'s deadLetterQueueProps', () => {
    expect(queueProvenance(orders.deadLetterQueue('billing'))).toEqual({
      owner: orders,
      name: 'billing',
      encryptionKey: orders.encryptionKey,
      alarmTopic: expect.any(Function),
      settings: {
        visibilityTimeout: at('subscribers.billing.deadLetterQueueProps.visibilityTimeout', false),
        retentionPeriod: at('subscribers.billing.deadLetterQueueProps.retentionPeriod', true),
        fifo: at('subscribers.billing.fifo', false),
        encryptionKey: at('encryptionKey', false),
      },
    });
  });

  test('the subscription dead-letter queue: only the key', () => {
    expect(queueProvenance(orders.subscriptionDeadLetterQueue('billing'))).toEqual({
      owner: orders,
      name: 'billing',
      encryptionKey: orders.encryptionKey,
      alarmTopic: expect.any(Function),
      settings: { encryptionKey: at('encryptionKey', false) },
    });
  });
});
