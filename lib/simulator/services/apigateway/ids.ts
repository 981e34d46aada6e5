import { ResourceNaming, generatedSuffix } from '../../template';

/**
 * The ids API Gateway gives what a template creates, made deterministic from the stack name and logical id (the
 * same template gives the same ids), of API Gateway's shapes: lower-case letters and digits, 10 characters for
 * APIs, root resources and API keys, 6 for resources, authorizers, deployments, usage plans and validators.
 */
export function apiGatewayId(r: Pick<ResourceNaming, 'stackName' | 'logicalId'>, length: 6 | 10, salt = ''): string {
  return generatedSuffix(r.stackName, `${r.logicalId}${salt}`).toLowerCase().slice(0, length);
}

/** An API key's value when the template gives none: 40 letters and digits, as API Gateway generates them. */
export function apiKeyValue(r: Pick<ResourceNaming, 'stackName' | 'logicalId'>): string {
  return ['/value-1', '/value-2', '/value-3', '/value-4'].map((salt) => generatedSuffix(r.stackName, `${r.logicalId}${salt}`)).join('').slice(0, 40);
}
