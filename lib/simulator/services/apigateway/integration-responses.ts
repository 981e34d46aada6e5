import { GatewayResponseType } from './gateway-responses';
import { Answer, staticOrRequestValue } from './gateway-answer';
import { MappingInput, renderMappingTemplate } from './mapping-template';
import type { IntegrationResponse, MappedRequest } from './method';
import { RequestScope } from './request-scope';

/** The request mapped for a non-proxy integration, or why API Gateway refuses it (415 for an unmapped type). */
export type MappedOutcome = { readonly ok: true; readonly body: string; readonly headers: Record<string, string> } | { readonly ok: false; readonly type: GatewayResponseType; readonly reason: string };

/** What a mapping template reads of this request (`body` replaced for a response template). */
export function mappingInput(scope: RequestScope, body: string | null = scope.request.body): MappingInput {
  const req = scope.request;
  return {
    body, header: (n) => req.header(n), queryValue: (n) => req.queryValue(n), headerValues: req.headerValues, query: req.query,
    pathParameters: scope.pathParameters, context: scope.context(), stageVariables: scope.stage.variables,
  };
}

/**
 * Maps the request with the template of its content type. Without one: NEVER answers 415; WHEN_NO_TEMPLATES
 * answers 415 when the integration has templates for other types; WHEN_NO_MATCH (the default) passes the body
 * through. Integration request headers come from static values or the request's parameters.
 */
export function mapRequest(scope: RequestScope, mapped: MappedRequest): MappedOutcome {
  const headers: Record<string, string> = {};
  for (const [name, source] of Object.entries(mapped.parameters)) {
    const header = /^integration\.request\.header\.(.+)$/.exec(name)?.[1];
    const value = header === undefined ? undefined : staticOrRequestValue(source, scope.request);
    if (value !== undefined) headers[header!.toLowerCase()] = value;
  }
  const type = scope.request.contentType;
  const template = mapped.templates[type];
  if (template !== undefined) return { ok: true, headers, body: renderMappingTemplate(template, mappingInput(scope)) };
  const hasTemplates = Object.keys(mapped.templates).length > 0;
  if (mapped.passthrough === 'NEVER' || (mapped.passthrough === 'WHEN_NO_TEMPLATES' && hasTemplates)) {
    return { ok: false, type: 'UNSUPPORTED_MEDIA_TYPE', reason: `no request template for ${type} and PassthroughBehavior ${mapped.passthrough}` };
  }
  return { ok: true, headers, body: scope.request.body ?? '' };
}

/**
 * The method's answer to an integration's `status` and `body`: the IntegrationResponse whose SelectionPattern
 * matches the status code, else the default one (no pattern); its status, its headers, its template for
 * `application/json` (or the body passed through). No match and no default is API Gateway's 500.
 */
export function selectResponse(scope: RequestScope, responses: readonly IntegrationResponse[], status: number, body: string): Answer | { readonly type: GatewayResponseType; readonly reason: string } {
  const code = String(status);
  const chosen = responses.find((r) => r.selectionPattern?.test(code)) ?? responses.find((r) => r.selectionPattern === undefined);
  if (!chosen) return { type: 'API_CONFIGURATION_ERROR', reason: `no IntegrationResponse matches the status ${status} and none is the default` };
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  for (const [name, source] of Object.entries(chosen.parameters)) {
    const header = /^method\.response\.header\.(.+)$/.exec(name)?.[1];
    const literal = /^'(.*)'$/s.exec(source)?.[1];
    if (header !== undefined && literal !== undefined) headers[header] = literal;
  }
  const template = chosen.templates['application/json'] ?? Object.values(chosen.templates)[0];
  return { status: chosen.statusCode, headers, body: template === undefined ? body : renderMappingTemplate(template, mappingInput(scope, body)) };
}

/**
 * A MOCK integration: the request template names the status (`{"statusCode": 200}`, as CORS preflights do);
 * the integration responses answer from it. No template means 200.
 */
export function mockAnswer(scope: RequestScope, mapped: MappedRequest, responses: readonly IntegrationResponse[]): Answer | { readonly type: GatewayResponseType; readonly reason: string } {
  const request = mapRequest(scope, mapped);
  if (!request.ok) return request;
  const status = Number(/"?statusCode"?\s*:\s*(\d{3})/.exec(request.body)?.[1] ?? 200);
  return selectResponse(scope, responses, status, '');
}
