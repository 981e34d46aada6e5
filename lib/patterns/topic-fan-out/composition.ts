import { Duration, Token } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { QueueSettingLocation, TopicSubscriberRecord, alarmWanted, queueShapingSettings, recordQueueProvenance, recordTopicProvenance, withPropOrigin } from '../../core';
import { attributeNamesMayMatch } from '../../filter-policy';
import { QueueConsumer } from '../queue-consumer';
import { CONSUMER_ALARM_NAMES } from '../queue-consumer/alarms';
import { toFilterPolicy } from './filter';
import { SubscriberConsumerProps, SubscriberProps, TopicFanOutProps } from './props';

/** What a fan-out shares with the patterns given one of its queues. */
export interface SharedWithReaders {
  readonly owner: Construct;
  /** The subscriber's name. */
  readonly name: string;
  readonly encryptionKey: kms.IKey;
  readonly alarmTopic: () => sns.ITopic;
}

/** The queues of one subscriber. */
export interface SubscriberQueues {
  readonly queue: sqs.IQueue;
  readonly deadLetterQueue?: sqs.IQueue;
  readonly subscriptionDeadLetterQueue: sqs.IQueue;
}

/**
 * Records, for each queue the fan-out made for a subscriber, where its settings are changed
 * (`subscribers.<name>.queueProps.visibilityTimeout` on the fan-out), so a QueueConsumer or another pattern
 * given `fanOut.queue(name)` reuses the fan-out's key and alarm topic and names these props in its errors.
 * A brought queue is the user's: nothing is recorded for it.
 */
export function recordSubscriberProvenance(shared: SharedWithReaders, queues: SubscriberQueues, props: SubscriberProps, keyGiven: boolean): void {
  const subscriber = (prop: string) => ({ scope: shared.owner, prop: `subscribers.${shared.name}.${prop}` });
  const encryptionKey: QueueSettingLocation = { scope: shared.owner, prop: 'encryptionKey', givenByUser: keyGiven, checkedByOwner: true };
  if (!props.queue) {
    const settings = queueShapingSettings(subscriber, props);
    // The dead-letter queue's own queueProps are the subscriber's deadLetterQueueProps.
    const deadLetter = queueShapingSettings((prop) => subscriber(prop.replace(/^queueProps\./, 'deadLetterQueueProps.')), { ...props, queueProps: props.deadLetterQueueProps });
    recordQueueProvenance(queues.queue, {
      ...shared,
      deadLetterQueue: queues.deadLetterQueue,
      settings: { ...settings, deadLetterRetentionPeriod: deadLetter.retentionPeriod, encryptionKey },
      oneCall: `let ${shared.owner.node.path} make the consumer with subscribers.${shared.name}.consumer, which derives the visibility timeout from the function`,
    });
    if (queues.deadLetterQueue) {
      const { visibilityTimeout, retentionPeriod, fifo } = deadLetter;
      recordQueueProvenance(queues.deadLetterQueue, { ...shared, settings: { visibilityTimeout, retentionPeriod, fifo, encryptionKey } });
    }
  }
  recordQueueProvenance(queues.subscriptionDeadLetterQueue, { ...shared, settings: { encryptionKey } });
}

/**
 * Records, for a topic the fan-out made, its key and where it is set, where `fifo` is set, and which subscriber
 * receives a message with which attributes: a publisher given `fanOut.topic` (an AuthorizedApi route) uses the key
 * and can tell when no subscriber would ever receive what it publishes. A brought topic is the user's: nothing is
 * recorded for it.
 */
export function recordTopicFanOutProvenance(owner: Construct, topic: sns.ITopic, props: TopicFanOutProps, shared: Pick<SharedWithReaders, 'encryptionKey' | 'alarmTopic'>): void {
  if (props.topic) return;
  const at = (prop: string, given: unknown): QueueSettingLocation => ({ scope: owner, prop, givenByUser: given !== undefined, checkedByOwner: true });
  const subscribers = Object.entries(props.subscribers).map(([name, sub]): TopicSubscriberRecord => ({
    name,
    filterLocation: { scope: owner, prop: `subscribers.${name}.filter` },
    mayReceive: (names) => mayReceive(sub, names),
  }));
  recordTopicProvenance(topic, {
    owner,
    ...shared,
    settings: { encryptionKey: at('encryptionKey', props.encryptionKey), fifo: at('fifo', props.fifo) },
    subscribers,
  });
}

/** Whether a message with these attribute names can pass the subscriber's filter (always, when the attributes alone do not decide). */
function mayReceive(sub: SubscriberProps, names: readonly string[]): boolean {
  if (!sub.filter || (sub.filterScope ?? 'MessageAttributes') !== 'MessageAttributes') return true;
  const policy = toFilterPolicy(sub.filter);
  return Token.isUnresolved(JSON.stringify(policy)) || attributeNamesMayMatch(policy, names);
}

/** What `createSubscriberConsumer` needs from the fan-out. */
export interface SubscriberConsumerSource {
  readonly fanOut: Construct & { readonly encryptionKey: kms.IKey };
  readonly name: string;
  readonly queue: sqs.IQueue;
  readonly maxMessageAge: Duration;
  readonly consumer: SubscriberConsumerProps;
  readonly alarmTopic: () => sns.ITopic;
}

/**
 * The QueueConsumer of a subscriber's `consumer` prop, under the subscriber (`<fanOut>/<name>/Consumer`). It
 * takes the fan-out's key, alarm topic and `maxMessageAge`; its errors and warnings name the fan-out's props
 * (`subscribers.<name>.consumer.functionProps.timeout`), and the queue's visibility timeout, unless the user
 * gave one, is the one the consumer derives.
 */
export function createSubscriberConsumer(scope: Construct, s: SubscriberConsumerSource): QueueConsumer {
  const anyAlarm = CONSUMER_ALARM_NAMES.some((alarm) => alarmWanted(s.consumer.alarms, alarm));
  const at = `subscribers.${s.name}`;
  return new QueueConsumer(scope, 'Consumer', withPropOrigin({
    ...s.consumer,
    queue: s.queue,
    maxMessageAge: s.maxMessageAge,
    encryptionKey: s.fanOut.encryptionKey,
    alarmTopic: anyAlarm ? s.alarmTopic() : undefined,
  }, {
    scope: s.fanOut,
    prefix: `${at}.consumer.`,
    renames: { queue: `${at}.queue`, maxMessageAge: `${at}.maxMessageAge`, encryptionKey: 'encryptionKey', alarmTopic: 'alarmTopic' },
  }));
}
