import { SimulatedEnvironment } from '../../runtime';
import { TemplateResource } from '../../template';
import { SimulationWorld } from '../../world/world';
import { ApiAuthorizer } from './authorizer';
import { CognitoAuthorizer } from './cognito-authorizer';
import { GatewayResponseSetting } from './gateway-responses';
import { LambdaAuthorizer } from './lambda-authorizer';
import { ApiMethod } from './method';
import { ApiResource, ResourceMatch, matchResource } from './resource-tree';
import { PER_PATH_MEMO_LIMIT, RequestValidator, ScopeApi } from './request-scope';
import { ApiStage } from './stage';


/**
 * An AWS::ApiGateway::RestApi and what belongs to it in the template, assembled when the world is linked: the
 * resource tree with its methods, the stages, the authorizers, the request validators, the gateway responses and
 * the resource policy (its `execute-api:/…` shorthand written out as ARNs).
 */
export class RestApi implements ScopeApi {
  public readonly root: ApiResource;
  public readonly methods: ApiMethod[] = [];
  public readonly stages = new Map<string, ApiStage>();
  public readonly authorizers = new Map<string, ApiAuthorizer>();
  public readonly validators = new Map<string, RequestValidator>();
  public readonly gatewayResponses = new Map<string, GatewayResponseSetting>();
  /** The resource policy, with `execute-api:/…` resources as full ARNs; undefined without one. */
  public policy: unknown = undefined;
  /** `arn:aws:execute-api:{region}:{account}:{apiId}/`, set when linked. */
  public executeArnPrefix = '';
  private readonly routes = new Map<string, ResourceMatch | null>();

  constructor(
    public readonly logicalId: string,
    /** The API id (`Ref`): ten lower-case letters and digits. */
    public readonly id: string,
    /** Its Name: the `ApiName` dimension of its metrics. */
    public readonly name: string,
    rootResourceId: string,
    /** `HEADER` (the `x-api-key` header) or `AUTHORIZER` (a Lambda authorizer's `usageIdentifierKey`). */
    public readonly apiKeySource: 'HEADER' | 'AUTHORIZER',
    /** `REGIONAL`, `EDGE` or `PRIVATE`. */
    public readonly endpointType: string,
    private readonly rawPolicy: unknown,
  ) {
    this.root = new ApiResource(undefined, rootResourceId, '', undefined);
  }

  public static fromTemplate(r: TemplateResource): RestApi {
    const endpoint = r.prop('EndpointConfiguration') as { Types?: unknown[] } | undefined;
    return new RestApi(r.logicalId, String(r.ref), r.stringProp('Name') ?? r.logicalId, String(r.getAtt('RootResourceId')),
      r.stringProp('ApiKeySourceType') === 'AUTHORIZER' ? 'AUTHORIZER' : 'HEADER', String(endpoint?.Types?.[0] ?? 'EDGE'), r.jsonProp('Policy'));
  }

  /** `arn:aws:execute-api:{region}:{account}:{apiId}/`: what every method ARN of the API starts with. */
  public arnPrefix(env: SimulatedEnvironment): string {
    return `arn:${env.partition}:execute-api:${env.region}:${env.account}:${this.id}/`;
  }

  /** `{apiId}.execute-api.{region}.amazonaws.com`. */
  public domainName(env: SimulatedEnvironment): string {
    return `${this.id}.execute-api.${env.region}.${env.urlSuffix}`;
  }

  /** Where a normalized path leads, or undefined when no resource matches. */
  public route(path: string): ResourceMatch | undefined {
    let match = this.routes.get(path);
    if (match === undefined) {
      if (this.routes.size >= PER_PATH_MEMO_LIMIT) this.routes.clear();
      match = matchResource(this.root, path) ?? null;
      this.routes.set(path, match);
    }
    return match ?? undefined;
  }

  /** Collects the API's resources, methods, stages, authorizers, validators and gateway responses from the template. */
  public link(world: SimulationWorld): void {
    const mine = (type: string) => world.template.ofType(type).filter((r) => r.stringProp('RestApiId') === this.id);
    const resources = new Map<string, ApiResource>([[this.root.id, this.root]]);
    for (const r of mine('AWS::ApiGateway::Resource')) resources.set(String(r.ref), new ApiResource(r.logicalId, String(r.ref), r.stringProp('PathPart') ?? '', r.stringProp('ParentId')));
    // Parents before children, whatever the template's order.
    const attach = (node: ApiResource, seen: Set<ApiResource>): void => {
      if (node === this.root || node.parent || seen.has(node)) return;
      seen.add(node);
      const parent = resources.get(node.parentId ?? '');
      if (!parent) return;
      attach(parent, seen);
      parent.adopt(node);
    };
    for (const node of resources.values()) attach(node, new Set());
    for (const r of mine('AWS::ApiGateway::Method')) {
      const method = ApiMethod.fromTemplate(r);
      const resource = resources.get(method.resourceId);
      method.resource = resource;
      resource?.methods.set(method.httpMethod, method);
      this.methods.push(method);
    }
    for (const r of mine('AWS::ApiGateway::Stage')) {
      const stage = ApiStage.fromTemplate(r);
      this.stages.set(stage.name, stage);
    }
    for (const r of mine('AWS::ApiGateway::Deployment')) {
      const name = r.stringProp('StageName');
      if (name !== undefined && !this.stages.has(name)) this.stages.set(name, new ApiStage(r.logicalId, this.id, name, {}, []));
    }
    for (const r of mine('AWS::ApiGateway::Authorizer')) {
      const id = String(r.ref);
      const authorizer = r.stringProp('Type') === 'COGNITO_USER_POOLS' ? new CognitoAuthorizer(r, id, this.id) : new LambdaAuthorizer(r, id, this.id);
      if (authorizer instanceof CognitoAuthorizer) authorizer.link(world);
      this.authorizers.set(id, authorizer);
    }
    for (const r of mine('AWS::ApiGateway::RequestValidator')) {
      this.validators.set(String(r.ref), { parameters: r.booleanProp('ValidateRequestParameters') ?? false, body: r.booleanProp('ValidateRequestBody') ?? false });
    }
    for (const r of mine('AWS::ApiGateway::GatewayResponse')) {
      const setting = GatewayResponseSetting.fromTemplate(r);
      this.gatewayResponses.set(setting.responseType, setting);
    }
    this.executeArnPrefix = this.arnPrefix(world.runtime.environment);
    this.policy = expandPolicy(this.rawPolicy, this.executeArnPrefix.slice(0, -1));
  }
}

/** The resource policy with `execute-api:/{stage}/{VERB}/{path}` written as the method ARNs it stands for. */
function expandPolicy(policy: unknown, apiArn: string): unknown {
  if (!policy || typeof policy !== 'object') return undefined;
  const expand = (v: unknown): unknown => (typeof v === 'string' && v.startsWith('execute-api:') ? `${apiArn}${v.slice('execute-api:'.length)}` : Array.isArray(v) ? v.map(expand) : v);
  const statements = (policy as { Statement?: unknown }).Statement;
  const list = Array.isArray(statements) ? statements : statements ? [statements] : [];
  return {
    ...(policy as object),
    Statement: list.map((s: Record<string, unknown>) => ({
      ...s,
      ...(s.Resource !== undefined ? { Resource: expand(s.Resource) } : {}),
      ...(s.NotResource !== undefined ? { NotResource: expand(s.NotResource) } : {}),
    })),
  };
}
