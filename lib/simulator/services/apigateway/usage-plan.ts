import { TemplateResource } from '../../template';
import type { ApiMethod } from './method';
import { TokenBucket } from './throttle';

/** An AWS::ApiGateway::ApiKey: its id, its value (given, or generated) and whether it is enabled. */
export class ApiKey {
  constructor(
    public readonly logicalId: string,
    public readonly id: string,
    public readonly value: string,
    /** CloudFormation's default is false; aws-cdk-lib writes true. */
    public readonly enabled: boolean,
  ) {}
}

interface Throttle {
  readonly rate: number;
  readonly burst: number;
}

/** Requests per client per DAY, WEEK or MONTH; `offset` requests fewer in the first period. */
interface Quota {
  readonly limit: number;
  readonly offset: number;
  readonly period: 'DAY' | 'WEEK' | 'MONTH';
}

/** One API stage of a plan, with per-method throttles (`/orders/{id}/GET` → limits). */
interface PlanStage {
  readonly apiId: string;
  readonly stage: string;
  readonly methodThrottles: ReadonlyMap<string, Throttle>;
}

/** What a key has used of a plan: its buckets, and its quota in the current period. */
class KeyUsage {
  public readonly methodBuckets = new Map<ApiMethod, TokenBucket | null>();
  public period = Number.NaN;
  public used = 0;
  constructor(public readonly bucket: TokenBucket | undefined) {}
}

export type PlanVerdict = 'allowed' | 'throttled' | 'quota';

/**
 * An AWS::ApiGateway::UsagePlan: the API stages it covers, its throttle and quota per API key (best effort on
 * AWS, exact here), and per-method throttles. Keys join it through AWS::ApiGateway::UsagePlanKey.
 */
export class UsagePlan {
  public readonly keys: ApiKey[] = [];
  private readonly usage = new Map<ApiKey, KeyUsage>();

  constructor(
    public readonly logicalId: string,
    public readonly id: string,
    public readonly stages: readonly PlanStage[],
    public readonly throttle: Throttle | undefined,
    public readonly quota: Quota | undefined,
  ) {}

  public static fromTemplate(r: TemplateResource): UsagePlan {
    const throttleOf = (t: unknown): Throttle | undefined => {
      const x = t as { RateLimit?: unknown; BurstLimit?: unknown } | undefined;
      return x && (x.RateLimit !== undefined || x.BurstLimit !== undefined) ? { rate: Number(x.RateLimit ?? Infinity), burst: Number(x.BurstLimit ?? Infinity) } : undefined;
    };
    const stages = ((r.prop('ApiStages') ?? []) as Record<string, unknown>[]).map((s) => ({
      apiId: String(s.ApiId),
      stage: String(s.Stage),
      methodThrottles: new Map(Object.entries((s.Throttle ?? {}) as Record<string, unknown>).flatMap(([k, v]) => {
        const t = throttleOf(v);
        return t ? [[k, t] as const] : [];
      })),
    }));
    const q = r.prop('Quota') as { Limit?: unknown; Offset?: unknown; Period?: unknown } | undefined;
    const quota = q?.Limit === undefined ? undefined : { limit: Number(q.Limit), offset: Number(q.Offset ?? 0), period: String(q.Period ?? 'DAY').toUpperCase() as Quota['period'] };
    return new UsagePlan(r.logicalId, String(r.ref), stages, throttleOf(r.prop('Throttle')), quota);
  }

  /** Whether the plan covers this API stage. */
  public covers(apiId: string, stage: string): boolean {
    return this.stages.some((s) => s.apiId === apiId && s.stage === stage);
  }

  /** Counts one request of `key` to `method` at `now`: its throttle (the plan's, then the method's), then its quota. */
  public admit(key: ApiKey, apiId: string, stage: string, method: ApiMethod, now: number, epochMs: number): PlanVerdict {
    let usage = this.usage.get(key);
    if (!usage) {
      usage = new KeyUsage(this.throttle && new TokenBucket(this.throttle.rate, this.throttle.burst));
      this.usage.set(key, usage);
    }
    if (usage.bucket && !usage.bucket.take(now)) return 'throttled';
    const methodBucket = this.methodBucket(usage, apiId, stage, method);
    if (methodBucket && !methodBucket.take(now)) return 'throttled';
    if (!this.quota) return 'allowed';
    const period = quotaPeriod(this.quota.period, epochMs);
    if (period !== usage.period) {
      // The first period counts from virtual time 0: it is the one `Offset` lowers.
      usage.used = Number.isNaN(usage.period) && period === quotaPeriod(this.quota.period, epochMs - now) ? this.quota.offset : 0;
      usage.period = period;
    }
    if (usage.used >= this.quota.limit) return 'quota';
    usage.used++;
    return 'allowed';
  }

  private methodBucket(usage: KeyUsage, apiId: string, stage: string, method: ApiMethod): TokenBucket | undefined {
    let bucket = usage.methodBuckets.get(method);
    if (bucket === undefined) {
      const throttles = this.stages.find((s) => s.apiId === apiId && s.stage === stage)?.methodThrottles;
      const t = throttles?.get(`${method.resource?.path ?? '/'}/${method.httpMethod}`);
      bucket = t ? new TokenBucket(t.rate, t.burst) : null;
      usage.methodBuckets.set(method, bucket);
    }
    return bucket ?? undefined;
  }
}

const DAY_MS = 86_400_000;

/**
 * The quota period an instant falls in, in UTC: days from midnight, weeks from Monday midnight (the ISO week;
 * AWS does not say which day a WEEK quota restarts), months from the first.
 */
export function quotaPeriod(period: Quota['period'], epochMs: number): number {
  const day = Math.floor(epochMs / DAY_MS);
  if (period === 'DAY') return day;
  // 1970-01-01 was a Thursday: Monday-based weeks start 3 days before day 0.
  if (period === 'WEEK') return Math.floor((day + 3) / 7);
  const d = new Date(epochMs);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
}
