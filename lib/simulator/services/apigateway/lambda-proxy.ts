import { BoundCall, Caller } from '../../world/calls';
import type { InvokeResponse } from '../lambda/synchronous-invocation';
import { GatewayResponseType } from './gateway-responses';
import type { ApiMethod, Integration } from './method';
import { proxyEvent } from './proxy-event';
import { ProxyAnswer, readProxyResponse } from './proxy-response';
import { PER_PATH_MEMO_LIMIT, RequestScope } from './request-scope';

/** What a Lambda proxy integration ended in: the function's response, or API Gateway's answer with the reason. */
export type ProxyOutcome =
  | { readonly ok: true; readonly answer: ProxyAnswer; readonly latencyMs: number }
  | { readonly ok: false; readonly type: GatewayResponseType; readonly reason: string; readonly latencyMs: number };

type LambdaProxy = Extract<Integration, { kind: 'lambda-proxy' }>;

// Calls per method and source ARN: the Lambda permission is matched against the request's method ARN, which
// holds the path's values; policies do not change during a run, so each ARN is decided once.
const boundCalls = new WeakMap<ApiMethod, Map<string, BoundCall<'lambda:InvokeFunction'>>>();

function bound(scope: RequestScope, integration: LambdaProxy): BoundCall<'lambda:InvokeFunction'> {
  let calls = boundCalls.get(scope.method);
  if (!calls) {
    calls = new Map();
    boundCalls.set(scope.method, calls);
  }
  let call = calls.get(scope.methodArn);
  if (!call) {
    const env = scope.world.runtime.environment;
    const caller: Caller = { kind: 'service', principal: 'apigateway.amazonaws.com', sourceArn: scope.methodArn, sourceAccount: env.account };
    call = scope.world.calls.bind(caller, 'lambda:InvokeFunction', integration.functionArn);
    if (calls.size >= PER_PATH_MEMO_LIMIT) calls.clear();
    calls.set(scope.methodArn, call);
  }
  return call;
}

/**
 * A Lambda proxy integration (AWS_PROXY): API Gateway invokes the function synchronously with the proxy event,
 * as `apigateway.amazonaws.com` for the request's method ARN (the function's AWS::Lambda::Permission must allow
 * it). Longer than the integration timeout is 504 (the function runs on); a function error, a timeout of the
 * function or a malformed response is 502; a throttle or a refused invocation 500.
 */
export function invokeProxy(scope: RequestScope, integration: LambdaProxy): ProxyOutcome | Promise<ProxyOutcome> {
  const call = bound(scope, integration);
  const result = call.call({ invocationType: 'RequestResponse', payload: proxyEvent(scope) });
  if (!result.ok) return { ok: false, type: 'API_CONFIGURATION_ERROR', reason: `API Gateway may not invoke the function: ${result.reason}`, latencyMs: 0 };
  const response = result.output.response!;
  return response instanceof Promise ? response.then((r) => outcome(r, integration)) : outcome(response, integration);
}

function outcome(response: InvokeResponse, integration: LambdaProxy): ProxyOutcome {
  if (response.kind === 'throttled') return { ok: false, type: 'DEFAULT_5XX', reason: `Lambda throttled the invocation (${response.reason})`, latencyMs: 0 };
  if (response.durationMs > integration.timeoutMs) {
    return { ok: false, type: 'INTEGRATION_TIMEOUT', reason: `the function ran ${response.durationMs} ms; the integration timeout is ${integration.timeoutMs} ms`, latencyMs: integration.timeoutMs };
  }
  if (response.kind === 'failed') return { ok: false, type: 'INTEGRATION_FAILURE', reason: `the function failed: ${response.error.errorType}: ${response.error.errorMessage}`, latencyMs: response.durationMs };
  const answer = readProxyResponse(response.payload);
  if (typeof answer === 'string') return { ok: false, type: 'INTEGRATION_FAILURE', reason: `Malformed Lambda proxy response: ${answer}`, latencyMs: response.durationMs };
  return { ok: true, answer, latencyMs: response.durationMs };
}
