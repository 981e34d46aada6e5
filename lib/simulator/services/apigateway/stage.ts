import { TemplateResource } from '../../template';
import type { ApiMethod } from './method';
import { TokenBucket } from './throttle';

/** One entry of a stage's MethodSettings: `*` on `/*` for every method, or one resource path and HTTP method. */
export interface MethodSetting {
  /** `/*`, or the resource path (`/orders/{id}`, decoded from CloudFormation's `/~1orders~1{id}`). */
  readonly resourcePath: string;
  /** `*` or an HTTP method. */
  readonly httpMethod: string;
  readonly rateLimit: number | undefined;
  readonly burstLimit: number | undefined;
}

/**
 * An AWS::ApiGateway::Stage (or a Deployment's `StageName`): its name, variables and method settings, and the
 * throttling buckets of its methods. Every method of the API is deployed to every stage.
 */
export class ApiStage {
  private readonly buckets = new Map<ApiMethod, TokenBucket | null>();

  constructor(
    public readonly logicalId: string,
    public readonly restApiId: string,
    public readonly name: string,
    public readonly variables: Readonly<Record<string, string>>,
    public readonly settings: readonly MethodSetting[],
  ) {}

  public static fromTemplate(r: TemplateResource): ApiStage {
    const settings = ((r.prop('MethodSettings') ?? []) as Record<string, unknown>[]).map((s) => ({
      resourcePath: decodeSettingPath(String(s.ResourcePath ?? '/*')),
      httpMethod: String(s.HttpMethod ?? '*').toUpperCase(),
      rateLimit: s.ThrottlingRateLimit === undefined ? undefined : Number(s.ThrottlingRateLimit),
      burstLimit: s.ThrottlingBurstLimit === undefined ? undefined : Number(s.ThrottlingBurstLimit),
    }));
    return new ApiStage(r.logicalId, r.stringProp('RestApiId') ?? '', r.stringProp('StageName') ?? '', (r.prop('Variables') ?? {}) as Record<string, string>, settings);
  }

  /**
   * The method's throttling bucket in this stage, from the most specific method setting that sets each limit
   * (its own path and method, then `*` on its path, then `*` on `/*`); undefined when no setting throttles it
   * (the account's limit still applies). A limit set without the other takes the account's for the other.
   */
  public bucketFor(method: ApiMethod, account: { readonly rate: number; readonly burst: number }): TokenBucket | undefined {
    let bucket = this.buckets.get(method);
    if (bucket === undefined) {
      const path = method.resource?.path ?? '/';
      const applicable = this.settings
        .filter((s) => (s.resourcePath === '/*' || s.resourcePath === path) && (s.httpMethod === '*' || s.httpMethod === method.httpMethod))
        .sort((a, b) => specificity(b, path) - specificity(a, path));
      const rate = applicable.find((s) => s.rateLimit !== undefined)?.rateLimit;
      const burst = applicable.find((s) => s.burstLimit !== undefined)?.burstLimit;
      bucket = rate === undefined && burst === undefined ? null : new TokenBucket(rate ?? account.rate, burst ?? account.burst);
      this.buckets.set(method, bucket);
    }
    return bucket ?? undefined;
  }
}

function specificity(s: MethodSetting, path: string): number {
  return (s.resourcePath === path ? 2 : 0) + (s.httpMethod === '*' ? 0 : 1);
}

/** `/~1orders~1{id}` → `/orders/{id}` (a method setting's path escapes `/` as `~1`); `/*` stays. */
export function decodeSettingPath(path: string): string {
  if (path === '/*') return path;
  return `/${path.replace(/^\//, '').replace(/~1/g, '/').replace(/^\//, '')}`;
}
