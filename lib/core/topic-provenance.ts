import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { IConstruct } from 'constructs';
import { PropLocation } from './prop-location';
import { QueueSettingLocation } from './queue-provenance';

/** One subscription the pattern made on its topic, as a publisher needs to know it. */
export interface TopicSubscriberRecord {
  /** What the owner calls the subscriber (`fulfilment`). */
  readonly name: string;
  /** Where its filter is set (`subscribers.fulfilment.filter`). */
  readonly filterLocation: PropLocation;
  /**
   * Whether a message carrying exactly these attribute names (their values unknown) can reach the subscriber: true
   * for a subscriber without a filter or with a body filter, since the message attributes alone do not decide it.
   */
  readonly mayReceive: (attributeNames: readonly string[]) => boolean;
}

/**
 * What a pattern records about a topic it makes, for the patterns later given the topic (an AuthorizedApi route
 * that publishes to `fanOut.topic`): who owns it, the key it shares, where its settings are changed, and who
 * receives what is published.
 */
export interface TopicProvenance {
  /** The pattern that made the topic. */
  readonly owner: IConstruct;
  /** The key the owner encrypts the topic and what it makes with; a publisher uses it, a reader may reuse it. */
  readonly encryptionKey?: kms.IKey;
  /** The owner's alarm topic, made on first call: a reader's alarms notify it, so the composition has one. */
  readonly alarmTopic?: () => sns.ITopic;
  /** Where each setting is changed. */
  readonly settings: Readonly<Partial<Record<'encryptionKey' | 'fifo', QueueSettingLocation>>>;
  /** The subscriptions the owner made on the topic. */
  readonly subscribers: readonly TopicSubscriberRecord[];
}

const provenance = new WeakMap<sns.ITopic, TopicProvenance>();

/** Records who made `topic` and where its settings live. A pattern calls it for the topic it makes. */
export function recordTopicProvenance(topic: sns.ITopic, record: TopicProvenance): void {
  provenance.set(topic, record);
}

/** What the pattern that made `topic` recorded about it, if a pattern made it. */
export function topicProvenance(topic: sns.ITopic): TopicProvenance | undefined {
  return provenance.get(topic);
}
