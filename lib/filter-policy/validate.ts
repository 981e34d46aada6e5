import { parseFilterPolicy } from './policy-parser';
import type { FilterScope } from './types';

/**
 * Every reason SNS would reject the policy for a subscription with this scope, each naming the
 * key it concerns; an empty list when SNS would accept it.
 */
export function validateFilterPolicy(policy: object, scope: FilterScope = 'MessageAttributes'): string[] {
  return [...parseFilterPolicy(policy, scope).errors];
}
