import { SimulatedEnvironment } from '../../runtime';
import { SimulationWorld } from '../../world/world';
import { IncomingRequest } from './api-request';
import type { GatewayResponseSetting, GatewayResponseType } from './gateway-responses';
import type { ApiMethod } from './method';
import type { ApiStage } from './stage';

/**
 * Memos kept per path or method ARN (routes, a cached policy's decisions, Lambda permission decisions) start
 * afresh past this many entries, so a run over ever new paths does not keep every one of them.
 */
export const PER_PATH_MEMO_LIMIT = 10_000;

/** What an authorizer decided: go on (with what the integration learns of the caller), or API Gateway's answer. */
export type Authorization =
  | { readonly ok: true; readonly context: Record<string, unknown> | undefined; readonly usageIdentifierKey?: string }
  | { readonly ok: false; readonly type: GatewayResponseType; readonly reason: string; readonly message?: string };

/** An authorizer of the API, as a request sees it. */
export interface ScopeAuthorizer {
  /** Decides for one request. A Promise when an async Lambda handler has to answer first. */
  authorize(scope: RequestScope): Authorization | Promise<Authorization>;
}

/** An AWS::ApiGateway::RequestValidator: what a method with it checks before the integration. */
export interface RequestValidator {
  readonly parameters: boolean;
  readonly body: boolean;
}

/** What a request reads of its REST API (rest-api.ts). */
export interface ScopeApi {
  readonly logicalId: string;
  readonly id: string;
  /** The API's Name (its metrics' `ApiName`). */
  readonly name: string;
  /** `arn:aws:execute-api:{region}:{account}:{apiId}/`. */
  readonly executeArnPrefix: string;
  readonly apiKeySource: 'HEADER' | 'AUTHORIZER';
  /** The resource policy, ARNs written out. */
  readonly policy: unknown;
  readonly authorizers: ReadonlyMap<string, ScopeAuthorizer>;
  readonly validators: ReadonlyMap<string, RequestValidator>;
  readonly gatewayResponses: ReadonlyMap<string, GatewayResponseSetting>;
  domainName(env: SimulatedEnvironment): string;
}

/** The caller an IAM-authorized request was signed by (the `as` role). */
export interface SignedCaller {
  readonly roleArn: string;
  readonly roleName: string;
  /** `AROA…:session`: what `identity.caller` shows. */
  readonly callerId: string;
  /** `arn:aws:sts::{account}:assumed-role/{role}/{session}`. */
  readonly userArn: string;
}

/**
 * One request in flight: where it was routed, its ids and ARNs, and what the authorizer found. Built once per
 * request; the proxy event, the authorizer's event and the mapping templates read it.
 */
export class RequestScope {
  /** What the authorizer returned for the integration (`requestContext.authorizer`, `$context.authorizer`). */
  public authorizerContext: Record<string, unknown> | undefined = undefined;
  /** The API key the request used, once checked. */
  public apiKeyId: string | undefined = undefined;
  public apiKeyValue: string | undefined = undefined;
  /** Who signed the request, for AWS_IAM methods. */
  public caller: SignedCaller | undefined = undefined;
  /** Virtual milliseconds the authorizer took. */
  public authorizerLatencyMs = 0;

  constructor(
    public readonly world: SimulationWorld,
    public readonly api: ScopeApi,
    public readonly stage: ApiStage,
    public readonly request: IncomingRequest,
    public readonly method: ApiMethod,
    public readonly pathParameters: Record<string, string> | null,
    public readonly requestId: string,
    /** `arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/{VERB}/{path}`: what policies are evaluated against. */
    public readonly methodArn: string,
    public readonly now: number,
  ) {}

  /** The resource path of the method: `/orders/{id}`. */
  public get resourcePath(): string {
    return this.method.resource?.path ?? '/';
  }

  /** The request time as epoch milliseconds (virtual time 0 is the simulation's start time). */
  public get epochMs(): number {
    return this.world.runtime.epoch(this.now);
  }

  /** `$context.path`: the path with the stage in front, `/prod/orders/42`. */
  public get stagePath(): string {
    return `/${this.stage.name}${this.request.path === '/' ? '/' : this.request.path}`;
  }

  /** `$context.requestTime`: `01/Jan/2026:00:00:00 +0000`. */
  public get requestTime(): string {
    return clfTime(this.epochMs);
  }

  /** The `$context` variables the templates and identity sources read. */
  public context(): Record<string, unknown> {
    const env = this.world.runtime.environment;
    return {
      requestId: this.requestId,
      extendedRequestId: this.requestId,
      apiId: this.api.id,
      accountId: env.account,
      stage: this.stage.name,
      httpMethod: this.request.httpMethod,
      resourcePath: this.resourcePath,
      resourceId: this.method.resource?.id,
      path: this.stagePath,
      domainName: this.api.domainName(env),
      requestTimeEpoch: this.epochMs,
      requestTime: this.requestTime,
      protocol: 'HTTP/1.1',
      identity: { sourceIp: this.request.sourceIp, userAgent: this.request.header('user-agent'), apiKeyId: this.apiKeyId, apiKey: this.apiKeyValue, caller: this.caller?.callerId, userArn: this.caller?.userArn, accountId: this.caller ? env.account : undefined },
      authorizer: this.authorizerContext,
    };
  }
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

// Requests come many to a virtual second: the last second's text is kept.
let lastSecond = NaN;
let lastText = '';

/** `01/Jan/2026:00:00:00 +0000`, as `$context.requestTime` writes it. */
function clfTime(epochMs: number): string {
  const second = Math.floor(epochMs / 1000);
  if (second === lastSecond) return lastText;
  const d = new Date(second * 1000);
  const two = (n: number) => String(n).padStart(2, '0');
  lastText = `${two(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +0000`;
  lastSecond = second;
  return lastText;
}
