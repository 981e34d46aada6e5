import { CompiledFilterPolicy, compileFilterPolicy } from '../../../filter-policy';
import { SqsReceivedMessage } from '../sqs/received-message';

/**
 * An event source mapping's FilterCriteria (AWS-FACTS §4, "Filter criteria"): up to 5 patterns, OR'ed; the
 * fields inside one pattern AND'ed. For SQS a pattern names `body` (JSON fields when the body is a JSON
 * object, or the plain string when it is not); a JSON pattern on a plain body, or the reverse, does not match.
 *
 * The patterns are matched with the SNS filter policy engine in MessageBody scope (one implementation): the
 * record is presented as `{"body": <the parsed body or the plain string>}`. Lambda's event patterns and SNS
 * payload filter policies share their operator language (exact, prefix, suffix, anything-but, numeric,
 * exists, equals-ignore-case, $or); a pattern that engine rejects is reported with the engine's reason.
 */
export class EventFilter {
  private readonly patterns: CompiledFilterPolicy[];

  constructor(patterns: readonly object[]) {
    this.patterns = patterns.map((p) => compileFilterPolicy(p, 'MessageBody'));
  }

  public matches(m: SqsReceivedMessage): boolean {
    const view = JSON.stringify({ body: parseJsonObject(m.body) ?? m.body });
    return this.patterns.some((p) => p.matches({ body: view }));
  }
}

function parseJsonObject(body: string): object | undefined {
  const first = body.trimStart()[0];
  if (first !== '{' && first !== '[') return undefined;
  try {
    const v: unknown = JSON.parse(body);
    return typeof v === 'object' && v !== null ? v : undefined;
  } catch {
    return undefined;
  }
}

/** Reads FilterCriteria.Filters[].Pattern (JSON strings) from the template. */
export function filterPatterns(criteria: unknown): object[] {
  const filters = (criteria as { Filters?: { Pattern?: unknown }[] } | undefined)?.Filters ?? [];
  return filters.map((f, i) => {
    const p = f.Pattern;
    const parsed: unknown = typeof p === 'string' ? safeParse(p) : p;
    if (!parsed || typeof parsed !== 'object') throw new Error(`Filters[${i}].Pattern is not a JSON object`);
    return parsed as object;
  });
}

function safeParse(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return undefined;
  }
}
