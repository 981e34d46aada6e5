import { compileFilterPolicy } from './compiled-policy';
import type { FilterMessage, FilterScope } from './types';

/**
 * Whether SNS would deliver the message to a subscription with this policy. Parses the policy on
 * every call; use compileFilterPolicy to match many messages. Throws if SNS would reject the policy.
 */
export function filterPolicyMatches(policy: object, message: FilterMessage, scope: FilterScope = 'MessageAttributes'): boolean {
  return compileFilterPolicy(policy, scope).matches(message);
}
