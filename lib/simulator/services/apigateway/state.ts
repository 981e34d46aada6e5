import { API_GATEWAY_LIMITS } from '../../../core/limits';
import { TraceCounter } from '../../trace';
import { SimulationWorld } from '../../world/world';
import { FunctionRole, functionRole } from '../iam/role-policies';
import { StageMetrics } from './metrics';
import type { ScopeApi } from './request-scope';
import type { ApiStage } from './stage';
import { TokenBucket } from './throttle';
import { ApiKey, UsagePlan } from './usage-plan';

/** The account's throttle in the Region, shared by every API (AWS-FACTS §5.2): 10,000 requests per second, burst 5,000. */
export interface AccountThrottle {
  readonly rateLimit: number;
  readonly burstLimit: number;
}

export const DEFAULT_ACCOUNT_THROTTLE: AccountThrottle = {
  rateLimit: API_GATEWAY_LIMITS.accountRate.default!,
  burstLimit: API_GATEWAY_LIMITS.accountBurst.default!,
};

/** What every API of one simulation shares: the account's bucket, API keys and usage plans, roles read, metrics. */
export class ApiGatewayState {
  public account: TokenBucket;
  private readonly roles = new Map<string, FunctionRole | undefined>();
  private readonly metrics = new Map<ApiStage, StageMetrics>();
  private keys: Map<string, ApiKey> | undefined;
  private readonly counters = new Map<string, TraceCounter>();

  constructor(private readonly world: SimulationWorld, throttle: AccountThrottle = DEFAULT_ACCOUNT_THROTTLE) {
    this.account = new TokenBucket(throttle.rateLimit, throttle.burstLimit);
  }

  /** The account's limits, for method settings that set only one of rate and burst. */
  public get accountLimits(): { readonly rate: number; readonly burst: number } {
    return { rate: this.account.rate, burst: this.account.burst };
  }

  /** An API key by its value. */
  public apiKey(value: string): ApiKey | undefined {
    this.keys ??= new Map(this.world.all(ApiKey).map((k) => [k.value, k]));
    return this.keys.get(value);
  }

  /** The usage plan that covers this API stage and holds the key (API Gateway allows one per key and stage). */
  public planFor(key: ApiKey, apiId: string, stage: string): UsagePlan | undefined {
    return this.world.all(UsagePlan).find((p) => p.keys.includes(key) && p.covers(apiId, stage));
  }

  /** A role of the template with its policies, read once. */
  public role(roleArn: string): FunctionRole | undefined {
    if (!this.roles.has(roleArn)) this.roles.set(roleArn, functionRole(this.world, roleArn));
    return this.roles.get(roleArn);
  }

  /** Counts a trace event in a summary trace, with a count cell fetched once per type. */
  public count(type: 'apigateway.answered' | 'apigateway.rejected'): void {
    let c = this.counters.get(type);
    if (!c) {
      c = this.world.runtime.trace.counter(type);
      this.counters.set(type, c);
    }
    c.n++;
  }

  /** A stage's AWS/ApiGateway metrics, published on first use. */
  public stageMetrics(api: ScopeApi, stage: ApiStage): StageMetrics {
    let m = this.metrics.get(stage);
    if (!m) {
      m = new StageMetrics(this.world.metrics, api.name, stage.name);
      this.metrics.set(stage, m);
    }
    return m;
  }
}

const states = new WeakMap<SimulationWorld, ApiGatewayState>();

/** The API Gateway state of a simulation, made on first use. */
export function apiGatewayState(world: SimulationWorld): ApiGatewayState {
  let s = states.get(world);
  if (!s) {
    s = new ApiGatewayState(world);
    states.set(world, s);
  }
  return s;
}
