import * as sns from 'aws-cdk-lib/aws-sns';
import { SubscriberFilter } from './props';

/**
 * Turns a subscriber's filter into the JSON policy SNS stores. Plain JSON passes through; the CDK's
 * `SubscriptionFilter` and `FilterOrPolicy` values become the conditions they stand for.
 */
export function toFilterPolicy(filter: SubscriberFilter): Record<string, unknown> {
  const policy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(filter)) policy[key] = toPolicyValue(value);
  return policy;
}

function toPolicyValue(value: unknown): unknown {
  if (value instanceof sns.SubscriptionFilter) return value.conditions;
  if (value instanceof sns.Filter) return value.filterDoc.conditions;
  if (value instanceof sns.Policy) return toFilterPolicy(value.policyDoc);
  return value;
}
