import { Duration } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { IConstruct } from 'constructs';
import { PropLocation } from './prop-location';

/** The settings of a queue a reader may need to name, or to derive. */
export type QueueSetting =
  | 'visibilityTimeout'
  | 'retentionPeriod'
  | 'maxReceiveCount'
  | 'deadLetterRetentionPeriod'
  | 'encryptionKey'
  | 'fifo';

/** Where a setting of the queue lives, and whether the user gave it or the owner chose it. */
export interface QueueSettingLocation extends PropLocation {
  /**
   * The user gave the value. When false the owner left it to a default, and a reader that knows better
   * may derive it (`raiseVisibilityTimeout`).
   */
  readonly givenByUser: boolean;
  /**
   * The owner already checks this setting against AWS's range and recommendations, so a reader need not
   * warn about it a second time.
   */
  readonly checkedByOwner: boolean;
}

/**
 * What a pattern records about a queue it makes, for the patterns that are later given the queue: who
 * owns it, what it shares, and where each setting is changed.
 *
 * A pattern given a queue (a QueueConsumer given `fanOut.queue('fulfilment')`) reads the record to reuse
 * the owner's key and alarm topic (one key, one alarm topic per composition), and to name the owner's prop
 * in an error (`Shop/Orders subscribers.fulfilment.queueProps.visibilityTimeout`) instead of a setting of a
 * queue the user never made. Alarms are not recorded here: `createAlarm` already merges two alarms on one
 * metric, whoever makes them.
 */
export interface QueueProvenance {
  /** The pattern that made the queue. */
  readonly owner: IConstruct;
  /** What the owner calls the queue among its own (`fulfilment`), if it makes several. */
  readonly name?: string;
  /** The key the owner encrypts what it makes with; a reader encrypts what it makes with the same one. */
  readonly encryptionKey?: kms.IKey;
  /**
   * The owner's alarm topic, made on first call if the owner has none yet (its own alarms are off): a
   * reader's alarms notify it, so the composition has one alarm topic.
   */
  readonly alarmTopic?: () => sns.ITopic;
  /** The queue's dead-letter queue, when it has one. */
  readonly deadLetterQueue?: sqs.IQueue;
  /** Where each setting is changed. A setting left out is not the owner's to change. */
  readonly settings: Readonly<Partial<Record<QueueSetting, QueueSettingLocation>>>;
  /**
   * How to get what the reader does in one call on the owner, appended to a fix
   * (`or let Shop/Orders make the consumer: subscribers.fulfilment.consumer`).
   */
  readonly oneCall?: string;
}

/** The props of a pattern that shape a queue it makes, in the convention the patterns share. */
export interface QueueShapingProps {
  readonly queueProps?: { readonly visibilityTimeout?: Duration; readonly retentionPeriod?: Duration };
  readonly maxReceiveCount?: number;
  readonly fifo?: boolean;
}

/**
 * The settings of a queue made from `queueProps`, `maxReceiveCount` and `fifo`: where each is set (`locate`
 * turns the prop into its location, `subscribers.<name>.queueProps.visibilityTimeout` on a fan-out) and whether
 * the user gave it. The owner checks each, so readers need not warn about them again.
 */
export function queueShapingSettings(locate: (prop: string) => PropLocation, given: QueueShapingProps): Partial<Record<QueueSetting, QueueSettingLocation>> {
  const at = (prop: string, value: unknown): QueueSettingLocation => ({ ...locate(prop), givenByUser: value !== undefined, checkedByOwner: true });
  return {
    visibilityTimeout: at('queueProps.visibilityTimeout', given.queueProps?.visibilityTimeout),
    retentionPeriod: at('queueProps.retentionPeriod', given.queueProps?.retentionPeriod),
    maxReceiveCount: at('maxReceiveCount', given.maxReceiveCount),
    fifo: at('fifo', given.fifo),
  };
}

const provenance = new WeakMap<sqs.IQueue, QueueProvenance>();

/** Records who made `queue` and where its settings live. A pattern calls it for every queue it makes. */
export function recordQueueProvenance(queue: sqs.IQueue, record: QueueProvenance): void {
  provenance.set(queue, record);
}

/** What the pattern that made `queue` recorded about it, if a pattern made it. */
export function queueProvenance(queue: sqs.IQueue): QueueProvenance | undefined {
  return provenance.get(queue);
}

/** `Shop/Orders subscribers.fulfilment.queueProps.visibilityTimeout`: a setting named with its construct path. */
export function describeLocation(location: PropLocation): string {
  return `${location.scope.node.path} ${location.prop}`;
}

/**
 * Raises the visibility timeout of a queue a pattern made to at least `atLeast`, when the user left it to
 * the owner's default: a consumer derives it from how long it may hold a message, as if it had made the
 * queue itself. Several readers each raise it; the queue keeps the longest.
 *
 * @returns false when the value is the user's (or the queue is not one a pattern made): check it instead
 */
export function raiseVisibilityTimeout(queue: sqs.IQueue, atLeast: Duration): boolean {
  const location = queueProvenance(queue)?.settings.visibilityTimeout;
  const cfn = queue.node.defaultChild;
  if (!location || location.givenByUser || !(cfn instanceof sqs.CfnQueue)) return false;
  const current = typeof cfn.visibilityTimeout === 'number' ? cfn.visibilityTimeout : 0;
  cfn.visibilityTimeout = Math.max(current, atLeast.toSeconds());
  return true;
}
