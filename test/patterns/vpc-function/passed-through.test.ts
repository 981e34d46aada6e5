import { CfnParameter, Duration, Size } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import { VPC_FUNCTION_RULES as R, VpcFunction, VpcFunctionProps, nagFindings } from '../../../lib';
import { FUNCTION_PROPS, constructionErrorOf, newStack } from './support';

/**
 * What VpcFunction passes through to aws-cdk-lib: functionProps (checked as every pattern checks them), the network it
 * owns, and the key CloudWatch Logs must use. Each refusal names the prop; each value at a limit is accepted.
 */

const refused = (props: VpcFunctionProps, stack = newStack()) => constructionErrorOf(props, stack).problems.map((p) => `${p.prop} [${p.code}]`);
const withFunction = (fp: Partial<VpcFunctionProps['functionProps']>, extra: Partial<VpcFunctionProps> = {}): VpcFunctionProps => ({ functionProps: { ...FUNCTION_PROPS, ...fp }, ...extra });

describe('VpcFunction: what it passes through', () => {
  test.each([
    ['timeout 0 s', { timeout: Duration.seconds(0) }, 'functionProps.timeout'],
    ['memorySize 127', { memorySize: 127 }, 'functionProps.memorySize'],
    ['ephemeralStorageSize 511 MiB', { ephemeralStorageSize: Size.mebibytes(511) }, 'functionProps.ephemeralStorageSize'],
    ['reservedConcurrentExecutions 2.5', { reservedConcurrentExecutions: 2.5 }, 'functionProps.reservedConcurrentExecutions'],
    ['retryAttempts 3', { retryAttempts: 3, onFailure: { bind: () => ({ destination: 'arn:aws:sqs:us-east-1:111111111111:failures' }) } }, 'functionProps.retryAttempts'],
  ] as const)('fails if functionProps has %s', (_what, fp, prop) => {
    expect(refused(withFunction(fp))).toEqual([`${prop} [${R.functionSettingRange.code}]`]);
  });

  test('accepts the minimums: timeout 1 s, memory 128 MB, ephemeral storage 512 MiB, reserved concurrency 1, retry attempts 0', () => {
    expect(() => new VpcFunction(newStack(), 'Reports', withFunction({
      timeout: Duration.seconds(1), memorySize: 128, ephemeralStorageSize: Size.mebibytes(512), reservedConcurrentExecutions: 1, retryAttempts: 0,
      onFailure: { bind: () => ({ destination: 'arn:aws:sqs:us-east-1:111111111111:failures' }) },
    }))).not.toThrow();
  });

  test('fails if functionProps reserves 0 concurrent executions, which stops the function; 1 is accepted', () => {
    expect(refused(withFunction({ reservedConcurrentExecutions: 0 }))).toEqual([`functionProps.reservedConcurrentExecutions [${R.functionSettings.code}]`]);
    expect(() => new VpcFunction(newStack(), 'Reports', withFunction({ reservedConcurrentExecutions: 1 }))).not.toThrow();
  });

  test('fails if availabilityZones is known only at deploy', () => {
    const stack = newStack();
    const azs = new CfnParameter(stack, 'Azs', { type: 'Number' }).valueAsNumber;
    expect(refused({ ...withFunction({}), availabilityZones: azs }, stack)).toEqual([`availabilityZones [${R.functionSettings.code}]`]);
  });

  test('a reserved concurrency known only at deploy is no LambdaConcurrency error (cdk-nag cannot read it)', () => {
    const stack = newStack();
    const reserved = new CfnParameter(stack, 'Reserved', { type: 'Number', default: 10 }).valueAsNumber;
    new VpcFunction(stack, 'Reports', withFunction({ reservedConcurrentExecutions: reserved }));
    expect(nagFindings(stack).filter((f) => f.rule.endsWith('LambdaConcurrency')).map((f) => f.rule)).toEqual([]);
  });

  test('fails if functionProps asks for asynchronous retries without onFailure', () => {
    expect(refused(withFunction({ retryAttempts: 1 }))).toEqual([`functionProps.retryAttempts [${R.functionAsyncDestination.code}]`]);
  });

  test('fails if functionProps names a function, a handler or an environment variable Lambda refuses', () => {
    expect(refused(withFunction({ functionName: 'reports v2', handler: 'index handler', environment: { AWS_REGION: 'x' } }))).toEqual([
      `functionProps.functionName [${R.functionName.code}]`,
      `functionProps.handler [${R.functionName.code}]`,
      `functionProps.environment.AWS_REGION [${R.functionEnvironment.code}]`,
    ]);
  });

  test('fails if functionProps sets the network the pattern owns (a cast or JavaScript)', () => {
    const stack = newStack();
    const vpc = new ec2.Vpc(stack, 'Other', { natGateways: 0, restrictDefaultSecurityGroup: false, subnetConfiguration: [{ name: 'I', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
    expect(constructionErrorOf(withFunction({ vpc, allowPublicSubnet: true } as never), stack).problems.map((p) => `${p.prop} [${p.code}]`)).toEqual([
      `functionProps.vpc [${R.patternOwnedSetting.code}]`,
      `functionProps.allowPublicSubnet [${R.patternOwnedSetting.code}]`,
    ]);
  });

  test('fails if encryptionKey is an AWS managed key, which CloudWatch Logs cannot use; accepts a customer-managed one', () => {
    const stack = newStack();
    expect(constructionErrorOf(withFunction({}, { encryptionKey: kms.Alias.fromAliasName(stack, 'Managed', 'alias/aws/lambda') }), stack).problems.map((p) => p.code))
      .toEqual([R.awsManagedKey.code]);
    const mine = newStack();
    expect(() => new VpcFunction(mine, 'Reports', withFunction({}, { encryptionKey: new kms.Key(mine, 'Key') }))).not.toThrow();
  });
});
