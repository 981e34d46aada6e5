import { ResourceRef } from '../../resource-ref';
import { aResourceOfType } from '../../template';
import { FacadeContext } from '../../world/world';
import { ApiRequestOptions, ApiResponse, IncomingRequest } from './api-request';
import { signedCaller } from './iam-authorization';
import { handleRequest } from './pipeline';
import { SignedCaller } from './request-scope';
import { RestApi } from './rest-api';
import { ApiStage } from './stage';
import { AccountThrottle, apiGatewayState } from './state';
import { TokenBucket } from './throttle';
import { ApiKey } from './usage-plan';

/** `sim.apiGateway`: REST APIs as a client calls them. `Simulation.request` delegates here. */
export class ApiGatewayFacade {
  private lastRef: unknown = undefined;
  private lastApi: RestApi | undefined = undefined;

  constructor(private readonly context: FacadeContext) {}

  /**
   * Sends a request to a REST API of the template, at the current virtual time, and answers as API Gateway
   * would: the integration's response, or API Gateway's own (401, 403, 429, 5XX…). The API is named by its
   * construct (`api.restApi`, or a construct holding one REST API such as an AuthorizedApi), path or logical id.
   * The Promise resolves once every Lambda handler involved has answered; the clock does not move.
   */
  public async request(api: ResourceRef | object, options: ApiRequestOptions): Promise<ApiResponse> {
    const rest = this.restApi(api);
    const stage = this.stage(rest, options.stage);
    const caller = options.as === undefined ? undefined : this.signedBy(options.as);
    const response = handleRequest(this.context.world, rest, stage, new IncomingRequest(options), caller);
    const answered = response instanceof Promise ? await response : response;
    this.context.settle();
    return answered;
  }

  /** The REST API model: its resources, methods, stages, authorizers. */
  public restApi(ref: ResourceRef | object): RestApi {
    if (ref === this.lastRef) return this.lastApi!;
    const held = typeof ref === 'object' && ref !== null && 'restApi' in ref ? (ref as { restApi: ResourceRef }).restApi : ref as ResourceRef;
    const api = this.apiUnder(held) ?? this.context.model(held, RestApi, 'a REST API (AWS::ApiGateway::RestApi)');
    this.lastRef = ref;
    this.lastApi = api;
    return api;
  }

  /** The value of an API key of the template (generated when the template gives none), to send as `x-api-key`. */
  public apiKey(ref: ResourceRef): string {
    return this.context.model(ref, ApiKey, 'an API key (AWS::ApiGateway::ApiKey)').value;
  }

  /** The account's throttle in the Region, shared by every API (default 10,000 requests per second, burst 5,000). */
  public setAccountThrottle(throttle: AccountThrottle): void {
    apiGatewayState(this.context.world).account = new TokenBucket(throttle.rateLimit, throttle.burstLimit);
  }

  private stage(api: RestApi, name: string | undefined): ApiStage {
    if (name !== undefined) {
      const stage = api.stages.get(name);
      if (!stage) throw new Error(`${api.logicalId} has no stage ${name} (it has ${[...api.stages.keys()].join(', ') || 'none'})`);
      return stage;
    }
    if (api.stages.size === 1) return api.stages.values().next().value!;
    throw new Error(api.stages.size === 0
      ? `${api.logicalId} has no stage in the template (no AWS::ApiGateway::Stage, no Deployment with a StageName): it cannot be called`
      : `${api.logicalId} has the stages ${[...api.stages.keys()].join(', ')}: name one with { stage }`);
  }

  /** A path naming a construct that holds exactly one REST API (`Orders` for `Orders/Api`). */
  private apiUnder(ref: ResourceRef): RestApi | undefined {
    if (typeof ref !== 'string') return undefined;
    const world = this.context.world;
    const id = this.context.identify(ref);
    if (world.template.resource(id)) return undefined;
    const under = world.all(RestApi).filter((a) => {
      const path = world.template.resource(a.logicalId)?.constructPath;
      return path !== undefined && (path.startsWith(`${ref}/`) || path.includes(`/${ref}/`));
    });
    if (under.length > 1) throw new Error(`'${ref}' holds several REST APIs (${under.map((a) => a.logicalId).join(', ')}): name one`);
    return under[0];
  }

  /** The identity of a request made as a role of the template. */
  private signedBy(ref: ResourceRef): SignedCaller {
    const template = this.context.world.template;
    const r = template.resource(this.context.identify(ref));
    if (!r || r.type !== 'AWS::IAM::Role') throw new Error(`{ as } takes an IAM role of the template (AWS::IAM::Role); ${r ? `${r.logicalId} is ${aResourceOfType(r.type)}` : `no resource ${typeof ref === 'string' ? ref : this.context.identify(ref)}`}`);
    const env = this.context.world.runtime.environment;
    return signedCaller(String(r.getAtt('Arn')), String(r.getAtt('RoleId')), env.account, env.partition);
  }
}
