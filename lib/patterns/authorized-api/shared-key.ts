import { Stack } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { IConstruct } from 'constructs';
import { queueProvenance, topicProvenance } from '../../core';
import { ApiRoute } from './props';

/** What the pattern behind a route (a TopicFanOut, a QueueConsumer) shares with the patterns that send to it. */
interface Shared {
  readonly owner: IConstruct;
  readonly encryptionKey?: kms.IKey;
  readonly alarmTopic?: () => sns.ITopic;
}

function sharedBy(route: ApiRoute): Shared | undefined {
  if (route.queue) return queueProvenance(route.queue);
  return route.topic && topicProvenance(route.topic);
}

/**
 * The key of the pattern whose queues or topic the routes send to (a TopicFanOut's, a QueueConsumer's), when they
 * all share one: the API then encrypts its log groups with it, and the composition has one key.
 *
 * Only a key the app can edit, in the API's own stack: the key policy names the API's log groups (the execution log
 * group by the API's id), so a key in another stack would make the two stacks refer to each other.
 */
export function sharedMessageKey(scope: IConstruct, routes: Readonly<Record<string, ApiRoute>>): kms.IKey | undefined {
  const keys = new Set<kms.IKey>();
  for (const route of Object.values(routes)) {
    const key = sharedBy(route)?.encryptionKey;
    if (key) keys.add(key);
  }
  const [key] = keys;
  return keys.size === 1 && key instanceof kms.Key && Stack.of(key) === Stack.of(scope) ? key : undefined;
}

/**
 * The alarm topic of the pattern the routes send to, when they all send to one pattern's queues or topic: the API's
 * alarm notifies it, so the composition has one alarm topic. The owner makes it on first call, if its own alarms are
 * off. The API's stack already refers to the owner's (its routes name the queue or topic), so another stack is fine.
 */
export function sharedAlarmTopic(routes: Readonly<Record<string, ApiRoute>>): sns.ITopic | undefined {
  const owners = new Map<IConstruct, Shared>();
  for (const route of Object.values(routes)) {
    const shared = sharedBy(route);
    if (shared) owners.set(shared.owner, shared);
  }
  const [only] = owners.values();
  return owners.size === 1 ? only.alarmTopic?.() : undefined;
}
