import { Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { IConstruct } from 'constructs';
import { LAMBDA_VPC_LIMITS, ProblemCollector, validateCustomerManagedKey, validateFunctionProps, validatePatternOwnedSettings } from '../../core';
import { VpcFunctionProps } from './props';
import { VpcEgress } from './routes';
import { RoutePropNames, VPC_FUNCTION_RULES as R, countProblem, natWithoutNatRouteProblem, publicSubnetProblem } from './rules';

/** The props VpcFunction's messages point to. */
export const VPC_FUNCTION_PROP_NAMES: RoutePropNames = {
  vpc: 'vpc',
  subnets: 'vpcSubnets',
  securityGroups: 'functionProps.securityGroups',
  egress: 'egress',
};

/** The subnets the function the pattern makes goes in: as selected, or private ones that suit the egress. */
export function defaultSubnets(vpc: ec2.IVpc, egress: VpcEgress): ec2.SubnetSelection | undefined {
  if (egress === 'endpoints' && vpc.isolatedSubnets.length > 0) return { subnetType: ec2.SubnetType.PRIVATE_ISOLATED };
  if (vpc.privateSubnets.length > 0) return { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS };
  return undefined;
}

function checkShape(problems: ProblemCollector, props: VpcFunctionProps, egress: VpcEgress): void {
  const count = [props.function, props.functionProps].filter((x) => x !== undefined).length;
  problems.expect(count === 1, {
    code: R.exactlyOneFunction.code,
    prop: 'function / functionProps',
    value: count === 0 ? 'are both missing:' : 'are both given:',
    rule: 'the function is either one you bring or one the pattern makes',
    fix: R.exactlyOneFunction.fix,
  });
  if (props.function) {
    const inVpc = (props.function.node.defaultChild as lambda.CfnFunction | undefined)?.vpcConfig !== undefined;
    const stray = (['vpcSubnets', 'availabilityZones', 'encryptionKey'] as const).filter((p) => props[p] !== undefined);
    problems.expect(inVpc && props.vpc !== undefined && stray.length === 0, {
      code: R.broughtFunctionNotInVpc.code,
      prop: !inVpc ? 'function' : props.vpc === undefined ? 'vpc' : stray.join(', '),
      value: !inVpc ? 'has no VpcConfig:' : props.vpc === undefined ? 'is missing:' : 'is given with a brought function:',
      rule: !inVpc ? 'the pattern routes a function that is in a VPC, and cannot move one into it'
        : props.vpc === undefined ? 'a brought function\'s VPC cannot be read back from it' : 'these only shape a function the pattern makes, and would be silently ignored',
      fix: R.broughtFunctionNotInVpc.fix,
    });
  }
  if (egress === 'nat' && !props.vpc) problems.add(natWithoutNatRouteProblem(VPC_FUNCTION_PROP_NAMES, [], false));
}

/** The network settings of the function the pattern makes: its props' type leaves them out, a cast or JavaScript can still give them. */
const PATTERN_OWNED_FUNCTION_SETTINGS = ['vpc', 'vpcSubnets', 'allowAllOutbound', 'allowPublicSubnet', 'securityGroup'] as const;

/**
 * What VpcFunction passes through to aws-cdk-lib, checked as every pattern checks it: `functionProps` (timeout, memory,
 * names, environment…), the network settings the pattern owns, and the key CloudWatch Logs must use for its log groups.
 */
function checkPassedThrough(problems: ProblemCollector, props: VpcFunctionProps): void {
  validateFunctionProps(problems, props.functionProps, 'functionProps');
  validatePatternOwnedSettings(problems, props.functionProps, 'functionProps', PATTERN_OWNED_FUNCTION_SETTINGS,
    'the pattern places the function: use its vpc, vpcSubnets and egress props (and functionProps.securityGroups for groups of your own)');
  validateCustomerManagedKey(problems, 'encryptionKey', props.encryptionKey, 'the encrypted log groups of the function and of the flow log (CloudWatch Logs)');
  problems.expect(props.functionProps?.reservedConcurrentExecutions !== 0, {
    code: R.functionSettings.code,
    prop: 'functionProps.reservedConcurrentExecutions',
    value: '0',
    rule: 'throttles every invocation, so the function never runs (cdk-nag LambdaConcurrency of NIST 800-53 R5, HIPAA Security and PCI DSS reports it)',
    fix: 'Give the number of concurrent executions to reserve (at least 1), or leave it out to use the account\'s unreserved pool.',
  });
  problems.expect(props.availabilityZones === undefined || !Token.isUnresolved(props.availabilityZones), {
    code: R.functionSettings.code,
    prop: 'availabilityZones',
    value: 'is known only at deploy:',
    rule: 'the pattern makes one subnet per Availability Zone at synth, so it needs the number then',
    fix: 'Give a number (1–16), or bring a VPC with vpc.',
  });
  problems.inRange(R.functionSettings.code, 'availabilityZones', props.availabilityZones, LAMBDA_VPC_LIMITS.subnets,
    `Set availabilityZones to a value in 1–${LAMBDA_VPC_LIMITS.subnets.max} (the function takes one subnet per AZ, at most ${LAMBDA_VPC_LIMITS.subnets.max}).`);
}

/**
 * The subnets for a function the pattern makes, checked before the function exists: never public, within
 * VpcConfig's limits, and only subnets the VPC has.
 */
function checkSubnets(problems: ProblemCollector, props: VpcFunctionProps, vpc: ec2.IVpc, egress: VpcEgress): ec2.ISubnet[] {
  const names = VPC_FUNCTION_PROP_NAMES;
  const selection = props.vpcSubnets ?? defaultSubnets(vpc, egress);
  if (!selection) {
    problems.add({
      code: R.publicSubnet.code,
      prop: names.vpc,
      value: 'has no private subnets:',
      rule: 'a Lambda function never gets a public IP, so only isolated or private subnets can hold it',
      fix: 'Give the VPC isolated or private subnets, or leave vpc out and let the pattern make one.',
    });
    return [];
  }
  const subnets = vpc.selectSubnets(selection).subnets;
  const publicIds = new Set(vpc.publicSubnets.map((s) => s.subnetId));
  const isPublic = subnets.filter((s) => publicIds.has(s.subnetId));
  if (isPublic.length > 0) problems.add(publicSubnetProblem(names, isPublic.map((s) => s.node.path)));
  if (subnets.length > LAMBDA_VPC_LIMITS.subnets.max) problems.add(countProblem('subnets', names, subnets.length));
  const groups = 1 + (props.functionProps?.securityGroups?.length ?? 0);
  if (groups > LAMBDA_VPC_LIMITS.securityGroups.max) problems.add(countProblem('securityGroups', names, groups));
  return subnets;
}

/** The props checked when the construct is made: every problem at once. */
export function checkProps(scope: IConstruct, props: VpcFunctionProps, egress: VpcEgress): void {
  const problems = new ProblemCollector(scope);
  checkShape(problems, props, egress);
  checkPassedThrough(problems, props);
  problems.throwIfAny();
}

/** The subnets of a function the pattern makes, or a ValidationError listing every problem with them. */
export function checkedSubnets(scope: IConstruct, props: VpcFunctionProps, vpc: ec2.IVpc, egress: VpcEgress): ec2.ISubnet[] {
  const problems = new ProblemCollector(scope);
  const subnets = checkSubnets(problems, props, vpc, egress);
  problems.throwIfAny();
  return subnets;
}
