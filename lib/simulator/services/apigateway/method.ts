import { API_GATEWAY_LIMITS } from '../../../core/limits';
import { TemplateError, TemplateResource } from '../../template';

/** One of an integration's IntegrationResponses: chosen by its SelectionPattern, or the default (none). */
export interface IntegrationResponse {
  readonly statusCode: number;
  /** Matched against the whole status code of the integration's answer; undefined for the default response. */
  readonly selectionPattern: RegExp | undefined;
  readonly templates: Readonly<Record<string, string>>;
  /** `method.response.header.<Name>` → a static `'value'` or `integration.response.header.<Name>`. */
  readonly parameters: Readonly<Record<string, string>>;
}

/** What a method hands the request to, as the template's `Integration` says. */
export type Integration =
  | { readonly kind: 'lambda-proxy'; readonly functionArn: string; readonly timeoutMs: number }
  | {
    readonly kind: 'sqs';
    /** The queue's ARN, from `arn:aws:apigateway:{region}:sqs:path/{account}/{queueName}`. */
    readonly queueArn: string;
    /** The role API Gateway calls SQS with (`Credentials`). */
    readonly credentials: string | undefined;
    readonly template: MappedRequest;
    readonly responses: readonly IntegrationResponse[];
    readonly timeoutMs: number;
  }
  | { readonly kind: 'mock'; readonly template: MappedRequest; readonly responses: readonly IntegrationResponse[] }
  | { readonly kind: 'not-simulated'; readonly description: string };

/** How a non-proxy integration maps the request: templates by content type, and what to do without one. */
export interface MappedRequest {
  readonly templates: Readonly<Record<string, string>>;
  /** WHEN_NO_MATCH (default), WHEN_NO_TEMPLATES or NEVER. */
  readonly passthrough: string;
  /** `integration.request.header.<Name>` → a static `'value'` or `method.request.…`. */
  readonly parameters: Readonly<Record<string, string>>;
}

/** A request parameter the method requires: `method.request.header.X-Tenant-Id: true`. */
export interface RequiredParameter {
  readonly location: 'header' | 'querystring' | 'path';
  readonly name: string;
}

export type AuthorizationType = 'NONE' | 'AWS_IAM' | 'CUSTOM' | 'COGNITO_USER_POOLS';

/** What a method knows of the resource it is on. */
export interface MethodResource {
  readonly id: string;
  /** `/orders/{id}`. */
  readonly path: string;
}

/** An AWS::ApiGateway::Method: how it is authorized, what it requires, and its integration. */
export class ApiMethod {
  /** The resource it is on (linked by the API). */
  public resource: MethodResource | undefined = undefined;

  constructor(
    public readonly logicalId: string,
    public readonly restApiId: string,
    public readonly resourceId: string,
    /** `GET`, `POST`…, or `ANY`. */
    public readonly httpMethod: string,
    public readonly authorizationType: AuthorizationType,
    public readonly authorizerId: string | undefined,
    public readonly scopes: readonly string[],
    public readonly apiKeyRequired: boolean,
    public readonly requiredParameters: readonly RequiredParameter[],
    public readonly validatorId: string | undefined,
    public readonly integration: Integration,
  ) {}

  /** `GET /orders/{id}`. */
  public get routeKey(): string {
    return `${this.httpMethod} ${this.resource?.path ?? '?'}`;
  }

  public static fromTemplate(r: TemplateResource): ApiMethod {
    const type = (r.stringProp('AuthorizationType') ?? 'NONE').toUpperCase();
    const authorizationType = (type === 'COGNITO_USER_POOLS' || type === 'CUSTOM' || type === 'AWS_IAM' ? type : 'NONE') as AuthorizationType;
    const scopes = r.prop('AuthorizationScopes');
    const params = (r.prop('RequestParameters') ?? {}) as Record<string, unknown>;
    const required: RequiredParameter[] = [];
    for (const [name, isRequired] of Object.entries(params)) {
      const m = /^method\.request\.(header|querystring|path)\.(.+)$/.exec(name);
      if (m && (isRequired === true || isRequired === 'true')) required.push({ location: m[1] as RequiredParameter['location'], name: m[2] });
    }
    return new ApiMethod(
      r.logicalId, r.stringProp('RestApiId') ?? '', r.stringProp('ResourceId') ?? '', (r.stringProp('HttpMethod') ?? 'ANY').toUpperCase(),
      authorizationType, r.stringProp('AuthorizerId'), Array.isArray(scopes) ? scopes.map(String) : [],
      r.booleanProp('ApiKeyRequired') ?? false, required, r.stringProp('RequestValidatorId'), integrationOf(r),
    );
  }
}

function integrationOf(r: TemplateResource): Integration {
  const spec = (r.prop('Integration') ?? {}) as Record<string, unknown>;
  const type = String(spec.Type ?? '').toUpperCase();
  const uri = typeof spec.Uri === 'string' ? spec.Uri : '';
  const timeoutMs = spec.TimeoutInMillis === undefined ? API_GATEWAY_LIMITS.integrationTimeout.default! : Number(spec.TimeoutInMillis);
  const template: MappedRequest = {
    templates: (spec.RequestTemplates ?? {}) as Record<string, string>,
    passthrough: String(spec.PassthroughBehavior ?? 'WHEN_NO_MATCH').toUpperCase(),
    parameters: (spec.RequestParameters ?? {}) as Record<string, string>,
  };
  const responses = () => ((spec.IntegrationResponses ?? []) as Record<string, unknown>[]).map((x, i) => integrationResponse(r, x, i));
  if (type === 'MOCK') return { kind: 'mock', template, responses: responses() };
  const lambda = /:lambda:path\/2015-03-31\/functions\/(.+)\/invocations$/.exec(uri);
  if (type === 'AWS_PROXY' && lambda) return { kind: 'lambda-proxy', functionArn: lambda[1], timeoutMs };
  const sqs = /^arn:([^:]+):apigateway:([^:]+):sqs:path\/(\d{12})\/([^/]+)$/.exec(uri);
  if (type === 'AWS' && sqs) {
    const credentials = typeof spec.Credentials === 'string' ? spec.Credentials : undefined;
    return { kind: 'sqs', queueArn: `arn:${sqs[1]}:sqs:${sqs[2]}:${sqs[3]}:${sqs[4]}`, credentials, template, responses: responses(), timeoutMs };
  }
  return { kind: 'not-simulated', description: `a ${type || 'missing'} integration${uri ? ` to ${uri}` : ''}` };
}

function integrationResponse(r: TemplateResource, x: Record<string, unknown>, i: number): IntegrationResponse {
  const pattern = typeof x.SelectionPattern === 'string' && x.SelectionPattern !== '' ? x.SelectionPattern : undefined;
  let selectionPattern: RegExp | undefined;
  try {
    selectionPattern = pattern === undefined ? undefined : new RegExp(`^(?:${pattern})$`, 's');
  } catch {
    throw new TemplateError(r.logicalId, `Properties.Integration.IntegrationResponses[${i}].SelectionPattern`, `${JSON.stringify(pattern)} is not a regular expression`);
  }
  return {
    statusCode: Number(x.StatusCode),
    selectionPattern,
    templates: (x.ResponseTemplates ?? {}) as Record<string, string>,
    parameters: (x.ResponseParameters ?? {}) as Record<string, string>,
  };
}
