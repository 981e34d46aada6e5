import { CfnResource } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { IConstruct } from 'constructs';
import { CALLED_OUTSIDE_THE_VPC } from './called-outside-the-vpc';
import { marker, markedString, markedStrings, markersIn, refersToAny, resolveMarked } from './references';
import { actionPrefix } from './services';

/** What a function's role lets its code call, by service. */
export interface DerivedGrants {
  /** IAM service prefix → the actions granted (in the order found). */
  readonly services: ReadonlyMap<string, readonly string[]>;
  /** What could not be read: AWS managed policies, `NotAction`, `*` actions. */
  readonly unreadable: readonly string[];
}

interface Statement {
  readonly effect: string;
  readonly actions: readonly string[];
  readonly resources: readonly string[];
  readonly notAction: boolean;
}

function list(v: unknown): string[] {
  if (v === undefined || v === null) return [];
  return (Array.isArray(v) ? v : [v]).map((x) => (typeof x === 'string' ? x : JSON.stringify(x)));
}

function statementsOf(document: unknown, scope: IConstruct): Statement[] {
  const doc = resolveMarked(document, scope) as { Statement?: unknown } | undefined;
  const raw = doc?.Statement;
  return (Array.isArray(raw) ? raw : raw ? [raw] : []).map((s: Record<string, unknown>) => ({
    effect: String(s.Effect ?? 'Allow'),
    actions: list(s.Action ?? s.NotAction),
    resources: s.NotResource !== undefined ? ['*'] : list(s.Resource),
    notAction: s.NotAction !== undefined,
  }));
}

/** The resources whose keys KMS is called for by the owning service, not by the function. */
function encryptedResourceKeys(node: CfnResource): unknown {
  const entry = CALLED_OUTSIDE_THE_VPC.serviceSideEncryption.resources.find((e) => e.type === node.cfnResourceType);
  return entry ? (node as unknown as Record<string, unknown>)[entry.l1Property] : undefined;
}

/** Everything in the app that marks a permission of `fn` as used outside its VPC. */
interface OutsideFacts {
  readonly logGroups: Set<string>;
  readonly sourcesAndDestinations: Set<string>;
  readonly serviceKeys: Set<string>;
}

function outsideFacts(fn: lambda.CfnFunction, nodes: readonly CfnResource[]): OutsideFacts {
  const self = marker(fn);
  const facts: OutsideFacts = { logGroups: new Set(), sourcesAndDestinations: new Set(), serviceKeys: new Set() };
  const logGroup = markedString((resolveMarked(fn.loggingConfig, fn) as { logGroup?: string } | undefined)?.logGroup, fn);
  if (logGroup) facts.logGroups.add(logGroup);
  for (const target of markedStrings((resolveMarked(fn.deadLetterConfig, fn) as { targetArn?: string } | undefined)?.targetArn, fn)) {
    facts.sourcesAndDestinations.add(target);
  }
  for (const node of nodes) {
    if (node instanceof logs.CfnLogGroup && logGroup !== undefined && markedString(node.logGroupName, node) === logGroup) {
      facts.logGroups.add(marker(node));
    }
    if (node instanceof lambda.CfnEventSourceMapping && markedString(node.functionName, node) === self) {
      for (const source of markedStrings(node.eventSourceArn, node)) facts.sourcesAndDestinations.add(source);
    }
    if (node instanceof lambda.CfnEventInvokeConfig && markedString(node.functionName, node) === self) {
      const json = JSON.stringify(resolveMarked(node.destinationConfig, node) ?? {});
      for (const m of markersIn(json)) facts.sourcesAndDestinations.add(m);
    }
    const keys = encryptedResourceKeys(node);
    if (keys !== undefined) for (const m of markersIn(JSON.stringify(resolveMarked(keys, node) ?? {}))) facts.serviceKeys.add(m);
  }
  return facts;
}

function isFunctionLogs(action: string, resources: readonly string[], facts: OutsideFacts): boolean {
  if (!(CALLED_OUTSIDE_THE_VPC.functionLogs.actions as readonly string[]).includes(action)) return false;
  return resources.every((r) => r === '*' || refersToAny(r, facts.logGroups) || r.includes(':log-group:/aws/lambda/'));
}

/** Whether Lambda or another AWS service, not the function's code, makes this call. */
function calledOutsideTheVpc(action: string, resources: readonly string[], facts: OutsideFacts): boolean {
  if ((CALLED_OUTSIDE_THE_VPC.networkInterfaces.actions as readonly string[]).includes(action)) return true;
  if (isFunctionLogs(action, resources, facts)) return true;
  if (resources.length > 0 && resources.every((r) => refersToAny(r, facts.sourcesAndDestinations))) return true;
  return actionPrefix(action) === 'kms' && resources.length > 0 && resources.every((r) => refersToAny(r, facts.serviceKeys));
}

/** The role's policy documents that live in the app (inline, default policy, customer-managed), and what else it has. */
function roleStatements(fn: lambda.CfnFunction, nodes: readonly CfnResource[], unreadable: string[]): Statement[] {
  const roleArn = markedString(fn.role, fn) ?? '';
  const roleName = roleArn.startsWith('«') ? roleArn : roleArn.split('/').pop() ?? roleArn;
  const statements: Statement[] = [];
  const attached = new Set<string>();
  for (const node of nodes) {
    if (node instanceof iam.CfnRole && marker(node) === roleArn) {
      for (const p of (resolveMarked(node.policies, node) as { policyDocument?: unknown }[] | undefined) ?? []) {
        statements.push(...statementsOf(p.policyDocument, node));
      }
      for (const arn of markedStrings(node.managedPolicyArns, node)) {
        if (arn.startsWith('«')) attached.add(arn);
        else if (!CALLED_OUTSIDE_THE_VPC.managedPolicies.some((name) => arn.endsWith(`/${name}`))) unreadable.push(`managed policy ${arn}`);
      }
    }
  }
  for (const node of nodes) {
    const isPolicy = node instanceof iam.CfnPolicy || node instanceof iam.CfnManagedPolicy;
    if (!isPolicy) continue;
    const roles = markedStrings(node.roles, node);
    if (roles.includes(roleName) || roles.includes(roleArn) || attached.has(marker(node))) {
      statements.push(...statementsOf(node.policyDocument, node));
    }
  }
  return statements;
}

/**
 * The AWS services a function's code is granted, read from its role's policies in the app when the app is
 * synthesized: every grant made before that (also after the function's construct) counts. Permissions that
 * Lambda or another service uses on the function's behalf ({@link CALLED_OUTSIDE_THE_VPC}) are left out.
 */
export function derivedGrants(fn: lambda.CfnFunction, root: IConstruct): DerivedGrants {
  const nodes = root.node.findAll().filter((n): n is CfnResource => n instanceof CfnResource);
  const unreadable: string[] = [];
  const facts = outsideFacts(fn, nodes);
  const services = new Map<string, string[]>();
  for (const s of roleStatements(fn, nodes, unreadable)) {
    if (s.effect !== 'Allow') continue;
    if (s.notAction) {
      unreadable.push(`NotAction ${s.actions.join(', ')}`);
      continue;
    }
    for (const action of s.actions) {
      const prefix = actionPrefix(action);
      if (prefix === '*') {
        unreadable.push('Action "*"');
        continue;
      }
      if (calledOutsideTheVpc(action, s.resources, facts)) continue;
      const actions = services.get(prefix) ?? [];
      if (!actions.includes(action)) actions.push(action);
      services.set(prefix, actions);
    }
  }
  return { services, unreadable };
}
