import { App, Duration, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Simulation } from '../../../lib/simulator';
import { CONSUME_STATEMENT, DECRYPT_STATEMENT, QUEUE_ARN, consumerSimulation, consumerTemplate } from '../fixtures/consumer';

const PERMISSION_FINDING = 'decoupled-sim:mapping-permission-missing';

async function deliverOne(sim: Simulation): Promise<number> {
  let calls = 0;
  sim.onInvoke('Consumer', () => {
    calls++;
  });
  sim.send('Queue', { body: 'hello' });
  await sim.advance(Duration.minutes(1));
  return calls;
}

describe('the role the mapping polls with', () => {
  test('receive, delete and get attributes on the queue are enough for an unencrypted queue', async () => {
    const sim = consumerSimulation();
    expect(sim.findings().map((f) => f.code)).not.toContain(PERMISSION_FINDING);
    expect(await deliverOne(sim)).toBe(1);
    expect(sim.queue('Queue').counts.inFlight).toBe(0);
  });

  test('without sqs:DeleteMessage the mapping fails, with a finding and the reason in the trace', async () => {
    // GIVEN a role that may receive but not delete
    const sim = consumerSimulation({ statements: [{ ...CONSUME_STATEMENT, Action: ['sqs:ReceiveMessage', 'sqs:GetQueueAttributes'] }] });
    // THEN the finding names the action
    const finding = sim.findings().find((f) => f.code === PERMISSION_FINDING);
    expect(finding?.severity).toBe('error');
    expect(finding?.message).toContain('sqs:DeleteMessage');
    expect(finding?.resources).toEqual(['Consumer', 'Mapping', 'Queue']);
    // AND nothing is polled: the message stays in the queue and the trace says why
    expect(await deliverOne(sim)).toBe(0);
    expect(sim.queue('Queue').counts.visible).toBe(1);
    expect(sim.events({ type: 'esm.pollFailed' })[0].reason).toMatch(/cannot sqs:DeleteMessage \(no policy of Role allows sqs:DeleteMessage/);
    expect(sim.mapping('Mapping').stoppedReason).toContain('sqs:DeleteMessage');
  });

  test('a permission on another queue does not count', () => {
    const sim = consumerSimulation({ statements: [{ ...CONSUME_STATEMENT, Resource: { 'Fn::GetAtt': ['DeadLetterQueue', 'Arn'] } }] });
    const finding = sim.findings().find((f) => f.code === PERMISSION_FINDING)!;
    for (const action of ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes']) expect(finding.message).toContain(action);
  });

  test('an explicit deny in the role wins over an allow', () => {
    const sim = consumerSimulation({ statements: [CONSUME_STATEMENT, { Effect: 'Deny', Action: 'sqs:ReceiveMessage', Resource: '*' }] });
    expect(sim.findings().find((f) => f.code === PERMISSION_FINDING)?.message).toMatch(/sqs:ReceiveMessage .*denies/);
  });

  test('a KMS-encrypted queue also needs kms:Decrypt on its key', async () => {
    const sim = consumerSimulation({ encrypted: true, statements: [CONSUME_STATEMENT] });
    const finding = sim.findings().find((f) => f.code === PERMISSION_FINDING);
    expect(finding?.message).toContain('kms:Decrypt');
    expect(await deliverOne(sim)).toBe(0);

    const granted = consumerSimulation({ encrypted: true, statements: [CONSUME_STATEMENT, DECRYPT_STATEMENT] });
    expect(granted.findings().map((f) => f.code)).not.toContain(PERMISSION_FINDING);
    expect(await deliverOne(granted)).toBe(1);
  });

  test('a key policy that lets only another principal use the key refuses the role, whatever its policies say', () => {
    const keyPolicyStatements = [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:role/someone-else' }, Action: 'kms:*', Resource: '*' }];
    const sim = consumerSimulation({ encrypted: true, keyPolicyStatements });
    expect(sim.findings().find((f) => f.code === PERMISSION_FINDING)?.message).toMatch(/key policy of Key allows neither the role nor the account/);
  });

  test('a key policy that names the role itself needs no IAM grant', () => {
    const keyPolicyStatements = [{ Effect: 'Allow', Principal: { AWS: { 'Fn::GetAtt': ['Role', 'Arn'] } }, Action: 'kms:Decrypt', Resource: '*' }];
    const sim = consumerSimulation({ encrypted: true, keyPolicyStatements, statements: [CONSUME_STATEMENT] });
    expect(sim.findings().map((f) => f.code)).not.toContain(PERMISSION_FINDING);
  });

  test('policies are found inline in the role, in managed policies of the template, and in AWS managed policies', () => {
    const template = consumerTemplate({ statements: [] }) as { Resources: Record<string, { Properties: Record<string, unknown> }> };
    const withRole = (props: Record<string, unknown>, extra: Record<string, unknown> = {}) => Simulation.fromTemplate({
      Resources: { ...template.Resources, ...extra, Role: { ...template.Resources.Role, Properties: { ...template.Resources.Role.Properties, ...props } } },
    } as never);
    const inline = withRole({ Policies: [{ PolicyName: 'inline', PolicyDocument: { Statement: [CONSUME_STATEMENT] } }] });
    const managed = withRole({ ManagedPolicyArns: [{ Ref: 'Managed' }] }, { Managed: { Type: 'AWS::IAM::ManagedPolicy', Properties: { PolicyDocument: { Statement: [CONSUME_STATEMENT] } } } });
    const awsManaged = withRole({ ManagedPolicyArns: ['arn:aws:iam::aws:policy/service-role/AWSLambdaSQSQueueExecutionRole'] });
    const unknown = withRole({ ManagedPolicyArns: ['arn:aws:iam::aws:policy/SomethingElse'] });
    for (const sim of [inline, managed, awsManaged]) expect(sim.findings().map((f) => f.code)).not.toContain(PERMISSION_FINDING);
    expect(unknown.findings().find((f) => f.code === PERMISSION_FINDING)?.message).toContain('AWS managed policies unknown to the simulator: arn:aws:iam::aws:policy/SomethingElse');
  });

  test('the queue policy may grant the role instead, and its explicit deny wins', () => {
    const queuePolicy = (effect: string) => ({
      QueuePolicy: {
        Type: 'AWS::SQS::QueuePolicy',
        Properties: { Queues: [{ Ref: 'Queue' }], PolicyDocument: { Statement: [{ Effect: effect, Principal: { AWS: { 'Fn::GetAtt': ['Role', 'Arn'] } }, Action: 'sqs:*', Resource: QUEUE_ARN }] } },
      },
    });
    expect(consumerSimulation({ statements: [], extraResources: queuePolicy('Allow') }).findings().map((f) => f.code)).not.toContain(PERMISSION_FINDING);
    expect(consumerSimulation({ extraResources: queuePolicy('Deny') }).findings().find((f) => f.code === PERMISSION_FINDING)?.message).toMatch(/queue policy QueuePolicy denies it/);
  });

  test('aws-cdk-lib SqsEventSource grants what the mapping needs, key included', async () => {
    // GIVEN a plain aws-cdk-lib consumer of a KMS-encrypted queue
    const stack = new Stack(new App(), 'PlainConsumer');
    const queue = new sqs.Queue(stack, 'Queue', { encryptionMasterKey: new kms.Key(stack, 'Key'), visibilityTimeout: Duration.seconds(60) });
    const fn = new lambda.Function(stack, 'Consumer', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => {}') });
    fn.addEventSource(new SqsEventSource(queue));
    // AND a second function whose role was given only receive, by hand
    const bare = new lambda.Function(stack, 'Bare', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => {}') });
    bare.addToRolePolicy(new iam.PolicyStatement({ actions: ['sqs:ReceiveMessage'], resources: [queue.queueArn] }));
    new lambda.CfnEventSourceMapping(stack, 'BareMapping', { functionName: bare.functionName, eventSourceArn: queue.queueArn });
    // THEN only the hand-made mapping is reported, for delete, get attributes and decrypt
    const sim = Simulation.fromStack(stack);
    const findings = sim.findings().filter((f) => f.code === PERMISSION_FINDING);
    expect(findings).toHaveLength(1);
    expect(findings[0].resources[1]).toBe('BareMapping');
    expect(findings[0].fix).toContain('sqs:DeleteMessage, sqs:GetQueueAttributes, kms:Decrypt');
  });
});
