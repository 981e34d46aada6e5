import { IncomingRequest } from './api-request';
import { GATEWAY_RESPONSES, GatewayResponseSetting, GatewayResponseType } from './gateway-responses';
import { renderMappingTemplate } from './mapping-template';
import type { ScopeApi } from './request-scope';

/** A response before API Gateway's own headers are added. */
export interface Answer {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

/**
 * API Gateway's own answer of a type, as the API shapes it: the type's defaults, changed by the API's
 * AWS::ApiGateway::GatewayResponse for that type, or for DEFAULT_4XX / DEFAULT_5XX (status code, headers from
 * static values or request parameters, a body template reading `$context.error.*`).
 */
export function gatewayAnswer(api: ScopeApi | undefined, type: GatewayResponseType, request: IncomingRequest, context: Record<string, unknown>, message?: string): Answer {
  const defaults = GATEWAY_RESPONSES[type];
  const text = message ?? defaults.message;
  const setting = api?.gatewayResponses.get(type) ?? api?.gatewayResponses.get(defaults.status < 500 ? 'DEFAULT_4XX' : 'DEFAULT_5XX');
  const headers: Record<string, string> = { 'Content-Type': 'application/json', 'x-amzn-ErrorType': defaults.errorType };
  if (!setting) return { status: defaults.status, headers, body: JSON.stringify({ [defaults.key]: text }) };
  Object.assign(headers, settingHeaders(setting, request));
  const template = setting.templates['application/json'] ?? Object.values(setting.templates)[0];
  const error = { message: text, messageString: JSON.stringify(text), responseType: type };
  const body = template === undefined
    ? JSON.stringify({ [defaults.key]: text })
    : renderMappingTemplate(template, {
      body: request.body, header: (n) => request.header(n), queryValue: (n) => request.queryValue(n), headerValues: request.headerValues,
      query: request.query, pathParameters: null, context: { ...context, error }, stageVariables: {},
    });
  return { status: setting.statusCode ?? defaults.status, headers, body };
}

function settingHeaders(setting: GatewayResponseSetting, request: IncomingRequest): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, source] of Object.entries(setting.parameters)) {
    const header = /^gatewayresponse\.header\.(.+)$/.exec(name)?.[1];
    if (header === undefined) continue;
    const value = staticOrRequestValue(source, request);
    if (value !== undefined) out[header] = value;
  }
  return out;
}

/** A parameter mapping's source: `'static'`, or `method.request.header|querystring.<name>` of the request. */
export function staticOrRequestValue(source: string, request: IncomingRequest): string | undefined {
  const literal = /^'(.*)'$/s.exec(source);
  if (literal) return literal[1];
  const m = /^method\.request\.(header|querystring)\.(.+)$/.exec(source);
  if (!m) return undefined;
  return m[1] === 'header' ? request.header(m[2]) : request.queryValue(m[2]);
}
