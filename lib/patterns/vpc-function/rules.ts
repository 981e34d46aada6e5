import { LAMBDA_VPC_LIMITS, PROP_RULES, ProblemInput, RuleDefinition, describeRange } from '../../core';
import { Reach } from './reachability';
import { EndpointServiceDefinition } from './services';

const RULE_PREFIX = 'decoupled:vpc-function/';

/** Every rule of the VPC routes, as data: the catalog renders it, the checks below raise it. */
export const VPC_FUNCTION_RULES = {
  exactlyOneFunction: {
    code: `${RULE_PREFIX}exactly-one-function`,
    severity: 'error',
    fires: 'both or neither of function and functionProps are given',
    fix: 'Pass exactly one of function and functionProps.',
  },
  broughtFunctionNotInVpc: {
    code: `${RULE_PREFIX}brought-function-not-in-vpc`,
    severity: 'error',
    fires: 'a brought function has no VpcConfig, or vpc is missing for it, or vpcSubnets or securityGroups are given with it',
    fix: 'Make the function with vpc (and its subnets and security groups) and pass the same vpc, or pass functionProps and let the pattern make it.',
  },
  publicSubnet: {
    code: `${RULE_PREFIX}public-subnet`,
    severity: 'error',
    fires: 'the function is placed in a public subnet: Lambda never gives it a public IP, so the internet gateway route does not work',
    fix: 'Select private subnets (vpcSubnets: { subnetType: PRIVATE_ISOLATED or PRIVATE_WITH_EGRESS }).',
  },
  natWithoutNatRoute: {
    code: `${RULE_PREFIX}nat-without-nat-route`,
    severity: 'error',
    fires: 'egress is \'nat\' but a subnet of the function has no 0.0.0.0/0 route to a NAT gateway (or no vpc is given: the VPC the pattern makes has no NAT)',
    fix: 'Select subnets whose route table sends 0.0.0.0/0 to a NAT gateway (PRIVATE_WITH_EGRESS), or use egress \'endpoints\'.',
  },
  securityGroupCount: {
    code: `${RULE_PREFIX}security-group-count`,
    severity: 'error',
    fires: `the function would have more than ${LAMBDA_VPC_LIMITS.securityGroups.max} security groups (${LAMBDA_VPC_LIMITS.securityGroups.source})`,
    fix: `Pass at most ${LAMBDA_VPC_LIMITS.securityGroups.max - 1} security groups: the pattern adds its own.`,
  },
  subnetCount: {
    code: `${RULE_PREFIX}subnet-count`,
    severity: 'error',
    fires: `the function's subnet selection has more than ${LAMBDA_VPC_LIMITS.subnets.max} subnets (${LAMBDA_VPC_LIMITS.subnets.source})`,
    fix: 'Select fewer subnets, for example one per Availability Zone (vpcSubnets: { onePerAz: true }).',
  },
  unreachableService: {
    code: `${RULE_PREFIX}unreachable-service`,
    severity: 'error',
    fires: 'the function is granted a service that its subnets and security groups cannot reach (no endpoint the pattern can make, or an endpoint that blocks it)',
    fix: 'Use egress \'nat\' in subnets with a NAT route, or add a VPC endpoint for the service and pass it in vpcEndpoints; list the service in servicesNotCalledFromVpc if the code never calls it.',
  },
  reachUnknown: {
    code: `${RULE_PREFIX}reach-unknown`,
    severity: 'warning',
    fires: 'whether a granted service is reachable cannot be told at synth time (imported security groups, or subnets whose route tables are not known)',
    fix: 'Import the subnets with their route table ids, or check the route yourself and acknowledge this warning.',
  },
  legacyHostname: {
    code: `${RULE_PREFIX}legacy-hostname`,
    severity: 'warning',
    fires: 'a granted service is reached through an endpoint whose private DNS does not answer for a legacy hostname some SDKs still call',
    fix: 'Use an SDK that calls the Regional hostname (AWS SDK for JavaScript v3, or boto3 with the Regional endpoint), then acknowledge this warning.',
  },
  unreadablePolicy: {
    code: `${RULE_PREFIX}unreadable-policy`,
    severity: 'warning',
    fires: 'the function\'s role has permissions the pattern cannot read at synth time (an AWS managed policy, NotAction, Action "*")',
    fix: 'List the services the code calls in additionalServices, then acknowledge this warning.',
  },
  gatewayEgressOpen: {
    code: `${RULE_PREFIX}gateway-egress-open`,
    severity: 'warning',
    fires: 'a gateway endpoint\'s prefix list id is unknown, so HTTPS egress is opened to 0.0.0.0/0, in subnets that also route to the internet',
    fix: 'Pass the Region\'s prefix list id in prefixListIds (aws ec2 describe-managed-prefix-lists --filters Name=prefix-list-name,Values=com.amazonaws.<region>.s3).',
  },
  keyPolicyNotEditable: {
    code: `${RULE_PREFIX}key-policy-not-editable`,
    severity: 'warning',
    fires: 'encryptionKey is imported, so its key policy cannot take the statement CloudWatch Logs needs for the pattern\'s log groups',
    fix: 'Add the statement the warning shows to the key policy, then acknowledge this warning; or let the pattern make the key.',
  },
  functionSettings: {
    code: `${RULE_PREFIX}function-settings`,
    severity: 'error',
    fires: 'availabilityZones is not a whole number in 1–16 or is known only at deploy (the function takes one subnet per AZ), or functionProps.reservedConcurrentExecutions is 0 (the function would never run)',
    fix: 'Set a whole number within the range the message names.',
  },
  functionSettingRange: {
    code: PROP_RULES.functionSettingRange,
    severity: 'error',
    fires: 'a functionProps setting is not whole seconds (or MB) or outside Lambda\'s range (timeout 1–900 s, memory 128–10,240 MB, ephemeral storage 512–10,240 MiB, reserved concurrency a whole number ≥ 0, retry attempts 0–2, maximum event age 60 s–6 h)',
    fix: 'Set whole numbers (durations in whole seconds) within the range the message names.',
  },
  functionName: {
    code: PROP_RULES.invalidFunctionName,
    severity: 'error',
    fires: 'functionProps.functionName, description or handler Lambda would refuse (length, characters)',
    fix: 'Correct it as the message says.',
  },
  functionEnvironment: {
    code: PROP_RULES.invalidEnvironment,
    severity: 'error',
    fires: 'functionProps.environment has a key Lambda refuses or reserves, or is over 4 KB as JSON',
    fix: 'Rename the variable, or move large values to Parameter Store.',
  },
  functionDeadLetter: {
    code: PROP_RULES.functionDeadLetter,
    severity: 'error',
    fires: 'functionProps dead-letter settings that aws-cdk-lib refuses together',
    fix: 'Keep one dead-letter target.',
  },
  functionAsyncDestination: {
    code: PROP_RULES.functionAsyncDestination,
    severity: 'error',
    fires: 'functionProps.retryAttempts or maxEventAge without functionProps.onFailure: a failed asynchronous event would be dropped',
    fix: 'Give functionProps.onFailure, or remove them.',
  },
  patternOwnedSetting: {
    code: PROP_RULES.patternOwnedSetting,
    severity: 'error',
    fires: 'functionProps sets the network the pattern owns (vpc, vpcSubnets, allowAllOutbound, allowPublicSubnet, securityGroup): the props\' type leaves them out, this catches casts and JavaScript',
    fix: 'Use the pattern\'s vpc, vpcSubnets and egress, and functionProps.securityGroups for groups of your own.',
  },
  awsManagedKey: {
    code: PROP_RULES.awsManagedKey,
    severity: 'error',
    fires: 'encryptionKey is an AWS managed key (alias/aws/…), which CloudWatch Logs cannot use for the log groups',
    fix: 'Let the pattern make its key, or pass a customer-managed key.',
  },
} as const satisfies Record<string, RuleDefinition>;

const R = VPC_FUNCTION_RULES;

/** The names of the props a message points to: they differ between VpcFunction and a pattern that routes its function. */
export interface RoutePropNames {
  readonly vpc: string;
  readonly subnets: string;
  readonly securityGroups: string;
  /** The prop that chooses NAT or endpoints, when the pattern has one. */
  readonly egress?: string;
}

export function publicSubnetProblem(props: RoutePropNames, subnets: readonly string[]): ProblemInput {
  return {
    code: R.publicSubnet.code,
    prop: props.subnets,
    value: `selects public subnets ${subnets.join(', ')}:`,
    rule: 'a Lambda function never gets a public IP, so it cannot use the internet gateway route of a public subnet (Lambda developer guide, AWS-FACTS §3.4)',
    fix: `Select private subnets: ${props.subnets} { subnetType: SubnetType.PRIVATE_ISOLATED } with endpoints, or PRIVATE_WITH_EGRESS with a NAT gateway.`,
  };
}

export function natWithoutNatRouteProblem(props: RoutePropNames, subnets: readonly string[], vpcGiven: boolean): ProblemInput {
  return {
    code: R.natWithoutNatRoute.code,
    prop: props.egress ?? props.subnets,
    value: '\'nat\'',
    rule: vpcGiven
      ? `needs a 0.0.0.0/0 route to a NAT gateway, and subnets ${subnets.join(', ')} have none`
      : 'needs a VPC with a NAT gateway, and without vpc the pattern makes an isolated VPC with none',
    fix: vpcGiven
      ? `Select subnets whose route table sends 0.0.0.0/0 to a NAT gateway (${props.subnets} { subnetType: SubnetType.PRIVATE_WITH_EGRESS }), or use egress 'endpoints'.`
      : `Pass ${props.vpc} with PRIVATE_WITH_EGRESS subnets and a NAT gateway, or use egress 'endpoints'.`,
  };
}

/**
 * Too many security groups or subnets. For a function the pattern makes, the user's props plus the pattern's own
 * group; for a brought one, the groups and subnets it was made with: the pattern adds none, and only the code that
 * makes that function can change them.
 */
export function countProblem(which: 'securityGroups' | 'subnets', props: RoutePropNames, count: number, brought = false): ProblemInput {
  const limit = LAMBDA_VPC_LIMITS[which];
  const rule = which === 'securityGroups' ? R.securityGroupCount : R.subnetCount;
  const noun = which === 'securityGroups' ? 'security groups' : 'subnets';
  return {
    code: rule.code,
    prop: brought ? `function (its ${which === 'securityGroups' ? 'securityGroups' : 'vpcSubnets'})` : which === 'securityGroups' ? props.securityGroups : props.subnets,
    value: `gives the function ${count} ${noun}:`,
    rule: `is outside ${limit.name}'s allowed range ${describeRange(limit)} (${limit.source})`,
    fix: !brought ? rule.fix
      : which === 'securityGroups' ? `Make the function you bring with at most ${limit.max} security groups (the pattern adds none to it).`
        : 'Make the function you bring with fewer subnets, for example one per Availability Zone (vpcSubnets: { onePerAz: true }).',
  };
}

/** The error for a granted service the function cannot reach, naming the service and both ways to fix it. */
export function unreachableProblem(props: RoutePropNames, egress: string, service: string, def: EndpointServiceDefinition | undefined, actions: readonly string[], reach: Reach): ProblemInput {
  const name = def ? `${def.name} ('${service}')` : `'${service}'`;
  const nat = props.egress
    ? `use egress 'nat' in subnets with a NAT route (${props.subnets} { subnetType: SubnetType.PRIVATE_WITH_EGRESS })`
    : `select subnets with a NAT route (${props.subnets} { subnetType: SubnetType.PRIVATE_WITH_EGRESS })`;
  const skip = `list '${service}' in servicesNotCalledFromVpc if the code never calls it`;
  const fix = def?.kind === 'none'
    ? `${nat.charAt(0).toUpperCase()}${nat.slice(1)}: ${def.name} has no VPC endpoint, so a NAT route is the only way; or ${skip}.`
    : `Either ${nat}, or add ${def?.kind === 'gateway' ? 'a gateway' : 'an interface'} endpoint for ${def ? `com.amazonaws.<region>.${def.endpoints.join(' and ')}` : 'the service'} `
      + `to the VPC and pass it in vpcEndpoints; or ${skip}.`;
  return {
    code: R.unreachableService.code,
    prop: props.egress ?? props.subnets,
    value: props.egress ? `'${egress}'` : '(the function\'s subnets)',
    rule: `leaves ${name}, granted ${actions.join(', ')}, unreachable: ${reach.blockedBy}. Calls to it would hang until the function times out (AWS-FACTS §14)`,
    fix,
  };
}

export function reachUnknownProblem(props: RoutePropNames, service: string, reach: Reach): ProblemInput {
  return {
    code: R.reachUnknown.code,
    prop: props.vpc,
    value: `(service '${service}')`,
    rule: `cannot be checked at synth time: ${reach.blockedBy}`,
    fix: R.reachUnknown.fix,
  };
}

export function legacyHostnameProblem(props: RoutePropNames, def: EndpointServiceDefinition): ProblemInput {
  const hosts = (def.legacyHostnames ?? []).join(', ');
  return {
    code: R.legacyHostname.code,
    prop: props.egress ?? props.subnets,
    value: props.egress ? '\'endpoints\'' : '(the function\'s subnets)',
    rule: `reaches ${def.name} through a VPC endpoint whose private DNS does not answer for ${hosts}, which some SDKs still call: such calls time out `
      + `(${def.legacyHostnamesConfirmed ? 'confirmed' : 'unconfirmed, from secondary sources'}: ${def.source})`,
    fix: R.legacyHostname.fix,
  };
}

export function unreadableProblem(props: RoutePropNames, what: readonly string[]): ProblemInput {
  return {
    code: R.unreadablePolicy.code,
    prop: 'additionalServices',
    value: `(the role has ${what.join('; ')})`,
    rule: 'cannot be read at synth time, so the services it grants get no route',
    fix: `${R.unreadablePolicy.fix} (VPC: ${props.vpc})`,
  };
}

export function gatewayEgressOpenProblem(service: string): ProblemInput {
  return {
    code: R.gatewayEgressOpen.code,
    prop: 'prefixListIds',
    value: `has no id for '${service}':`,
    rule: 'CloudFormation cannot look up an AWS-managed prefix list by name (cloudformation-coverage-roadmap #453), so HTTPS egress is open to 0.0.0.0/0, and these subnets also route to the internet',
    fix: R.gatewayEgressOpen.fix.replace('.s3', `.${service}`),
  };
}
