import type { ProxyEvent } from './proxy-event';

/** The event a Lambda TOKEN authorizer gets (AWS-FACTS §5.1). */
export interface TokenAuthorizerEvent {
  readonly type: 'TOKEN';
  /** The identity source's value: the `Authorization` header, unless the authorizer names another. */
  readonly authorizationToken: string;
  /** `arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/{VERB}/{path}` of the request. */
  readonly methodArn: string;
}

/** The event a Lambda REQUEST authorizer gets: the request's fields, as a proxy integration's event has them. */
export interface RequestAuthorizerEvent extends Omit<ProxyEvent, 'body' | 'isBase64Encoded'> {
  readonly type: 'REQUEST';
  readonly methodArn: string;
}

/** One statement of an authorizer's policy. */
export interface AuthorizerPolicyStatement {
  readonly Action: string | readonly string[];
  readonly Effect: 'Allow' | 'Deny';
  readonly Resource: string | readonly string[];
}

/** What a Lambda authorizer returns: who the caller is, the policy API Gateway caches, and what the integration learns. */
export interface AuthorizerResult {
  readonly principalId: string;
  readonly policyDocument: { readonly Version?: string; readonly Statement: readonly AuthorizerPolicyStatement[] };
  /** Strings, numbers or booleans: `requestContext.authorizer.<key>` (as strings) for the integration. */
  readonly context?: Readonly<Record<string, string | number | boolean>>;
  /** The API key, for an API whose ApiKeySourceType is AUTHORIZER. */
  readonly usageIdentifierKey?: string;
}
