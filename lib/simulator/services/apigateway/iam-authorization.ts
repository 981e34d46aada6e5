import { PolicyDecision, PolicyRequest, evaluatePolicy } from '../iam/policy';
import { roleDecision } from '../iam/role-policies';
import { Authorization, RequestScope, SignedCaller } from './request-scope';
import { ApiGatewayState } from './state';

const INVOKE = 'execute-api:Invoke';

/** The condition keys a request carries: where it comes from, over HTTPS. */
function requestContext(scope: RequestScope): PolicyRequest['context'] {
  const context: Record<string, string> = { 'aws:SourceIp': scope.request.sourceIp, 'aws:SecureTransport': 'true' };
  const vpce = scope.request.options.sourceVpce;
  if (vpce !== undefined) context['aws:SourceVpce'] = vpce;
  if (scope.caller) context['aws:PrincipalAccount'] = scope.world.runtime.environment.account;
  return context;
}

function denied(who: string, scope: RequestScope, explicit: boolean, reason: string): Authorization {
  const message = `User: ${who} is not authorized to perform: ${INVOKE} on resource: ${scope.methodArn}${explicit ? ' with an explicit deny' : ''}`;
  return { ok: false, type: 'ACCESS_DENIED', message, reason };
}

/** The resource policy's decision for the request's caller (a role's ARN, or anonymous), when the API has one. */
function resourcePolicyDecision(scope: RequestScope): PolicyDecision | undefined {
  const policy = scope.api.policy;
  if (policy === undefined) return undefined;
  const account = scope.world.runtime.environment.account;
  const principal = scope.caller ? { arn: scope.caller.roleArn, account } : { arn: 'anonymous', account: 'anonymous' };
  return evaluatePolicy(policy, { principal, action: INVOKE, resource: scope.methodArn, context: requestContext(scope) });
}

/**
 * The resource policy of an API, for a method not authorized by IAM: evaluated before the authorizer, for an
 * anonymous caller; an explicit deny, or no statement allowing, is 403. Without a resource policy, nothing to check.
 */
export function resourcePolicyRefusal(scope: RequestScope): Authorization | undefined {
  const d = resourcePolicyDecision(scope);
  if (d === undefined || d.decision === 'Allow') return undefined;
  return denied('anonymous', scope, d.decision === 'ExplicitDeny', `the resource policy: ${d.reason}`);
}

/**
 * An AWS_IAM method: the request must be signed (here: made `as` a role of the template; an unsigned request is
 * 403 Missing Authentication Token). Same account: allowed when the role's identity policies or the API's
 * resource policy allow `execute-api:Invoke` on the method ARN and neither denies it explicitly.
 */
export function authorizeIam(scope: RequestScope, state: ApiGatewayState): Authorization {
  const caller = scope.caller;
  if (!caller) return { ok: false, type: 'MISSING_AUTHENTICATION_TOKEN', reason: `${scope.method.routeKey} is authorized by IAM and the request is not signed: make it as a role ({ as: role })` };
  const role = state.role(caller.roleArn);
  const identity = role ? roleDecision(scope.world, role, INVOKE, scope.methodArn, requestContext(scope)) : undefined;
  const resource = resourcePolicyDecision(scope);
  const reasons = [identity?.reason ?? `the role ${caller.roleArn} is not in the template`, resource ? `the resource policy: ${resource.reason}` : 'the API has no resource policy'];
  if (identity?.decision === 'ExplicitDeny' || resource?.decision === 'ExplicitDeny') return denied(caller.userArn, scope, true, reasons.join('; '));
  if (identity?.decision === 'Allow' || resource?.decision === 'Allow') return { ok: true, context: undefined };
  return denied(caller.userArn, scope, false, reasons.join('; '));
}

/** The identity a request made `as` a role carries: an assumed-role session of it. */
export function signedCaller(roleArn: string, roleId: string, account: string, partition: string): SignedCaller {
  const roleName = roleArn.slice(roleArn.lastIndexOf('/') + 1);
  return { roleArn, roleName, callerId: `${roleId}:simulation`, userArn: `arn:${partition}:sts::${account}:assumed-role/${roleName}/simulation` };
}
