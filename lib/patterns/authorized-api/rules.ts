import { PROP_RULES, ProblemInput, RuleDefinition } from '../../core';

const code = (rule: string): string => `decoupled:authorized-api/${rule}`;

/** The stable codes of the AuthorizedApi rules: errors, warnings, tests and acknowledgements match on them. */
export const AUTHORIZED_API_RULES = {
  routeKey: code('route-key'),
  exactlyOneTarget: code('exactly-one-target'),
  routeOptionNotForTarget: code('route-option-not-for-target'),
  routeCollision: code('route-collision'),
  greedyShadow: code('greedy-path-shadowed'),
  openMethod: code('open-method'),
  corsPreflightRoute: code('cors-preflight-route'),
  cacheTtl: code('cache-ttl'),
  cacheWithoutIdentitySource: code('cache-without-identity-source'),
  headerIdentitySource: code('header-identity-source'),
  requestIdentitySource: code('request-identity-source'),
  validationRegex: code('validation-regex'),
  scopesWithoutCognito: code('scopes-without-cognito'),
  functionTimeout: code('function-timeout'),
  integrationTimeout: code('integration-timeout'),
  integrationTimeoutQuota: code('integration-timeout-quota'),
  throttling: code('throttling'),
  throttlingAboveAccount: code('throttling-above-account'),
  burstBelowRate: code('burst-below-rate'),
  fifoWithoutGroupId: code('fifo-without-message-group-id'),
  messageValue: code('message-value'),
  messageAttributes: code('message-attributes'),
  queueKeyNotUsable: code('queue-key-not-usable'),
  queueKeyImported: code('queue-key-imported'),
  queueEncryptionUnknown: code('queue-encryption-unknown'),
  topicKeyNotUsable: code('topic-key-not-usable'),
  topicKeyImported: code('topic-key-imported'),
  topicEncryptionUnknown: code('topic-encryption-unknown'),
  noSubscriberReceives: code('no-subscriber-receives'),
  apiKeyWithoutUsagePlan: code('api-key-without-usage-plan'),
  privateWithoutEndpoints: code('private-endpoint-without-vpc-endpoints'),
  executionLogLevel: code('execution-log-level'),
  stageCacheTtl: code('stage-cache-ttl'),
  keyPolicyNotEditable: code('key-policy-not-editable'),
  stageName: code('stage-name'),
  stageCacheSize: code('stage-cache-size'),
  cors: code('cors'),
  usagePlan: code('usage-plan'),
  awsManagedKey: PROP_RULES.awsManagedKey,
} as const;

const R = AUTHORIZED_API_RULES;

/** Every rule, as the catalog and the docs show it. */
export const AUTHORIZED_API_RULE_DEFINITIONS: readonly RuleDefinition[] = [
  { code: R.routeKey, severity: 'error', fires: 'a route key is not \'METHOD /path\' with a known method and valid path parts', fix: 'Write the key as \'GET /orders/{id}\': an upper-case method, one space, a path of names, {variables} and a final {greedy+}.' },
  { code: R.exactlyOneTarget, severity: 'error', fires: 'a route has more than one of function, queue and topic, or none', fix: 'Give the route exactly one of function, queue and topic.' },
  { code: R.routeOptionNotForTarget, severity: 'error', fires: 'a function route has a message option (messageGroupId, messageDeduplicationId, messageAttributes), which would be ignored', fix: 'Remove the option, or route to a queue or topic.' },
  { code: R.routeCollision, severity: 'error', fires: 'two routes are the same method on the same path, or put two different variables under one parent (API Gateway rejects it at deploy)', fix: 'Merge the routes, or use one variable name at that level.' },
  { code: R.greedyShadow, severity: 'warning', fires: 'a greedy route {proxy+} shares its prefix with a route whose resource lacks the greedy route\'s method: those requests do not fall through to the greedy route (API Gateway picks the most specific resource first; unconfirmed against AWS, so a warning)', fix: 'Add the method (or ANY) to that resource, or acknowledge the warning.' },
  { code: R.openMethod, severity: 'error', fires: 'a method of the REST API has no authorization and no route said authorization: \'none\' (a method added to api.restApi directly)', fix: 'Add it with api.addRoute, or give it an authorizer, or make it public on purpose with a route that says authorization: \'none\'.' },
  { code: R.corsPreflightRoute, severity: 'error', fires: 'an OPTIONS route is given while CORS is on: the preflight method is already there', fix: 'Remove the OPTIONS route, or turn cors off.' },
  { code: R.cacheTtl, severity: 'error', fires: 'the authorizer\'s resultsCacheTtl is outside 0–3,600 s or not whole seconds', fix: 'Set resultsCacheTtl to whole seconds in 0–3,600 (0 turns caching off).' },
  { code: R.cacheWithoutIdentitySource, severity: 'error', fires: 'a REQUEST authorizer caches results but has no identity source, the cache key', fix: 'Give identitySources, or set resultsCacheTtl to 0.' },
  { code: R.headerIdentitySource, severity: 'error', fires: 'a TOKEN or Cognito authorizer\'s identity source is not a request header (method.request.header.Name)', fix: 'Use method.request.header.<Name>, or a REQUEST authorizer for other sources.' },
  { code: R.requestIdentitySource, severity: 'error', fires: 'a REQUEST authorizer\'s identity source is not a header, query string, stage variable or context variable (path parameters cannot be)', fix: 'Use method.request.header.X, method.request.querystring.y, stageVariables.z or context.w.' },
  { code: R.validationRegex, severity: 'error', fires: 'the TOKEN authorizer\'s validationRegex is not a regular expression', fix: 'Fix the expression, or remove validationRegex.' },
  { code: R.scopesWithoutCognito, severity: 'error', fires: 'scopes are given but the method is not authorized by Cognito: API Gateway would ignore them', fix: 'Remove the scopes, or use a Cognito authorizer.' },
  { code: R.functionTimeout, severity: 'error', fires: 'an authorizer or integration function\'s timeout exceeds the integration timeout (29 s by default): callers get 504 while the function still runs, and is billed', fix: 'Lower the function timeout below the integration timeout.' },
  { code: R.integrationTimeout, severity: 'error', fires: 'an integration timeout is outside 50 ms–29 s (above 29 s on an edge-optimized API) or not whole milliseconds', fix: 'Set integrationTimeout in 50 ms–29 s, or use a Regional or private endpoint and a quota increase.' },
  { code: R.integrationTimeoutQuota, severity: 'warning', fires: 'an integration timeout above 29 s on a Regional or private API, which needs a quota increase first', fix: 'Request the increase in Service Quotas, then acknowledge the warning.' },
  { code: R.throttling, severity: 'error', fires: 'a throttling rate or burst is negative or not a whole number', fix: 'Set rateLimit and burstLimit to whole numbers ≥ 0.' },
  { code: R.throttlingAboveAccount, severity: 'warning', fires: 'a throttling rate or burst is above the account\'s default limit (10,000 rps, burst 5,000), which applies first', fix: 'Lower it, or raise the account quota (rate only) and acknowledge the warning.' },
  { code: R.burstBelowRate, severity: 'warning', fires: 'a burst limit is below its rate limit: the bucket holds less than one second of the rate, so uneven traffic gets 429 before the rate is reached', fix: 'Set burstLimit to at least rateLimit, or acknowledge the warning.' },
  { code: R.fifoWithoutGroupId, severity: 'error', fires: 'a route sends to a FIFO queue or topic without a message group id mapping: SQS or SNS rejects every message', fix: 'Set messageGroupId (MessageValue.header(...), .principalId(), .claim(...)).' },
  { code: R.messageValue, severity: 'error', fires: 'a message value cannot be read (a malformed header or key, an authorizer value the API\'s authorizer does not set)', fix: 'Use a valid name, or a value the authorizer provides.' },
  { code: R.messageAttributes, severity: 'error', fires: 'more than 10 headers are mapped to message attributes, or one is malformed', fix: 'Map at most 10 headers, named with letters, digits and -.' },
  { code: R.queueKeyNotUsable, severity: 'error', fires: 'the queue is encrypted with the AWS managed key alias/aws/sqs of another account, whose policy lets only that account\'s principals use it', fix: 'Encrypt the queue with a customer-managed key whose policy allows the integration role, or with SSE-SQS.' },
  { code: R.queueKeyImported, severity: 'warning', fires: 'the queue\'s key is imported: the integration role is granted kms:GenerateDataKey and kms:Decrypt in IAM, which works only if the key policy lets IAM policies of this account grant it', fix: 'Check the key policy (add the role), then acknowledge the warning.' },
  { code: R.queueEncryptionUnknown, severity: 'warning', fires: 'the queue is imported without its key: if it is encrypted with a customer-managed key, every send fails', fix: 'Import it with sqs.Queue.fromQueueAttributes({ keyArn }), or acknowledge the warning if it is not KMS-encrypted.' },
  { code: R.topicKeyNotUsable, severity: 'error', fires: 'the topic is encrypted with the AWS managed key alias/aws/sns of another account, whose policy lets only that account\'s principals use it', fix: 'Encrypt the topic with a customer-managed key whose policy allows the integration role.' },
  { code: R.topicKeyImported, severity: 'warning', fires: 'the topic\'s key is imported: the integration role is granted kms:GenerateDataKey* and kms:Decrypt in IAM, which works only if the key policy lets IAM policies of this account grant it', fix: 'Check the key policy (add the role), then acknowledge the warning.' },
  { code: R.topicEncryptionUnknown, severity: 'warning', fires: 'the topic is imported without its key: if it is encrypted with a customer-managed key, every publish fails', fix: 'Import it with sns.Topic.fromTopicAttributes({ topicArn, keyArn }), or acknowledge the warning if it is not encrypted with one.' },
  { code: R.noSubscriberReceives, severity: 'warning', fires: 'a route publishes to the topic of a TopicFanOut whose every subscriber filters on a message attribute the route never sets: SNS accepts each message and delivers it to no one', fix: 'Add the header each filter matches to messageAttributes, or change the filters; acknowledge if subscriptions made outside the fan-out receive these messages.' },
  { code: R.apiKeyWithoutUsagePlan, severity: 'error', fires: 'a route requires an API key but the API has no usage plan: every call would be refused with 403', fix: 'Set usagePlan, or remove apiKeyRequired.' },
  { code: R.privateWithoutEndpoints, severity: 'error', fires: 'a private endpoint has no VPC endpoint: its resource policy would allow no caller', fix: 'Pass the interface VPC endpoints for execute-api to ApiEndpoint.private.' },
  { code: R.executionLogLevel, severity: 'error', fires: 'execution logging is OFF', fix: 'Use ERROR (the default) or INFO.' },
  { code: R.stageCacheTtl, severity: 'error', fires: 'the stage cache ttl is outside 0–3,600 s or not whole seconds', fix: 'Set cache.ttl to whole seconds in 0–3,600.' },
  { code: R.stageName, severity: 'error', fires: 'stageName is not 1–128 letters, digits, - and _', fix: 'Use a name such as \'prod\'.' },
  { code: R.stageCacheSize, severity: 'error', fires: 'cache.size is not a cache cluster size API Gateway offers (0.5, 1.6, 6.1, 13.5, 28.4, 58.2, 118, 237 GB)', fix: 'Set one of the sizes.' },
  { code: R.cors, severity: 'error', fires: 'cors names no origin, mixes \'*\' with origins or ANY with methods, gives maxAge with disableCache, or a maxAge that is not whole seconds, or a statusCode outside 200–599 (aws-cdk-lib would throw without naming the prop)', fix: 'Correct cors as the message says.' },
  { code: R.usagePlan, severity: 'error', fires: 'usagePlan.throttle or usagePlan.quota has a negative number, or a fraction where API Gateway takes a whole number (burstLimit, quota limit and offset)', fix: 'Set whole numbers ≥ 0.' },
  { code: R.awsManagedKey, severity: 'error', fires: 'encryptionKey is an AWS managed key (alias/aws/…), which CloudWatch Logs cannot use for the log groups', fix: 'Let the pattern make its key, or pass a customer-managed key.' },
  { code: R.keyPolicyNotEditable, severity: 'warning', fires: 'encryptionKey is imported, so the pattern cannot let CloudWatch Logs use it for the log groups it makes', fix: 'Add the statement the warning shows to the key policy, then acknowledge the warning.' },
];

/** A rule's outcome: an error stops the synth, a warning is shown and can be acknowledged by its code. */
export interface Finding {
  readonly severity: 'error' | 'warning';
  readonly problem: ProblemInput;
}

export function error(problem: ProblemInput): Finding {
  return { severity: 'error', problem };
}

export function warning(problem: ProblemInput): Finding {
  return { severity: 'warning', problem };
}
