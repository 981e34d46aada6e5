import { parseFilterPolicy } from './policy-parser';

/**
 * Whether a message that carries exactly the attributes `names` (their values not known yet) can match a policy of
 * MessageAttributes scope: some branch whose every key is among `names` or accepts the key's absence
 * (`{"exists": false}`). An attribute a policy names, missing from the message, matches nothing else (AWS "Amazon
 * SNS message filtering": key matching). Throws if SNS would reject the policy.
 */
export function attributeNamesMayMatch(policy: object, names: readonly string[]): boolean {
  const parsed = parseFilterPolicy(policy, 'MessageAttributes');
  if (parsed.errors.length > 0) {
    throw new Error(`Invalid SNS filter policy (MessageAttributes scope):\n${parsed.errors.map((e) => `  - ${e}`).join('\n')}`);
  }
  const given = new Set(names);
  return parsed.branches.some((branch) => branch.every((c) => given.has(c.path) || c.matcher.existsFalse));
}
