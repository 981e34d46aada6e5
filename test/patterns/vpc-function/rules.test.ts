import { Duration } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { VPC_FUNCTION_RULES as R, VpcFunction, VpcFunctionProps } from '../../../lib';
import { FUNCTION_PROPS, constructionErrorOf, endpointsIn, isolatedVpc, natVpc, newStack, synthErrorOf, warningsOf } from './support';

const withFunction = (more: Partial<VpcFunctionProps> = {}): VpcFunctionProps => ({ functionProps: FUNCTION_PROPS, ...more });

/** A stack with a VpcFunction made by `props`, after `grant` is given the function. */
function routed(props: (stack: ReturnType<typeof newStack>) => VpcFunctionProps, grant?: (fn: VpcFunction) => void) {
  const stack = newStack();
  const fn = new VpcFunction(stack, 'Reports', props(stack));
  grant?.(fn);
  return { stack, fn };
}

describe('VpcFunction rules checked when it is made', () => {
  test.each(['both missing', 'both given'])('fails if function and functionProps are %s', (value) => {
    const stack = newStack();
    const vpc = isolatedVpc(stack);
    const fn = new lambda.Function(stack, 'Fn', { ...FUNCTION_PROPS, runtime: lambda.Runtime.NODEJS_24_X, vpc });
    const e = constructionErrorOf(value === 'both missing' ? { vpc } : { vpc, function: fn, functionProps: FUNCTION_PROPS }, stack);
    expect(e.problems.map((p) => p.code)).toContain(R.exactlyOneFunction.code);
    expect(e.message).toContain(`Test/Reports: function / functionProps are ${value}`);
    expect(e.message).toContain('Pass exactly one of function and functionProps.');
  });

  test('fails if a brought function is not in a VPC', () => {
    const stack = newStack();
    const fn = new lambda.Function(stack, 'Fn', { ...FUNCTION_PROPS, runtime: lambda.Runtime.NODEJS_24_X });
    const e = constructionErrorOf({ function: fn, vpc: isolatedVpc(stack) }, stack);
    expect(e.problems.map((p) => p.code)).toEqual([R.broughtFunctionNotInVpc.code]);
    expect(e.message).toContain('function has no VpcConfig: the pattern routes a function that is in a VPC');
  });

  test('fails if a brought function in a VPC comes without vpc', () => {
    const stack = newStack();
    const fn = new lambda.Function(stack, 'Fn', { ...FUNCTION_PROPS, runtime: lambda.Runtime.NODEJS_24_X, vpc: isolatedVpc(stack) });
    const e = constructionErrorOf({ function: fn }, stack);
    expect(e.message).toContain('vpc is missing: a brought function\'s VPC cannot be read back from it');
  });

  test('fails if egress is \'nat\' without a vpc: the VPC the pattern makes has no NAT', () => {
    const e = constructionErrorOf(withFunction({ egress: 'nat' }));
    expect(e.problems.map((p) => p.code)).toEqual([R.natWithoutNatRoute.code]);
    expect(e.message).toContain('egress \'nat\' needs a VPC with a NAT gateway');
    expect(e.message).toContain('Pass vpc with PRIVATE_WITH_EGRESS subnets and a NAT gateway, or use egress \'endpoints\'.');
  });

  test('fails if the function is placed in a public subnet', () => {
    const stack = newStack();
    const e = constructionErrorOf(withFunction({ vpc: natVpc(stack), vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC } }), stack);
    expect(e.problems.map((p) => p.code)).toEqual([R.publicSubnet.code]);
    expect(e.message).toContain('vpcSubnets selects public subnets Test/Vpc/PublicSubnet1, Test/Vpc/PublicSubnet2: a Lambda function never gets a public IP');
    expect(e.message).toContain('Select private subnets');
  });

  test.each([[4, true], [5, false]])('with %d security groups of the user\'s (+ its own) the limit of 5 %s', (count, ok) => {
    const stack = newStack();
    const vpc = isolatedVpc(stack);
    const groups = Array.from({ length: count }, (_, i) => new ec2.SecurityGroup(stack, `Group${i}`, { vpc }));
    const make = () => new VpcFunction(stack, 'Reports', { vpc, functionProps: { ...FUNCTION_PROPS, securityGroups: groups } });
    if (ok) {
      expect(make).not.toThrow();
    } else {
      const e = constructionErrorOf({ vpc, functionProps: { ...FUNCTION_PROPS, securityGroups: groups } }, stack);
      expect(e.problems.map((p) => p.code)).toEqual([R.securityGroupCount.code]);
      expect(e.message).toContain('functionProps.securityGroups gives the function 6 security groups: is outside VpcConfig.SecurityGroupIds\'s allowed range 0–5');
    }
  });

  test.each([[16, true], [17, false]])('with %d subnets the limit of 16 %s', (count, ok) => {
    const stack = newStack();
    const vpc = new ec2.Vpc(stack, 'Vpc', {
      natGateways: 0, maxAzs: 2, restrictDefaultSecurityGroup: false,
      subnetConfiguration: Array.from({ length: 9 }, (_, i) => ({ name: `Isolated${i}`, subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 24 })),
    });
    const props = withFunction({ vpc, vpcSubnets: { subnets: vpc.isolatedSubnets.slice(0, count) } });
    if (ok) {
      expect(() => new VpcFunction(stack, 'Reports', props)).not.toThrow();
    } else {
      const e = constructionErrorOf(props, stack);
      expect(e.problems.map((p) => p.code)).toEqual([R.subnetCount.code]);
      expect(e.message).toContain('vpcSubnets gives the function 17 subnets: is outside VpcConfig.SubnetIds\'s allowed range 1–16');
    }
  });

  test('fails if the timeout has a fraction of a second', () => {
    const e = constructionErrorOf(withFunction({ functionProps: { ...FUNCTION_PROPS, timeout: Duration.millis(1500) } }));
    expect(e.problems.map((p) => p.code)).toEqual([R.functionSettingRange.code]);
    expect(e.message).toContain('functionProps.timeout 1.5s is not a whole number of seconds');
  });

  test.each([[900, true], [901, false]])('with a timeout of %d s the limit of 900 s %s', (seconds, ok) => {
    const props = withFunction({ functionProps: { ...FUNCTION_PROPS, timeout: Duration.seconds(seconds) } });
    if (ok) expect(() => new VpcFunction(newStack(), 'Reports', props)).not.toThrow();
    else expect(constructionErrorOf(props).message).toContain('functionProps.timeout 901s is outside Timeout\'s allowed range 1–900 seconds');
  });

  test.each([[10_240, true], [10_241, false]])('with memorySize %d the limit of 10,240 MB %s', (memorySize, ok) => {
    const props = withFunction({ functionProps: { ...FUNCTION_PROPS, memorySize } });
    if (ok) expect(() => new VpcFunction(newStack(), 'Reports', props)).not.toThrow();
    else expect(constructionErrorOf(props).message).toContain('functionProps.memorySize 10241 is outside MemorySize\'s allowed range 128–10,240 MB');
  });

  test('fails if memorySize is not a whole number', () => {
    expect(constructionErrorOf(withFunction({ functionProps: { ...FUNCTION_PROPS, memorySize: 256.5 } })).message)
      .toContain('functionProps.memorySize 256.5 is not a whole number of MB');
  });

  test.each([[1, true], [0, false]])('with reservedConcurrentExecutions %d the pattern\'s minimum of 1 (0 stops the function) %s', (reserved, ok) => {
    const props = withFunction({ functionProps: { ...FUNCTION_PROPS, reservedConcurrentExecutions: reserved } });
    if (ok) expect(() => new VpcFunction(newStack(), 'Reports', props)).not.toThrow();
    else expect(constructionErrorOf(props).message).toContain('functionProps.reservedConcurrentExecutions 0 throttles every invocation, so the function never runs');
  });

  test('fails if reservedConcurrentExecutions is below Lambda\'s minimum of 0', () => {
    const props = withFunction({ functionProps: { ...FUNCTION_PROPS, reservedConcurrentExecutions: -1 } });
    expect(constructionErrorOf(props).message).toContain('functionProps.reservedConcurrentExecutions -1 is below ReservedConcurrentExecutions\'s minimum 0');
  });

  test.each([[16, true], [17, false]])('with availabilityZones %d the limit of 16 %s', (availabilityZones, ok) => {
    const props = withFunction({ availabilityZones });
    if (ok) expect(() => new VpcFunction(newStack(), 'Reports', props)).not.toThrow();
    else expect(constructionErrorOf(props).message).toContain('availabilityZones 17 is outside VpcConfig.SubnetIds\'s allowed range 1–16');
  });

  test('reports every problem at once', () => {
    const e = constructionErrorOf(withFunction({ egress: 'nat', availabilityZones: 0, functionProps: { ...FUNCTION_PROPS, memorySize: 64 } }));
    expect(e.problems.map((p) => p.code)).toEqual([R.natWithoutNatRoute.code, R.functionSettingRange.code, R.functionSettings.code]);
  });
});

describe('VpcFunction rules checked at synth, after every grant', () => {
  test('fails if a granted service has no endpoint the pattern can make, naming it and both fixes', () => {
    const { stack } = routed(() => withFunction(), (fn) => fn.function.addToRolePolicy(new iam.PolicyStatement({ actions: ['iam:GetRole'], resources: ['*'] })));
    const e = synthErrorOf(stack);
    expect(e.problems.map((p) => p.code)).toEqual([R.unreachableService.code]);
    expect(e.message).toContain('egress \'endpoints\' leaves AWS IAM (\'iam\'), granted iam:GetRole, unreachable');
    expect(e.message).toContain('AWS IAM has no VPC endpoint; and subnets Test/Reports/Vpc/FunctionSubnet1, Test/Reports/Vpc/FunctionSubnet2 have no NAT route');
    expect(e.message).toContain('Use egress \'nat\' in subnets with a NAT route (vpcSubnets { subnetType: SubnetType.PRIVATE_WITH_EGRESS }): AWS IAM has no VPC endpoint, so a NAT route is the only way');
  });

  test('fails if the VPC\'s own endpoint for a granted service blocks it (private DNS off), naming both fixes', () => {
    const { stack } = routed((s) => {
      const vpc = isolatedVpc(s);
      vpc.addInterfaceEndpoint('Sqs', { service: ec2.InterfaceVpcEndpointAwsService.SQS, privateDnsEnabled: false });
      return withFunction({ vpc });
    }, (fn) => new sqs.Queue(fn, 'Queue').grantSendMessages(fn.function));
    const e = synthErrorOf(stack);
    expect(e.problems.map((p) => p.code)).toEqual([R.unreachableService.code]);
    expect(e.message).toContain('leaves Amazon SQS (\'sqs\'), granted sqs:GetQueueAttributes, sqs:GetQueueUrl, sqs:SendMessage, unreachable: the sqs endpoint has private DNS off');
    expect(e.message).toContain('Either use egress \'nat\' in subnets with a NAT route (vpcSubnets { subnetType: SubnetType.PRIVATE_WITH_EGRESS }), or add an interface endpoint for com.amazonaws.<region>.sqs to the VPC and pass it in vpcEndpoints');
  });

  test('fails if a granted service is one the pattern does not know', () => {
    const { stack } = routed(() => withFunction(), (fn) => fn.function.addToRolePolicy(new iam.PolicyStatement({ actions: ['cognito-idp:AdminGetUser'], resources: ['*'] })));
    expect(synthErrorOf(stack).message).toContain('leaves \'cognito-idp\', granted cognito-idp:AdminGetUser, unreachable: the pattern knows no VPC endpoint for \'cognito-idp\'');
  });

  test('accepts that grant when the service is listed in servicesNotCalledFromVpc', () => {
    const { stack } = routed(() => withFunction({ servicesNotCalledFromVpc: ['iam'] }), (fn) => fn.function.addToRolePolicy(new iam.PolicyStatement({ actions: ['iam:GetRole'], resources: ['*'] })));
    expect(() => Template.fromStack(stack)).not.toThrow();
  });

  test('fails if egress is \'nat\' in subnets without a NAT route', () => {
    const { stack } = routed((s) => withFunction({ egress: 'nat', vpc: isolatedVpc(s), vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED } }));
    const e = synthErrorOf(stack);
    expect(e.problems.map((p) => p.code)).toContain(R.natWithoutNatRoute.code);
    expect(e.message).toContain('egress \'nat\' needs a 0.0.0.0/0 route to a NAT gateway, and subnets Test/Vpc/IsolatedSubnet1, Test/Vpc/IsolatedSubnet2 have none');
  });

  test('with egress \'nat\' in subnets with a NAT route: HTTPS to anywhere, no endpoint, every service reachable', () => {
    const { stack } = routed((s) => withFunction({ egress: 'nat', vpc: natVpc(s) }), (fn) => {
      fn.function.addToRolePolicy(new iam.PolicyStatement({ actions: ['iam:GetRole'], resources: ['*'] }));
    });
    const template = Template.fromStack(stack);
    expect(endpointsIn(template)).toEqual([]);
    template.hasResourceProperties('AWS::EC2::SecurityGroup', {
      GroupDescription: 'Test/Reports: HTTPS out to the endpoints of the services it is granted, nothing else',
      SecurityGroupEgress: [{ CidrIp: '0.0.0.0/0', Description: 'HTTPS to AWS services through the NAT route', FromPort: 443, IpProtocol: 'tcp', ToPort: 443 }],
    });
  });

  test('warns, with its code, when SQS is reached through an endpoint that does not answer for its legacy hostname', () => {
    const { stack } = routed(() => withFunction(), (fn) => new sqs.Queue(fn, 'Queue').grantSendMessages(fn.function));
    const warnings = warningsOf(stack);
    expect(warnings).toEqual(expect.arrayContaining([expect.stringContaining('does not answer for queue.amazonaws.com')]));
    expect(warnings.join('\n')).toContain(`[ack: ${R.legacyHostname.code}]`);
  });

  test('does not warn about legacy hostnames for a service without one (SNS)', () => {
    const { stack } = routed(() => withFunction(), (fn) => new sns.Topic(fn, 'Topic').grantPublish(fn.function));
    expect(warningsOf(stack).filter((w) => w.includes(R.legacyHostname.code))).toEqual([]);
  });

  test('warns when the role has an AWS managed policy whose services cannot be read', () => {
    const { stack } = routed(() => withFunction(), (fn) => fn.function.role?.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonS3ReadOnlyAccess')));
    expect(warningsOf(stack)).toEqual(expect.arrayContaining([expect.stringContaining('managed policy arn:${AWS::Partition}:iam::aws:policy/AmazonS3ReadOnlyAccess')]));
  });

  test('warns when a gateway service gets HTTPS to anywhere in subnets that also route to the internet, unless its prefix list id is given', () => {
    const open = routed((s) => withFunction({ vpc: natVpc(s), vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS } }), (fn) => new s3.Bucket(fn, 'Bucket').grantRead(fn.function));
    expect(warningsOf(open.stack)).toEqual(expect.arrayContaining([expect.stringContaining('prefixListIds has no id for \'s3\'')]));
    const closed = routed((s) => withFunction({ vpc: natVpc(s), vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }, prefixListIds: { s3: 'pl-63a5400a' } }),
      (fn) => new s3.Bucket(fn, 'Bucket').grantRead(fn.function));
    expect(warningsOf(closed.stack).filter((w) => w.includes(R.gatewayEgressOpen.code))).toEqual([]);
  });
});
