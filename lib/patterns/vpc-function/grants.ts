import { CfnResource } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { IConstruct } from 'constructs';
import { marker, markedString, markedStrings, markersIn, refersToAny, resolveMarked } from './references';
import { actionPrefix } from './services';

/**
 * Permissions in a Lambda function's role that the Lambda service (or another AWS service) uses on the
 * function's behalf, outside the function's VPC: they need no route from its subnets.
 */
export const CALLED_OUTSIDE_THE_VPC = {
  /** Lambda creates and deletes the function's network interfaces with these. */
  networkInterfaces: {
    actions: [
      'ec2:CreateNetworkInterface', 'ec2:DescribeNetworkInterfaces', 'ec2:DescribeSubnets', 'ec2:DeleteNetworkInterface',
      'ec2:AssignPrivateIpAddresses', 'ec2:UnassignPrivateIpAddresses',
    ],
    source: 'AWS managed policy AWSLambdaVPCAccessExecutionRole; Lambda developer guide, VPC networking (AWS-FACTS §3.4)',
  },
  /** Lambda captures the function's output and sends it to its log group itself. */
  functionLogs: {
    actions: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'],
    source: 'Lambda developer guide, sending Lambda function logs to CloudWatch Logs ("Lambda automatically captures logs … and sends them")',
  },
  /**
   * The event source mapping's poller reads the source (and decrypts it), and Lambda delivers asynchronous
   * failures to the dead-letter target and destinations: all from the Lambda service.
   */
  eventSourcesAndDestinations: {
    source: 'Lambda developer guide, event source mappings and asynchronous invocation',
  },
  /** SQS, SNS, S3, DynamoDB, CloudWatch Logs, Secrets Manager and Kinesis call KMS for their encrypted resources. */
  serviceSideEncryption: {
    source: 'SQS developer guide, key management; KMS developer guide, permissions for AWS services in key policies',
  },
  /** AWS managed policies whose statements are all of the kinds above. */
  managedPolicies: ['AWSLambdaBasicExecutionRole', 'AWSLambdaVPCAccessExecutionRole', 'AWSLambdaSQSQueueExecutionRole'],
} as const;

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
  if (node instanceof sqs.CfnQueue) return node.kmsMasterKeyId;
  if (node instanceof sns.CfnTopic) return node.kmsMasterKeyId;
  if (node instanceof logs.CfnLogGroup) return node.kmsKeyId;
  if (node instanceof s3.CfnBucket) return node.bucketEncryption;
  if (node instanceof dynamodb.CfnTable) return node.sseSpecification;
  if (node instanceof dynamodb.CfnGlobalTable) return node.sseSpecification;
  if (node instanceof secretsmanager.CfnSecret) return node.kmsKeyId;
  if (node instanceof kinesis.CfnStream) return node.streamEncryption;
  return undefined;
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
