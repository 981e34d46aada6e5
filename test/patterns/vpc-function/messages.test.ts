import { Duration } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { ValidationError, VpcFunction, VpcFunctionProps } from '../../../lib';
import { FUNCTION_PROPS, constructionErrorOf, isolatedVpc, natVpc, newStack, synthErrorOf, warningsOf } from './support';

// Every message of the pattern's rules, in full: a user reads the value, the rule, its source and the fix, so each
// word is behaviour. Each test builds what it checks.

const runtime = lambda.Runtime.NODEJS_24_X;
const withFunction = (more: Partial<VpcFunctionProps> = {}): VpcFunctionProps => ({ functionProps: FUNCTION_PROPS, ...more });

describe('VpcFunction messages: made', () => {
  test('fails if function and functionProps are both missing', () => {
    const s = newStack();
    const problems = constructionErrorOf({ vpc: isolatedVpc(s) }, s).problems;
    expect(problems).toEqual([
      {
        code: 'decoupled:vpc-function/exactly-one-function',
        prop: 'function / functionProps',
        value: 'are both missing:',
        rule: 'the function is either one you bring or one the pattern makes',
        fix: 'Pass exactly one of function and functionProps.',
        path: 'Test/Reports',
      },
    ]);
  });

  test('fails if given no props at all, as when both are missing', () => {
    const s = newStack();
    let problems: unknown[] = [];
    try {
      new VpcFunction(s, 'Reports');
    } catch (e) {
      problems = (e as ValidationError).problems.map((p) => [p.code, p.value]);
    }
    expect(problems).toEqual([['decoupled:vpc-function/exactly-one-function', 'are both missing:']]);
  });

  test('fails if function and functionProps are both given', () => {
    const s = newStack();
    const vpc = isolatedVpc(s);
    const fn = new lambda.Function(s, 'Fn', { ...FUNCTION_PROPS, runtime, vpc });
    const problems = constructionErrorOf({ vpc, function: fn, functionProps: FUNCTION_PROPS }, s).problems;
    expect(problems).toEqual([
      {
        code: 'decoupled:vpc-function/exactly-one-function',
        prop: 'function / functionProps',
        value: 'are both given:',
        rule: 'the function is either one you bring or one the pattern makes',
        fix: 'Pass exactly one of function and functionProps.',
        path: 'Test/Reports',
      },
    ]);
  });

  test('fails if a brought function is not in a VPC', () => {
    const s = newStack();
    const fn = new lambda.Function(s, 'Fn', { ...FUNCTION_PROPS, runtime });
    const problems = constructionErrorOf({ function: fn, vpc: isolatedVpc(s) }, s).problems;
    expect(problems).toEqual([
      {
        code: 'decoupled:vpc-function/brought-function-not-in-vpc',
        prop: 'function',
        value: 'has no VpcConfig:',
        rule: 'the pattern routes a function that is in a VPC, and cannot move one into it',
        fix: 'Make the function with vpc (and its subnets and security groups) and pass the same vpc, or pass functionProps and let the pattern make it.',
        path: 'Test/Reports',
      },
    ]);
  });

  test('fails if a brought function in a VPC comes without vpc', () => {
    const s = newStack();
    const fn = new lambda.Function(s, 'Fn', { ...FUNCTION_PROPS, runtime, vpc: isolatedVpc(s) });
    const problems = constructionErrorOf({ function: fn }, s).problems;
    expect(problems).toEqual([
      {
        code: 'decoupled:vpc-function/brought-function-not-in-vpc',
        prop: 'vpc',
        value: 'is missing:',
        rule: 'a brought function\'s VPC cannot be read back from it',
        fix: 'Make the function with vpc (and its subnets and security groups) and pass the same vpc, or pass functionProps and let the pattern make it.',
        path: 'Test/Reports',
      },
    ]);
  });

  test('fails if egress is \'nat\' without a vpc', () => {
    const problems = constructionErrorOf(withFunction({ egress: 'nat' })).problems;
    expect(problems).toEqual([
      {
        code: 'decoupled:vpc-function/nat-without-nat-route',
        prop: 'egress',
        value: '\'nat\'',
        rule: 'needs a VPC with a NAT gateway, and without vpc the pattern makes an isolated VPC with none',
        fix: 'Pass vpc with PRIVATE_WITH_EGRESS subnets and a NAT gateway, or use egress \'endpoints\'.',
        path: 'Test/Reports',
      },
    ]);
  });

  test('fails if the function is placed in public subnets, naming them', () => {
    const s = newStack();
    const problems = constructionErrorOf(withFunction({ vpc: natVpc(s), vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC } }), s).problems;
    expect(problems).toEqual([
      {
        code: 'decoupled:vpc-function/public-subnet',
        prop: 'vpcSubnets',
        value: 'selects public subnets Test/Vpc/PublicSubnet1, Test/Vpc/PublicSubnet2:',
        rule: 'a Lambda function never gets a public IP, so it cannot use the internet gateway route of a public subnet (Lambda developer guide, AWS-FACTS §3.4)',
        fix: 'Select private subnets: vpcSubnets { subnetType: SubnetType.PRIVATE_ISOLATED } with endpoints, or PRIVATE_WITH_EGRESS with a NAT gateway.',
        path: 'Test/Reports',
      },
    ]);
  });

  test('fails if the user\'s 5 security groups and the pattern\'s make 6', () => {
    const s = newStack();
    const vpc = isolatedVpc(s);
    const groups = Array.from({ length: 5 }, (_, i) => new ec2.SecurityGroup(s, `Group${i}`, { vpc }));
    const problems = constructionErrorOf({ vpc, functionProps: { ...FUNCTION_PROPS, securityGroups: groups } }, s).problems;
    expect(problems).toEqual([
      {
        code: 'decoupled:vpc-function/security-group-count',
        prop: 'functionProps.securityGroups',
        value: 'gives the function 6 security groups:',
        rule: 'is outside VpcConfig.SecurityGroupIds\'s allowed range 0–5 (Lambda developer guide, VpcConfig (AWS-FACTS §14 [lam-vpcconfig]))',
        fix: 'Pass at most 4 security groups: the pattern adds its own.',
        path: 'Test/Reports',
      },
    ]);
  });

  test('fails if 17 subnets are selected', () => {
    const s = newStack();
    const vpc = new ec2.Vpc(s, 'Vpc', {
      natGateways: 0, maxAzs: 2, restrictDefaultSecurityGroup: false,
      subnetConfiguration: Array.from({ length: 9 }, (_, i) => ({ name: `Isolated${i}`, subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 24 })),
    });
    const problems = constructionErrorOf(withFunction({ vpc, vpcSubnets: { subnets: vpc.isolatedSubnets.slice(0, 17) } }), s).problems;
    expect(problems).toEqual([
      {
        code: 'decoupled:vpc-function/subnet-count',
        prop: 'vpcSubnets',
        value: 'gives the function 17 subnets:',
        rule: 'is outside VpcConfig.SubnetIds\'s allowed range 1–16 (Lambda developer guide, VpcConfig (AWS-FACTS §14 [lam-vpcconfig]))',
        fix: 'Select fewer subnets, for example one per Availability Zone (vpcSubnets: { onePerAz: true }).',
        path: 'Test/Reports',
      },
    ]);
  });

  test('fails if the settings are one past their upper limits, or reserved concurrency below 0: every problem at once', () => {
    const problems = constructionErrorOf(withFunction({
      availabilityZones: 17, functionProps: { ...FUNCTION_PROPS, timeout: Duration.seconds(901), memorySize: 10_241, reservedConcurrentExecutions: -1 },
    })).problems;
    expect(problems).toEqual([
      {
        code: 'decoupled:function-setting-range',
        prop: 'functionProps.timeout',
        value: '901s',
        rule: 'is outside Timeout\'s allowed range 1–900 seconds (Lambda developer guide, quotas)',
        fix: 'Set functionProps.timeout to a value in 1–900 seconds.',
        path: 'Test/Reports',
      },
      {
        code: 'decoupled:function-setting-range',
        prop: 'functionProps.memorySize',
        value: '10241',
        rule: 'is outside MemorySize\'s allowed range 128–10,240 MB (Lambda API-model CreateFunction)',
        fix: 'Set functionProps.memorySize to a value in 128–10,240 MB.',
        path: 'Test/Reports',
      },
      {
        code: 'decoupled:function-setting-range',
        prop: 'functionProps.reservedConcurrentExecutions',
        value: '-1',
        rule: 'is below ReservedConcurrentExecutions\'s minimum 0 (Lambda API-model PutFunctionConcurrency)',
        fix: 'Set functionProps.reservedConcurrentExecutions to at least 0.',
        path: 'Test/Reports',
      },
      {
        code: 'decoupled:vpc-function/function-settings',
        prop: 'availabilityZones',
        value: '17',
        rule: 'is outside VpcConfig.SubnetIds\'s allowed range 1–16 (Lambda developer guide, VpcConfig (AWS-FACTS §14 [lam-vpcconfig]))',
        fix: 'Set availabilityZones to a value in 1–16 (the function takes one subnet per AZ, at most 16).',
        path: 'Test/Reports',
      },
    ]);
  });

  test('fails if the settings are fractions, reserved concurrency 0 or no AZ', () => {
    const problems = constructionErrorOf(withFunction({
      availabilityZones: 0, functionProps: { ...FUNCTION_PROPS, timeout: Duration.millis(1500), memorySize: 256.5, reservedConcurrentExecutions: 0 },
    })).problems;
    expect(problems).toEqual([
      {
        code: 'decoupled:function-setting-range',
        prop: 'functionProps.timeout',
        value: '1.5s',
        rule: 'is not a whole number of seconds: AWS takes only integers here',
        fix: 'Set functionProps.timeout to a whole number of seconds, such as 1 or 2.',
        path: 'Test/Reports',
      },
      {
        code: 'decoupled:function-setting-range',
        prop: 'functionProps.memorySize',
        value: '256.5',
        rule: 'is not a whole number of MB: AWS takes only integers here',
        fix: 'Set functionProps.memorySize to a whole number of MB, such as 256 or 257.',
        path: 'Test/Reports',
      },
      {
        code: 'decoupled:vpc-function/function-settings',
        prop: 'functionProps.reservedConcurrentExecutions',
        value: '0',
        rule: 'throttles every invocation, so the function never runs (cdk-nag LambdaConcurrency of NIST 800-53 R5, HIPAA Security and PCI DSS reports it)',
        fix: 'Give the number of concurrent executions to reserve (at least 1), or leave it out to use the account\'s unreserved pool.',
        path: 'Test/Reports',
      },
      {
        code: 'decoupled:vpc-function/function-settings',
        prop: 'availabilityZones',
        value: '0',
        rule: 'is outside VpcConfig.SubnetIds\'s allowed range 1–16 (Lambda developer guide, VpcConfig (AWS-FACTS §14 [lam-vpcconfig]))',
        fix: 'Set availabilityZones to a value in 1–16 (the function takes one subnet per AZ, at most 16).',
        path: 'Test/Reports',
      },
    ]);
  });

  test('fails if the settings are one below their lower limits', () => {
    const problems = constructionErrorOf(withFunction({ functionProps: { ...FUNCTION_PROPS, memorySize: 127, timeout: Duration.seconds(0) } })).problems;
    expect(problems).toEqual([
      {
        code: 'decoupled:function-setting-range',
        prop: 'functionProps.timeout',
        value: '0s',
        rule: 'is outside Timeout\'s allowed range 1–900 seconds (Lambda developer guide, quotas)',
        fix: 'Set functionProps.timeout to a value in 1–900 seconds.',
        path: 'Test/Reports',
      },
      {
        code: 'decoupled:function-setting-range',
        prop: 'functionProps.memorySize',
        value: '127',
        rule: 'is outside MemorySize\'s allowed range 128–10,240 MB (Lambda API-model CreateFunction)',
        fix: 'Set functionProps.memorySize to a value in 128–10,240 MB.',
        path: 'Test/Reports',
      },
    ]);
  });
});

describe('VpcFunction messages: at synth, after every grant', () => {
  test('fails if a brought function has 6 security groups and 17 subnets, both at once', () => {
    // GIVEN a function made outside the pattern with more security groups and subnets than Lambda takes
    const s = newStack();
    const vpc = new ec2.Vpc(s, 'Vpc', {
      natGateways: 0, maxAzs: 2, restrictDefaultSecurityGroup: false,
      subnetConfiguration: Array.from({ length: 9 }, (_, i) => ({ name: `Isolated${i}`, subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 24 })),
    });
    const securityGroups = Array.from({ length: 6 }, (_, i) => new ec2.SecurityGroup(s, `Group${i}`, { vpc }));
    const fn = new lambda.Function(s, 'Fn', { ...FUNCTION_PROPS, runtime, vpc, securityGroups, vpcSubnets: { subnets: vpc.isolatedSubnets.slice(0, 17) } });
    // WHEN it is routed and synthesized
    new VpcFunction(s, 'Reports', { function: fn, vpc, servicesNotCalledFromVpc: ['xray'] });
    // THEN both limits are reported with the counts and the ranges, pointing at the function brought (the pattern
    // adds no group to it, and functionProps does not shape it)
    expect(synthErrorOf(s).problems).toEqual([
      {
        path: 'Test/Reports', code: 'decoupled:vpc-function/security-group-count', prop: 'function (its securityGroups)', value: 'gives the function 6 security groups:',
        rule: 'is outside VpcConfig.SecurityGroupIds\'s allowed range 0–5 (Lambda developer guide, VpcConfig (AWS-FACTS §14 [lam-vpcconfig]))',
        fix: 'Make the function you bring with at most 5 security groups (the pattern adds none to it).',
      },
      {
        path: 'Test/Reports', code: 'decoupled:vpc-function/subnet-count', prop: 'function (its vpcSubnets)', value: 'gives the function 17 subnets:',
        rule: 'is outside VpcConfig.SubnetIds\'s allowed range 1–16 (Lambda developer guide, VpcConfig (AWS-FACTS §14 [lam-vpcconfig]))',
        fix: 'Make the function you bring with fewer subnets, for example one per Availability Zone (vpcSubnets: { onePerAz: true }).',
      },
    ]);
  });

  test('fails if a granted service has no VPC endpoint (IAM), naming the NAT route as the only way', () => {
    const s = newStack();
    const fn = new VpcFunction(s, 'Reports', withFunction());
    fn.function.addToRolePolicy(new iam.PolicyStatement({ actions: ['iam:GetRole'], resources: ['*'] }));
    const problems = synthErrorOf(s).problems;
    expect(problems).toEqual([
      {
        code: 'decoupled:vpc-function/unreachable-service',
        prop: 'egress',
        value: '\'endpoints\'',
        rule: 'leaves AWS IAM (\'iam\'), granted iam:GetRole, unreachable: AWS IAM has no VPC endpoint; and subnets Test/Reports/Vpc/FunctionSubnet1, Test/Reports/Vpc/FunctionSubnet2 have no NAT route. Calls to it would hang until the function times out (AWS-FACTS §14)',
        fix: 'Use egress \'nat\' in subnets with a NAT route (vpcSubnets { subnetType: SubnetType.PRIVATE_WITH_EGRESS }): AWS IAM has no VPC endpoint, so a NAT route is the only way; or list \'iam\' in servicesNotCalledFromVpc if the code never calls it.',
        path: 'Test/Reports',
      },
    ]);
  });

  test('fails if the VPC\'s own endpoint has private DNS off', () => {
    const s = newStack();
    const vpc = isolatedVpc(s);
    vpc.addInterfaceEndpoint('Sqs', { service: ec2.InterfaceVpcEndpointAwsService.SQS, privateDnsEnabled: false });
    const fn = new VpcFunction(s, 'Reports', withFunction({ vpc }));
    new sqs.Queue(fn, 'Queue').grantSendMessages(fn.function);
    const problems = synthErrorOf(s).problems;
    expect(problems).toEqual([
      {
        code: 'decoupled:vpc-function/unreachable-service',
        prop: 'egress',
        value: '\'endpoints\'',
        rule: 'leaves Amazon SQS (\'sqs\'), granted sqs:GetQueueAttributes, sqs:GetQueueUrl, sqs:SendMessage, unreachable: the sqs endpoint has private DNS off, so the service\'s usual hostname does not resolve to it; and subnets Test/Vpc/IsolatedSubnet1, Test/Vpc/IsolatedSubnet2 have no NAT route. Calls to it would hang until the function times out (AWS-FACTS §14)',
        fix: 'Either use egress \'nat\' in subnets with a NAT route (vpcSubnets { subnetType: SubnetType.PRIVATE_WITH_EGRESS }), or add an interface endpoint for com.amazonaws.<region>.sqs to the VPC and pass it in vpcEndpoints; or list \'sqs\' in servicesNotCalledFromVpc if the code never calls it.',
        path: 'Test/Reports',
      },
    ]);
  });

  test('fails if a granted service is one the pattern knows no endpoint for', () => {
    const s = newStack();
    const fn = new VpcFunction(s, 'Reports', withFunction());
    fn.function.addToRolePolicy(new iam.PolicyStatement({ actions: ['cognito-idp:AdminGetUser'], resources: ['*'] }));
    const problems = synthErrorOf(s).problems;
    expect(problems).toEqual([
      {
        code: 'decoupled:vpc-function/unreachable-service',
        prop: 'egress',
        value: '\'endpoints\'',
        rule: 'leaves \'cognito-idp\', granted cognito-idp:AdminGetUser, unreachable: the pattern knows no VPC endpoint for \'cognito-idp\'; and subnets Test/Reports/Vpc/FunctionSubnet1, Test/Reports/Vpc/FunctionSubnet2 have no NAT route. Calls to it would hang until the function times out (AWS-FACTS §14)',
        fix: 'Either use egress \'nat\' in subnets with a NAT route (vpcSubnets { subnetType: SubnetType.PRIVATE_WITH_EGRESS }), or add an interface endpoint for the service to the VPC and pass it in vpcEndpoints; or list \'cognito-idp\' in servicesNotCalledFromVpc if the code never calls it.',
        path: 'Test/Reports',
      },
    ]);
  });

  test('fails if egress is \'nat\' in subnets without a NAT route, and names what it leaves unreachable', () => {
    const s = newStack();
    new VpcFunction(s, 'Reports', withFunction({ egress: 'nat', vpc: isolatedVpc(s), vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED } }));
    const problems = synthErrorOf(s).problems;
    expect(problems).toEqual([
      {
        code: 'decoupled:vpc-function/nat-without-nat-route',
        prop: 'egress',
        value: '\'nat\'',
        rule: 'needs a 0.0.0.0/0 route to a NAT gateway, and subnets Test/Vpc/IsolatedSubnet1, Test/Vpc/IsolatedSubnet2 have none',
        fix: 'Select subnets whose route table sends 0.0.0.0/0 to a NAT gateway (vpcSubnets { subnetType: SubnetType.PRIVATE_WITH_EGRESS }), or use egress \'endpoints\'.',
        path: 'Test/Reports',
      },
      {
        code: 'decoupled:vpc-function/unreachable-service',
        prop: 'egress',
        value: '\'nat\'',
        rule: 'leaves AWS X-Ray (\'xray\'), granted xray:PutTelemetryRecords, xray:PutTraceSegments, unreachable: the VPC has no interface endpoint for xray; and subnets Test/Vpc/IsolatedSubnet1, Test/Vpc/IsolatedSubnet2 have no NAT route. Calls to it would hang until the function times out (AWS-FACTS §14)',
        fix: 'Either use egress \'nat\' in subnets with a NAT route (vpcSubnets { subnetType: SubnetType.PRIVATE_WITH_EGRESS }), or add an interface endpoint for com.amazonaws.<region>.xray to the VPC and pass it in vpcEndpoints; or list \'xray\' in servicesNotCalledFromVpc if the code never calls it.',
        path: 'Test/Reports',
      },
    ]);
  });
});

describe('VpcFunction messages: warnings', () => {
  test('warns about SQS\'s legacy hostnames, which its endpoint does not answer for', () => {
    const s = newStack();
    const fn = new VpcFunction(s, 'Reports', withFunction());
    new sqs.Queue(fn, 'Queue').grantSendMessages(fn.function);
    const warnings = warningsOf(s);
    expect(warnings).toEqual([
      'egress \'endpoints\' reaches Amazon SQS through a VPC endpoint whose private DNS does not answer for queue.amazonaws.com, <region>.queue.amazonaws.com, which some SDKs still call: such calls time out (unconfirmed, from secondary sources: Lambda developer guide, VPC endpoints (AWS-FACTS §3.4 [lam-arch-vpce]); legacy hostname: AWS-FACTS §14 (secondary [gh-awscli-5966])). Use an SDK that calls the Regional hostname (AWS SDK for JavaScript v3, or boto3 with the Regional endpoint), then acknowledge this warning. [ack: decoupled:vpc-function/legacy-hostname]',
    ]);
  });

  test('warns about HTTPS to anywhere for S3 in subnets that also route to the internet', () => {
    const s = newStack();
    const fn = new VpcFunction(s, 'Reports', withFunction({ vpc: natVpc(s), vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS } }));
    new s3.Bucket(fn, 'Bucket').grantRead(fn.function);
    const warnings = warningsOf(s);
    expect(warnings).toEqual([
      'prefixListIds has no id for \'s3\': CloudFormation cannot look up an AWS-managed prefix list by name (cloudformation-coverage-roadmap #453), so HTTPS egress is open to 0.0.0.0/0, and these subnets also route to the internet. Pass the Region\'s prefix list id in prefixListIds (aws ec2 describe-managed-prefix-lists --filters Name=prefix-list-name,Values=com.amazonaws.<region>.s3). [ack: decoupled:vpc-function/gateway-egress-open]',
    ]);
  });
});
