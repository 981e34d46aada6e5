import { Stack } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { IConstruct } from 'constructs';
import { PropLocation, TopicProvenance, isKnown, queueProvenance, topicProvenance } from '../../core';
import { ApiRoute } from './props';

/** How the messages of a queue or topic are encrypted, as far as the app can tell. */
export type TargetEncryptionKind =
  /** Not encrypted with KMS (SSE-SQS, or none): sending needs no key permission. */
  | 'no-kms-key'
  /** The AWS managed key (alias/aws/sqs, alias/aws/sns): its policy lets the target account's principals use it through the service. */
  | 'aws-managed-key'
  /** A customer-managed key made in this app: its policy trusts the account, so an IAM grant works. */
  | 'app-key'
  /** A key from outside the app: an IAM grant works only if its policy lets the account's IAM policies grant it. */
  | 'imported-key'
  /** An imported queue or topic without its key: the app cannot know. */
  | 'unknown';

/** What the pattern can read about the queue or topic a route sends to. */
export interface TargetFacts {
  readonly kind: 'queue' | 'topic';
  readonly fifo: boolean;
  /** Whether the service derives the deduplication id from the body (FIFO). */
  readonly contentBasedDeduplication: boolean;
  readonly encryption: TargetEncryptionKind;
  /** The key the integration role must use: for a queue another pattern made, that pattern's key. */
  readonly key?: kms.IKey;
  /** Where the key is set, when another pattern made the queue or topic (`Shop/Orders encryptionKey`). */
  readonly keyLocation?: PropLocation;
  /** Where `fifo` is set, when another pattern made the queue or topic (`Shop/Orders fifo`). */
  readonly fifoLocation?: PropLocation;
  /** Of a topic another pattern made: that pattern and the subscriptions it made on it. */
  readonly publishedTo?: Pick<TopicProvenance, 'owner' | 'subscribers'>;
  /** The target's account, when known. */
  readonly account?: string;
  /** The stack's account, when known. */
  readonly stackAccount?: string;
}

/** Whether a resolved key id names an AWS managed key (`alias/aws/sqs`), as a string or inside an ARN being joined. */
function awsManagedKey(keyId: unknown, service: 'sqs' | 'sns'): boolean {
  if (keyId === undefined) return false;
  const text = typeof keyId === 'string' ? keyId : JSON.stringify(keyId);
  return new RegExp(`alias/aws/${service}(?![\\w/-])`).test(text);
}

function accounts(scope: IConstruct, target: sqs.IQueue | sns.ITopic): Pick<TargetFacts, 'account' | 'stackAccount'> {
  const stackAccount = Stack.of(scope).account;
  return {
    account: isKnown(target.env.account) ? target.env.account : undefined,
    stackAccount: isKnown(stackAccount) ? stackAccount : undefined,
  };
}

/** A location without what the owner records beside it. */
function located(location: PropLocation | undefined): PropLocation | undefined {
  return location && { scope: location.scope, prop: location.prop };
}

function keyKind(key: kms.IKey | undefined): TargetEncryptionKind | undefined {
  if (!key) return undefined;
  return key instanceof kms.Key ? 'app-key' : 'imported-key';
}

/**
 * Reads a queue: one made in this app from its CloudFormation resource, an imported one from what it was imported with.
 * A queue another pattern made carries that pattern's record: its key, and where the key is set.
 */
export function queueFacts(scope: IConstruct, queue: sqs.IQueue): TargetFacts {
  const provenance = queueProvenance(queue);
  const key = provenance?.encryptionKey ?? queue.encryptionMasterKey;
  const base = {
    kind: 'queue' as const,
    fifo: queue.fifo,
    key,
    keyLocation: located(provenance?.settings.encryptionKey),
    fifoLocation: located(provenance?.settings.fifo),
    ...accounts(scope, queue),
  };
  if (!(queue instanceof sqs.Queue)) {
    return { ...base, contentBasedDeduplication: false, encryption: keyKind(key) ?? 'unknown' };
  }
  const cfn = queue.node.defaultChild as sqs.CfnQueue;
  const stack = Stack.of(queue);
  const contentBasedDeduplication = stack.resolve(cfn.contentBasedDeduplication) === true;
  const encryption = awsManagedKey(stack.resolve(cfn.kmsMasterKeyId), 'sqs') ? 'aws-managed-key' : keyKind(key) ?? 'no-kms-key';
  return { ...base, contentBasedDeduplication, encryption };
}

/**
 * Reads a topic: one made in this app from its CloudFormation resource, an imported one from what it was imported with.
 * A topic another pattern made carries that pattern's record: where its key and `fifo` are set, and its subscribers.
 */
export function topicFacts(scope: IConstruct, topic: sns.ITopic): TargetFacts {
  const provenance = topicProvenance(topic);
  const base = {
    kind: 'topic' as const,
    fifo: topic.fifo,
    contentBasedDeduplication: topic.contentBasedDeduplication,
    key: topic.masterKey,
    keyLocation: located(provenance?.settings.encryptionKey),
    fifoLocation: located(provenance?.settings.fifo),
    publishedTo: provenance && { owner: provenance.owner, subscribers: provenance.subscribers },
    ...accounts(scope, topic),
  };
  const cfn = topic.node.defaultChild;
  const keyId: unknown = cfn instanceof sns.CfnTopic ? Stack.of(topic).resolve(cfn.kmsMasterKeyId) : topic.masterKey && Stack.of(topic).resolve(topic.masterKey.keyArn);
  if (awsManagedKey(keyId, 'sns')) return { ...base, encryption: 'aws-managed-key' };
  return { ...base, encryption: keyKind(topic.masterKey) ?? (cfn instanceof sns.CfnTopic ? 'no-kms-key' : 'unknown') };
}

/** Reads what a route sends to: its queue or its topic (undefined for a function route). */
export function targetFacts(scope: IConstruct, route: ApiRoute): TargetFacts | undefined {
  if (route.queue) return queueFacts(scope, route.queue);
  return route.topic && topicFacts(scope, route.topic);
}
