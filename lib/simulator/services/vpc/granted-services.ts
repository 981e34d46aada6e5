import { CALLED_OUTSIDE_THE_VPC } from '../../../patterns/vpc-function/called-outside-the-vpc';
import { actionPrefix } from '../../../patterns/vpc-function/services';
import { isUnresolved } from '../../template';
import { SimulationWorld } from '../../world/world';
import { functionRole } from '../iam/role-policies';
import { KmsKey } from '../kms/key';
import { LambdaFunction, functionByName } from '../lambda/function';

/** A service a function's code is granted, by IAM prefix (`sqs`), with the actions that show it. */
export interface GrantedService {
  readonly prefix: string;
  readonly actions: readonly string[];
}

/** What a function's role lets its code call, and what could not be read. */
export interface FunctionGrants {
  readonly services: readonly GrantedService[];
  /** `NotAction`, `Action: "*"`, AWS managed policies the simulator does not know, a role outside the template. */
  readonly unreadable: readonly string[];
}

interface Statement {
  readonly Effect?: unknown;
  readonly Action?: unknown;
  readonly NotAction?: unknown;
  readonly Resource?: unknown;
  readonly NotResource?: unknown;
}

const list = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** Everything of the template that makes a permission of the function used by Lambda or another service, not its code. */
interface OutsideFacts {
  readonly logGroup: string | undefined;
  readonly sourcesAndDestinations: ReadonlySet<string>;
  readonly serviceKeys: ReadonlySet<string>;
}

function outsideFacts(world: SimulationWorld, fn: LambdaFunction): OutsideFacts {
  const raw = world.template.resource(fn.logicalId)?.rawProperties.LoggingConfig as { LogGroup?: { Ref?: string } } | undefined;
  const targets = new Set<string>();
  if (fn.settings.deadLetterTargetArn) targets.add(fn.settings.deadLetterTargetArn);
  for (const m of world.template.ofType('AWS::Lambda::EventSourceMapping')) {
    const source = m.prop('EventSourceArn');
    if (functionByName(world, String(m.prop('FunctionName'))) === fn && typeof source === 'string') targets.add(source);
  }
  for (const c of world.template.ofType('AWS::Lambda::EventInvokeConfig')) {
    if (functionByName(world, String(c.prop('FunctionName'))) !== fn) continue;
    const d = c.prop('DestinationConfig') as { OnSuccess?: { Destination?: unknown }; OnFailure?: { Destination?: unknown } } | undefined;
    for (const arn of [d?.OnSuccess?.Destination, d?.OnFailure?.Destination]) if (typeof arn === 'string') targets.add(arn);
  }
  const keyNames = new Set<string>();
  for (const e of CALLED_OUTSIDE_THE_VPC.serviceSideEncryption.resources) {
    for (const r of world.template.ofType(e.type)) collectStrings(r.prop(e.property), keyNames);
  }
  const serviceKeys = new Set(world.all(KmsKey).filter((k) => k.identities.some((i) => keyNames.has(i))).map((k) => k.arn));
  return { logGroup: raw?.LogGroup?.Ref, sourcesAndDestinations: targets, serviceKeys };
}

function collectStrings(v: unknown, into: Set<string>): void {
  if (typeof v === 'string') into.add(v);
  else if (Array.isArray(v)) v.forEach((x) => collectStrings(x, into));
  else if (v !== null && typeof v === 'object' && !isUnresolved(v)) Object.values(v).forEach((x) => collectStrings(x, into));
}

/** Whether a resource of a statement names the function's own log group (resolved, or left unresolved by the template reader). */
function isFunctionLogGroup(resource: unknown, facts: OutsideFacts): boolean {
  if (resource === '*') return true;
  if (typeof resource === 'string') return resource.includes(':log-group:/aws/lambda/');
  return isUnresolved(resource) && facts.logGroup !== undefined && resource.description.startsWith(`${facts.logGroup}.`);
}

/** Whether Lambda or another AWS service, not the function's code, makes this call (CALLED_OUTSIDE_THE_VPC). */
function calledOutsideTheVpc(action: string, resources: readonly unknown[], facts: OutsideFacts): boolean {
  const table = CALLED_OUTSIDE_THE_VPC;
  if ((table.networkInterfaces.actions as readonly string[]).includes(action)) return true;
  if ((table.functionLogs.actions as readonly string[]).includes(action) && resources.every((r) => isFunctionLogGroup(r, facts))) return true;
  const named = (set: ReadonlySet<string>) => resources.length > 0 && resources.every((r) => typeof r === 'string' && set.has(r));
  if (named(facts.sourcesAndDestinations)) return true;
  return actionPrefix(action) === 'kms' && named(facts.serviceKeys);
}

/**
 * The AWS services a function's code is granted, from its role's identity policies in the template (the IAM
 * service reads them): each allowed action's prefix, leaving out what Lambda or another service calls on the
 * function's behalf outside its VPC — the same table the VpcFunction pattern derives its routes from.
 */
export function grantedServices(world: SimulationWorld, fn: LambdaFunction): FunctionGrants {
  const unreadable: string[] = [];
  const role = fn.settings.roleArn ? functionRole(world, fn.settings.roleArn) : undefined;
  if (!role) return { services: [], unreadable: [`the role ${fn.settings.roleArn ?? '(none)'} is not in the template`] };
  unreadable.push(...role.unknownManagedPolicies.map((p) => `managed policy ${p}`));
  const facts = outsideFacts(world, fn);
  const services = new Map<string, string[]>();
  for (const policy of role.policies) {
    for (const s of list((policy.document as { Statement?: unknown } | undefined)?.Statement) as Statement[]) {
      if (s.Effect !== 'Allow') continue;
      if (s.NotAction !== undefined) {
        unreadable.push(`NotAction in ${policy.source}`);
        continue;
      }
      const resources = s.NotResource !== undefined ? ['*'] : list(s.Resource);
      for (const action of list(s.Action).map(String)) {
        const prefix = actionPrefix(action);
        if (prefix === '*') {
          unreadable.push(`Action "*" in ${policy.source}`);
          continue;
        }
        if (calledOutsideTheVpc(action, resources, facts)) continue;
        const actions = services.get(prefix) ?? [];
        if (!actions.includes(action)) actions.push(action);
        services.set(prefix, actions);
      }
    }
  }
  return { services: [...services].map(([prefix, actions]) => ({ prefix, actions })), unreadable };
}
