import { Stack } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import { IConstruct } from 'constructs';
import { queueProvenance, topicProvenance } from '../../core';
import { ApiRoute } from './props';

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
    const key = route.queue ? queueProvenance(route.queue)?.encryptionKey : route.topic && topicProvenance(route.topic)?.encryptionKey;
    if (key) keys.add(key);
  }
  const [key] = keys;
  return keys.size === 1 && key instanceof kms.Key && Stack.of(key) === Stack.of(scope) ? key : undefined;
}
