import { attributeMatches } from './attribute-fields';
import { BodyField, BodyPaths, consistent, FlatBody } from './body-fields';
import { Condition, parseFilterPolicy } from './policy-parser';
import type { CompiledFilterPolicy, FilterMessage, FilterScope, MessageAttributeValue } from './types';

const hasOwn = Object.prototype.hasOwnProperty;

function hasAnyKey(record: object): boolean {
  for (const key in record) {
    if (hasOwn.call(record, key)) {
      return true;
    }
  }
  return false;
}

function fieldMatches(condition: Condition, field: BodyField): boolean {
  const { existsTrue, test } = condition.matcher;
  // AWS "Key matching": exists:true needs "a non-null and non-empty value".
  return (existsTrue && field.value !== null) || (test !== undefined && test(field.value));
}

/**
 * Finds, for every condition of a branch, a matching body value such that all the chosen values
 * are array-consistent (see BodyField.membership). Backtracks only when arrays force it.
 */
function branchMatchesBody(branch: readonly Condition[], fields: FlatBody, index: number,
  chosen: Array<readonly number[] | null>): boolean {
  if (index === branch.length) {
    return true;
  }
  const condition = branch[index];
  const candidates = fields.get(condition.path);
  if (candidates === undefined) {
    return condition.matcher.existsFalse && branchMatchesBody(branch, fields, index + 1, chosen);
  }
  for (const field of candidates) {
    if (!fieldMatches(condition, field) || !chosen.every((m) => consistent(m, field.membership))) {
      continue;
    }
    chosen.push(field.membership);
    const found = branchMatchesBody(branch, fields, index + 1, chosen);
    chosen.pop();
    if (found) {
      return true;
    }
  }
  return false;
}

class CompiledPolicy implements CompiledFilterPolicy {
  private readonly branches: ReadonlyArray<ReadonlyArray<Condition>>;
  private readonly bodyPaths: BodyPaths;

  /** A branch of no condition (the empty policy `{}`) lets every message through, whatever its attributes or body. */
  private readonly matchesEverything: boolean;

  constructor(readonly policy: object, readonly scope: FilterScope) {
    const parsed = parseFilterPolicy(policy, scope);
    if (parsed.errors.length > 0) {
      throw new Error(`Invalid SNS filter policy (${scope} scope):\n${parsed.errors.map((e) => `  - ${e}`).join('\n')}`);
    }
    this.branches = parsed.branches;
    this.matchesEverything = parsed.branches.some((b) => b.length === 0);
    this.bodyPaths = new BodyPaths(parsed.branches.flatMap((b) => b.map((c) => c.path)));
  }

  matches(message: FilterMessage): boolean {
    if (this.matchesEverything) {
      return true;
    }
    return this.scope === 'MessageBody' ? this.matchesBody(message.body) : this.matchesAttributes(message.attributes);
  }

  private matchesAttributes(attributes: Record<string, MessageAttributeValue> | undefined): boolean {
    if (attributes === undefined) {
      return false;
    }
    const branches = this.branches;
    for (let b = 0; b < branches.length; b++) {
      const branch = branches[b];
      let all = true;
      let anyPresent = false;
      for (let i = 0; i < branch.length; i++) {
        const condition = branch[i];
        const attribute = hasOwn.call(attributes, condition.path) ? attributes[condition.path] : undefined;
        anyPresent ||= attribute !== undefined;
        if (!attributeMatches(condition, attribute)) {
          all = false;
          break;
        }
      }
      // AWS "Key matching": "exists": false "only matches if at least one attribute is present. An empty set of
      // attributes results in the filter not matching." Nothing else can match one, so only a branch that matched
      // without finding any attribute needs to look whether there is one.
      if (all && (anyPresent || hasAnyKey(attributes))) {
        return true;
      }
    }
    return false;
  }

  private matchesBody(body: string | undefined): boolean {
    // A body that is not a JSON object matches nothing, not even a policy of only exists:false:
    // AWS "Payload-based filtering" assumes a well-formed JSON object, and "Key matching" says an
    // empty set of properties never matches. Recorded against AWS: localstack
    // test_filter_policy_on_message_body (plain text and a JSON string are both filtered out).
    const fields = this.bodyPaths.flatten(body);
    if (fields === undefined) {
      return false;
    }
    const chosen: Array<readonly number[] | null> = [];
    return this.branches.some((branch) => branchMatchesBody(branch, fields, 0, chosen));
  }
}

/**
 * Parses a policy once for matching many messages. Throws an Error listing every reason SNS
 * would reject the policy.
 */
export function compileFilterPolicy(policy: object, scope: FilterScope = 'MessageAttributes'): CompiledFilterPolicy {
  return new CompiledPolicy(policy, scope);
}
