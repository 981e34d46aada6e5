import { Duration } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { describeLocation, formatValue, functionSettings, isKnown } from '../../core';
import { ApiEndpoint } from './endpoint';
import { MessageValue, invalidHeaderName } from './message-value';
import { ApiRoute, AuthorizedApiAuthorizer } from './props';
import { TargetFacts } from './target-facts';
import { RouteKey, parseRouteKey, routeConflicts } from './route-key';
import { AUTHORIZED_API_RULES as R } from './rules';
import { Checks } from './checks';
import { DEFAULT_INTEGRATION_TIMEOUT, checkFunctionTimeout, checkIntegrationTimeout, checkThrottling } from './validate';

/** SQS takes at most 10 message attributes (SQS developer guide, message quotas). */
const MAX_MESSAGE_ATTRIBUTES = 10;

/** What a route is checked against: the API around it. */
export interface RouteContext {
  readonly authorizer: AuthorizedApiAuthorizer;
  readonly cors: boolean;
  readonly usagePlan: boolean;
  readonly endpoint: ApiEndpoint;
  /** Reads the queue or topic a route sends to. */
  readonly targetFacts: (route: ApiRoute) => TargetFacts | undefined;
}

/** `routes['GET /orders']`: how a route's props are named in messages. */
export function routeProp(key: string, field?: string): string {
  return `routes['${key}']${field ? `.${field}` : ''}`;
}

/** The effective authorization of a route: its own, or the API's authorizer type. */
export function routeAuthorization(route: ApiRoute, authorizer: AuthorizedApiAuthorizer): 'none' | 'iam' | 'token' | 'request' | 'cognito' {
  return route.authorization ?? authorizer.type;
}

/**
 * Parses every key and checks the routes together (collisions, greedy paths) and one by one; `existing` are
 * routes already on the API. Returns the parsed keys of the valid routes.
 */
export function checkRoutes(c: Checks, routes: Record<string, ApiRoute>, existing: readonly RouteKey[], ctx: RouteContext): Map<string, RouteKey> {
  const parsed = new Map<string, RouteKey>();
  for (const key of Object.keys(routes)) {
    const result = parseRouteKey(key);
    if (result.ok) parsed.set(key, result.route);
    else c.error({ code: R.routeKey, prop: 'routes', value: `'${key}'`, rule: result.reason, fix: 'Write the key as \'GET /orders/{id}\': an upper-case method, one space, then the path.' });
  }
  const all = [...existing, ...parsed.values()];
  for (const conflict of routeConflicts(all)) {
    if (!parsed.has(conflict.route.key) && !parsed.has(conflict.other.key)) continue;
    const problem = { prop: routeProp(conflict.route.key), value: `(and ${routeProp(conflict.other.key)})`, rule: conflict.detail };
    if (conflict.code === 'greedy-shadow') {
      c.warning({ ...problem, code: R.greedyShadow, fix: `Add the method (or ANY) to ${conflict.other.path}, or acknowledge this warning if those requests should not reach ${conflict.route.path}.` });
    } else {
      c.error({ ...problem, code: R.routeCollision, fix: conflict.code === 'duplicate' ? 'Keep one of the two routes.' : 'Use the same variable name at that level of both paths.' });
    }
  }
  for (const [key, route] of Object.entries(routes)) checkRoute(c, key, parsed.get(key), route, ctx);
  return parsed;
}

function checkRoute(c: Checks, key: string, parsed: RouteKey | undefined, route: ApiRoute, ctx: RouteContext): void {
  const given = (['function', 'queue', 'topic'] as const).filter((t) => route[t] !== undefined);
  c.collector.expect(given.length === 1, {
    code: R.exactlyOneTarget,
    prop: routeProp(key),
    value: given.length === 0 ? 'has none of function, queue and topic:' : `has ${given.join(' and ')}:`,
    rule: 'a route answers with a Lambda function, sends to an SQS queue or publishes to an SNS topic',
    fix: 'Give the route exactly one of function, queue and topic.',
  });
  if (parsed?.method === 'OPTIONS' && ctx.cors) {
    c.error({
      code: R.corsPreflightRoute,
      prop: routeProp(key),
      value: 'is an OPTIONS route',
      rule: 'while cors is on: the pattern already answers OPTIONS on every resource with the CORS preflight',
      fix: 'Remove the route, or turn cors off and answer preflights yourself.',
    });
  }
  const authorization = routeAuthorization(route, ctx.authorizer);
  const scopes = route.scopes;
  if (scopes !== undefined && authorization !== 'cognito') {
    c.error({
      code: R.scopesWithoutCognito,
      prop: routeProp(key, 'scopes'),
      value: formatValue(scopes),
      rule: `are given, but the route is authorized by ${authorization === 'none' ? 'nothing' : authorization}: API Gateway checks scopes only for Cognito authorizers and would ignore them`,
      fix: 'Remove scopes, or authorize the API with type: \'cognito\'.',
    });
  }
  if (route.apiKeyRequired && !ctx.usagePlan) {
    c.error({
      code: R.apiKeyWithoutUsagePlan,
      prop: routeProp(key, 'apiKeyRequired'),
      value: 'true',
      rule: 'but the API has no usage plan: no API key can be valid, and API Gateway refuses every call with 403',
      fix: 'Set usagePlan on the API and add keys with api.addApiKey, or remove apiKeyRequired.',
    });
  }
  checkThrottling(c, routeProp(key, 'throttling'), route.throttling);
  checkIntegrationTimeout(c, routeProp(key, 'integrationTimeout'), route.integrationTimeout, ctx.endpoint);
  for (const [field, headers] of [['requiredHeaders', route.requiredHeaders], ['messageAttributes', route.messageAttributes]] as const) {
    (headers ?? []).forEach((h, i) => {
      const invalid = invalidHeaderName(h);
      if (invalid) c.error({ code: R.messageAttributes, prop: routeProp(key, `${field}[${i}]`), value: `'${h}'`, rule: invalid, fix: 'Use the header\'s name, such as X-Tenant-Id.' });
    });
  }
  if (route.function) {
    checkFunctionTimeout(c, routeProp(key, 'function'), functionTimeout(route.function, route.functionTimeout),
      route.integrationTimeout ?? DEFAULT_INTEGRATION_TIMEOUT, `the route ${key}`);
    const ignored = (['messageGroupId', 'messageDeduplicationId', 'messageAttributes'] as const).filter((f) => route[f] !== undefined);
    if (ignored.length > 0 && given.length === 1) {
      c.error({
        code: R.routeOptionNotForTarget,
        prop: ignored.map((f) => routeProp(key, f)).join(', '),
        value: 'is given for a function route:',
        rule: 'these shape the message of a queue or topic route, and would be silently ignored',
        fix: 'Remove them, or route to a queue or topic.',
      });
    }
  }
  if (given.length === 1 && given[0] !== 'function') checkMessageRoute(c, key, route, authorization, ctx.targetFacts(route));
}

/** A function's timeout: read from the function, or the one the user gave for an imported function. */
export function functionTimeout(fn: lambda.IFunction, given?: Duration): Duration | undefined {
  const settings = functionSettings(fn);
  return settings.ownedByApp ? settings.timeout : given;
}

function checkMessageRoute(c: Checks, key: string, route: ApiRoute, authorization: string, facts: TargetFacts | undefined): void {
  if (!facts) return;
  if (facts.fifo && !route.messageGroupId) {
    const service = facts.kind === 'queue' ? 'SQS' : 'SNS';
    c.error({
      code: R.fifoWithoutGroupId,
      prop: routeProp(key, 'messageGroupId'),
      value: 'is missing',
      rule: `for a FIFO ${facts.kind}${facts.fifoLocation ? ` (${describeLocation(facts.fifoLocation)})` : ''}: ${service} rejects a message to a FIFO ${facts.kind} without a message group id, so every request would fail`,
      fix: `Set ${routeProp(key, 'messageGroupId')}: MessageValue.header('X-Group-Id'), MessageValue.principalId() or MessageValue.claim('sub').`,
    });
  }
  for (const field of ['messageGroupId', 'messageDeduplicationId'] as const) checkMessageValue(c, routeProp(key, field), route[field], authorization);
  const attributes = route.messageAttributes ?? [];
  if (attributes.length > MAX_MESSAGE_ATTRIBUTES) {
    c.error({
      code: R.messageAttributes,
      prop: routeProp(key, 'messageAttributes'),
      value: `has ${attributes.length} headers`,
      rule: facts.kind === 'queue'
        ? `but an SQS message takes at most ${MAX_MESSAGE_ATTRIBUTES} attributes (SQS developer guide, message quotas)`
        : `but a topic delivers at most ${MAX_MESSAGE_ATTRIBUTES} attributes to an SQS subscriber with raw delivery, the SQS limit (AWS-FACTS §2.3)`,
      fix: `Map at most ${MAX_MESSAGE_ATTRIBUTES} headers.`,
    });
  }
  checkTargetKey(c, key, facts);
  checkSubscribersReceive(c, key, route, facts);
}

/**
 * A route to a fan-out's topic whose messages no subscriber of the fan-out receives: each filters (attribute scope) on
 * an attribute the route never sets. SNS accepts the message and drops it, so every request answers 202 for nothing.
 * A warning: subscriptions made on the topic outside the fan-out may receive them.
 */
function checkSubscribersReceive(c: Checks, key: string, route: ApiRoute, facts: TargetFacts): void {
  const to = facts.publishedTo;
  const names = route.messageAttributes ?? [];
  if (!to || to.subscribers.length === 0 || to.subscribers.some((s) => s.mayReceive(names))) return;
  c.warning({
    code: R.noSubscriberReceives,
    prop: routeProp(key, 'messageAttributes'),
    value: names.length === 0 ? '(none)' : `(${names.join(', ')})`,
    rule: `reach no subscriber of ${to.owner.node.path}: each filters on a message attribute the route never sets (${to.subscribers.map((s) => describeLocation(s.filterLocation)).join('; ')}), so SNS accepts every message and delivers it to no one`,
    fix: `Add the header each filter matches to ${routeProp(key, 'messageAttributes')} (a header becomes the attribute of the same name), or change the filters; acknowledge this warning if subscriptions made outside ${to.owner.node.path} receive these messages.`,
  });
}

function checkMessageValue(c: Checks, prop: string, value: MessageValue | undefined, authorization: string): void {
  if (!value) return;
  if (value.invalid) c.error({ code: R.messageValue, prop, value: value.description, rule: value.invalid, fix: 'Fix the name.' });
  const lambdaAuthorized = authorization === 'token' || authorization === 'request';
  if ((value.needs === 'lambda' && !lambdaAuthorized) || (value.needs === 'cognito' && authorization !== 'cognito')) {
    c.error({
      code: R.messageValue,
      prop,
      value: value.description,
      rule: `is set only by a ${value.needs === 'lambda' ? 'Lambda' : 'Cognito'} authorizer, and this route is authorized by ${authorization}: every message would get an empty value`,
      fix: 'Use MessageValue.header(...) or MessageValue.requestId(), or a value the route\'s authorizer sets.',
    });
  }
}

/** How the key rules speak of a queue and of a topic. */
const KEY_RULES = {
  queue: {
    codes: { notUsable: R.queueKeyNotUsable, imported: R.queueKeyImported, unknown: R.queueEncryptionUnknown },
    alias: 'alias/aws/sqs',
    actions: 'kms:GenerateDataKey and kms:Decrypt',
    verb: 'send',
    role: 'api.queueRole',
    notUsableFix: 'Encrypt the queue with a customer-managed key whose policy allows the integration role (or with SSE-SQS).',
    unknownFix: 'Import the queue with sqs.Queue.fromQueueAttributes({ queueArn, keyArn }), or acknowledge this warning if it uses SSE-SQS or alias/aws/sqs.',
  },
  topic: {
    codes: { notUsable: R.topicKeyNotUsable, imported: R.topicKeyImported, unknown: R.topicEncryptionUnknown },
    alias: 'alias/aws/sns',
    actions: 'kms:GenerateDataKey* and kms:Decrypt',
    verb: 'publish',
    role: 'api.topicRole',
    notUsableFix: 'Encrypt the topic with a customer-managed key whose policy allows the integration role.',
    unknownFix: 'Import the topic with sns.Topic.fromTopicAttributes({ topicArn, keyArn }), or acknowledge this warning if it is not encrypted or uses alias/aws/sns.',
  },
} as const;

/**
 * The key of the queue or topic, as the integration role would use it. A key another pattern was given (the queue is
 * `fanOut.queue(name)`) is named where it is set: `Shop/Orders encryptionKey`.
 */
function checkTargetKey(c: Checks, key: string, facts: TargetFacts): void {
  const text = KEY_RULES[facts.kind];
  const prop = routeProp(key, facts.kind);
  const crossAccount = facts.account !== undefined && facts.stackAccount !== undefined && facts.account !== facts.stackAccount;
  if (facts.encryption === 'aws-managed-key' && crossAccount) {
    c.error({
      code: text.codes.notUsable,
      prop,
      value: `(account ${facts.account})`,
      rule: `is encrypted with the AWS managed key ${text.alias}, whose policy cannot be edited and lets only principals of account ${facts.account} use it; the integration role is in ${facts.stackAccount}, so every ${text.verb} would fail`,
      fix: text.notUsableFix,
    });
  }
  if (facts.encryption === 'imported-key') {
    const setAt = facts.keyLocation ? `, set by ${describeLocation(facts.keyLocation)}` : '';
    c.warning({
      code: text.codes.imported,
      prop,
      value: `(key ${isKnown(facts.key?.keyArn) ? facts.key?.keyArn : 'imported'}${setAt})`,
      rule: `has a key from outside this app: the integration role is granted ${text.actions} in IAM, which works only if the key policy lets this account's IAM policies grant it${crossAccount ? ` (the ${facts.kind} is in account ${facts.account}: the key policy must name the role)` : ''}`,
      fix: `Check the key policy (add the integration role, ${text.role}('${key}')), then acknowledge this warning.`,
    });
  }
  if (facts.encryption === 'unknown') {
    c.warning({
      code: text.codes.unknown,
      prop,
      value: '(imported without its key)',
      rule: `may be encrypted with a customer-managed key the integration role is then not granted: every ${text.verb} would fail with a KMS error`,
      fix: text.unknownFix,
    });
  }
}
