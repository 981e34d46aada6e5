import { CloudFormationTemplate } from '../../../lib/simulator';

/** A resource of a hand-written template. */
export type Resource = { readonly Type: string; readonly Properties?: Record<string, unknown>; readonly Metadata?: Record<string, unknown> };

const API = { Ref: 'Api' };
const ROOT = { 'Fn::GetAtt': ['Api', 'RootResourceId'] };

/** A REST API named `Api` with extra resources, small enough to read in a test. */
export function apiTemplate(resources: Record<string, Resource>, api: Record<string, unknown> = {}): CloudFormationTemplate {
  return { Resources: { Api: { Type: 'AWS::ApiGateway::RestApi', Properties: { Name: 'hand-api', ...api } }, ...resources } } as CloudFormationTemplate;
}

/** A resource `pathPart` under `parent` (the root by default). */
export function resource(pathPart: string, parent?: string): Resource {
  return { Type: 'AWS::ApiGateway::Resource', Properties: { RestApiId: API, ParentId: parent ? { Ref: parent } : ROOT, PathPart: pathPart } };
}

/** A method on `on` (the root by default) with `props` (Integration, AuthorizationType…). */
export function method(httpMethod: string, props: Record<string, unknown>, on?: string): Resource {
  return { Type: 'AWS::ApiGateway::Method', Properties: { RestApiId: API, ResourceId: on ? { Ref: on } : ROOT, HttpMethod: httpMethod, AuthorizationType: 'NONE', ...props } };
}

/** A MOCK integration answering the status its request template names, through `responses`. */
export function mock(requestTemplates: Record<string, string>, responses: readonly Record<string, unknown>[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { Integration: { Type: 'MOCK', RequestTemplates: requestTemplates, IntegrationResponses: responses, ...extra } };
}

/** A stage `name` of the API with `props` (MethodSettings, Variables). */
export function stage(name: string, props: Record<string, unknown> = {}): Resource {
  return { Type: 'AWS::ApiGateway::Stage', Properties: { RestApiId: API, StageName: name, ...props } };
}

/** Any other resource of the API (`RestApiId` filled in). */
export function ofApi(type: string, props: Record<string, unknown>): Resource {
  return { Type: type, Properties: { RestApiId: API, ...props } };
}
