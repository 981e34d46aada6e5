import { Duration, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { NagAcknowledgement, acknowledge, forPacks } from './acknowledgements';
import { dropRedundantRoleDependency, enableTracing } from './function-role';
import { ManagedPolicyRole } from './managed-policy-role';

/** A pattern's function props as the user gives them: `lambda.FunctionProps` with the runtime optional. */
export type PatternFunctionUserProps = Omit<lambda.FunctionProps, 'runtime'> & { readonly runtime?: lambda.Runtime };

/** Props of {@link createPatternFunction}. */
export interface PatternFunctionProps {
  /** What the user gave; each of its props wins over the pattern's defaults. */
  readonly functionProps: PatternFunctionUserProps;
  /** The pattern's defaults for what the user left out. */
  readonly defaults: { readonly runtime: lambda.Runtime; readonly timeout: Duration; readonly memorySize: number };
  /** Set before the user's props, which override them (the pattern's further defaults). */
  readonly defaultProps?: Partial<lambda.FunctionProps>;
  /** Set after the user's props: what the pattern decides (the network of a VpcFunction). */
  readonly fixedProps?: Partial<lambda.FunctionProps>;
  /** The log group the function writes to: the user's, or one the pattern made. */
  readonly logGroup: NonNullable<lambda.FunctionProps['logGroup']>;
  /** The description of the role the pattern makes, and of its customer-managed policy. */
  readonly roleDescription: string;
  readonly policyDescription: string;
}

/** The function a pattern made, its role, and the customer-managed policy that takes every grant to it. */
export interface PatternFunction {
  readonly function: lambda.Function;
  readonly role: iam.IRole;
  /** Undefined when the user brought the role. */
  readonly policy?: iam.ManagedPolicy;
}

/**
 * Makes a pattern's function (`Function` under `scope`) the way every pattern does: JSON logs at INFO to the given log
 * group, and no other (a role the user brings is granted it too: without it the logs would be lost without an error);
 * a role of the pattern's own instead of Lambda's default one, which attaches AWSLambdaBasicExecutionRole (every log
 * group: cdk-nag AwsSolutions-IAM4), whose only policy is customer-managed, so that every later grant lands there and
 * not in an inline one (cdk-nag IAMNoInlinePolicy); active X-Ray tracing in a policy of its own, unless the user set
 * `tracing`; and no redundant dependency on the role (cfn-lint W3005).
 */
export function createPatternFunction(scope: Construct, props: PatternFunctionProps): PatternFunction {
  const user = props.functionProps;
  let role = user.role;
  let policy: iam.ManagedPolicy | undefined;
  if (!role) {
    const made = new ManagedPolicyRole(scope, 'FunctionRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: props.roleDescription,
      policyId: 'FunctionPolicy',
      policyDescription: props.policyDescription,
    });
    role = made;
    policy = made.policy;
  }
  role.addToPrincipalPolicy(new iam.PolicyStatement({
    actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
    resources: [props.logGroup.logGroupRef.logGroupArn],
  }));
  const fn = new lambda.Function(scope, 'Function', {
    timeout: props.defaults.timeout,
    memorySize: props.defaults.memorySize,
    loggingFormat: lambda.LoggingFormat.JSON,
    applicationLogLevelV2: lambda.ApplicationLogLevel.INFO,
    systemLogLevelV2: lambda.SystemLogLevel.INFO,
    ...props.defaultProps,
    ...user,
    runtime: user.runtime ?? props.defaults.runtime,
    logGroup: props.logGroup,
    role,
    ...props.fixedProps,
  });
  if (policy) fn.node.addDependency(policy);
  dropRedundantRoleDependency(fn, role);
  if (user.tracing === undefined) enableTracing(scope, fn, role);
  const reserved = user.reservedConcurrentExecutions ?? props.defaultProps?.reservedConcurrentExecutions;
  if (reserved !== undefined && Token.isUnresolved(reserved)) acknowledge(fn, ...RESERVED_AT_DEPLOY_ACKNOWLEDGEMENTS);
  return { function: fn, role, policy };
}

/** On a function whose reserved concurrency is known only at deploy (a parameter, another resource's value). */
export const RESERVED_AT_DEPLOY_ACKNOWLEDGEMENTS: readonly NagAcknowledgement[] = forPacks('LambdaConcurrency', ['NIST.800.53.R5', 'HIPAA.Security', 'PCI.DSS.321'],
  'The reserved concurrency is set, to a value known only at deploy (a parameter or another resource\'s value): '
  + 'cdk-nag reads only numbers in the template, and reports it as unset.');
