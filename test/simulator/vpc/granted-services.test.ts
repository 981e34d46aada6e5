import { Simulation } from '../../../lib/simulator';
import { Resources, allow, build, isolatedNetwork } from './network-template';

// Which services a VPC function's code is granted, read from its role: what its statements allow, what Lambda or
// another service calls for it outside the VPC (left out), and what cannot be read (said so).

const ref = (id: string) => ({ Ref: id });
const arn = (id: string) => ({ 'Fn::GetAtt': [id, 'Arn'] });
const QUEUE = arn('Queue');
const KEY: Resources = { Key: { Type: 'AWS::KMS::Key', Properties: { KeyPolicy: { Statement: [] } } } };
const INLINE = 'the inline policy grants of Role';

function grants(statements: unknown[], ...parts: Resources[]) {
  const r = Simulation.fromTemplate(build(isolatedNetwork(statements), ...parts)).reachability('Fn');
  return { services: r.services.map((s) => [s.service, s.actions]), unreadable: r.unreadable };
}

describe('the services a VPC function\'s role grants its code', () => {
  test('one entry per service prefix, in grant order, each action once and as written', () => {
    // GIVEN statements granting SQS twice, SNS, and SQS again in capitals
    // WHEN the function's reachability is read
    const g = grants([allow(['sqs:SendMessage', 'sns:Publish']), allow(['sqs:SendMessage', 'sqs:GetQueueUrl']), allow(['SQS:ReceiveMessage'])]);
    // THEN each service is listed once, with its actions in the order granted
    expect(g).toEqual({ services: [['sqs', ['sqs:SendMessage', 'sqs:GetQueueUrl', 'SQS:ReceiveMessage']], ['sns', ['sns:Publish']]], unreadable: [] });
  });

  test('a statement written as one object with one action string is read', () => {
    const t = isolatedNetwork([]);
    const role = t.Role.Properties as { Policies: { PolicyDocument: { Statement: unknown } }[] };
    role.Policies[0].PolicyDocument.Statement = { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: QUEUE };
    expect(Simulation.fromTemplate(build(t)).reachability('Fn').services.map((s) => [s.service, s.actions])).toEqual([['sqs', ['sqs:SendMessage']]]);
  });

  test('a policy without statements, and Deny statements, grant nothing', () => {
    const t = isolatedNetwork([{ Effect: 'Deny', Action: 'sqs:SendMessage', Resource: '*' }, { Action: 'sns:Publish', Resource: '*' }]);
    (t.Role.Properties as { Policies: unknown[] }).Policies.push({ PolicyName: 'empty', PolicyDocument: { Version: '2012-10-17' } });
    expect(Simulation.fromTemplate(build(t)).reachability('Fn')).toEqual(expect.objectContaining({ services: [], unreadable: [] }));
  });

  test('NotAction and Action "*" cannot be read: said so, with the policy, and the statement\'s other actions still count', () => {
    const g = grants([
      { Effect: 'Allow', NotAction: 'iam:*', Resource: '*' },
      allow(['*', 'sns:Publish']),
    ]);
    expect(g).toEqual({ services: [['sns', ['sns:Publish']]], unreadable: [`NotAction in ${INLINE}`, `Action "*" in ${INLINE}`] });
  });

  test('an allowed action with no Resource is the code\'s, even with a dead-letter queue set', () => {
    const t = isolatedNetwork([{ Effect: 'Allow', Action: 'sqs:SendMessage' }]);
    (t.Fn.Properties as Record<string, unknown>).DeadLetterConfig = { TargetArn: QUEUE };
    expect(Simulation.fromTemplate(build(t)).reachability('Fn').services.map((s) => [s.service, s.actions])).toEqual([['sqs', ['sqs:SendMessage']]]);
  });

  test('a service wildcard is that service', () => {
    expect(grants([allow(['sqs:*'])]).services).toEqual([['sqs', ['sqs:*']]]);
  });

  test('AWS managed policies: the known ones are read, the others said unreadable', () => {
    const t = isolatedNetwork([]);
    (t.Role.Properties as Record<string, unknown>).ManagedPolicyArns = [
      'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole',
      'arn:aws:iam::aws:policy/AdministratorAccess',
      'arn:aws:iam::aws:policy/ReadOnlyAccess',
    ];
    const r = Simulation.fromTemplate(build(t)).reachability('Fn');
    expect([r.services, r.unreadable]).toEqual([[], ['managed policy arn:aws:iam::aws:policy/ReadOnlyAccess', 'Action "*" in the AWS managed policy AdministratorAccess']]);
  });

  test('a policy resource attached to the role counts, named by its logical id', () => {
    const policy: Resources = { Extra: { Type: 'AWS::IAM::Policy', Properties: { PolicyName: 'extra', Roles: [ref('Role')], PolicyDocument: { Statement: [{ Effect: 'Allow', NotAction: 's3:*', Resource: '*' }, allow(['sns:Publish'])] } } } };
    expect(grants([], policy)).toEqual({ services: [['sns', ['sns:Publish']]], unreadable: ['NotAction in the policy Extra'] });
  });

  test('fails to read a role the template does not hold, or no role at all: nothing granted, said why', () => {
    const imported = isolatedNetwork([]);
    (imported.Fn.Properties as Record<string, unknown>).Role = 'arn:aws:iam::123456789012:role/elsewhere';
    const r = Simulation.fromTemplate(build(imported)).reachability('Fn');
    expect([r.services, r.unreadable]).toEqual([[], ['the role arn:aws:iam::123456789012:role/elsewhere is not in the template']]);
    const none = isolatedNetwork([]);
    delete (none.Fn.Properties as Record<string, unknown>).Role;
    expect(Simulation.fromTemplate(build(none)).reachability('Fn').unreadable).toEqual(['the role (none) is not in the template']);
  });
});

describe('what Lambda or another service calls for the function, outside its VPC', () => {
  test('network interface actions are Lambda\'s', () => {
    expect(grants([allow(['ec2:CreateNetworkInterface', 'ec2:DescribeNetworkInterfaces', 'ec2:DescribeSubnets', 'ec2:DeleteNetworkInterface', 'ec2:AssignPrivateIpAddresses', 'ec2:UnassignPrivateIpAddresses', 'ec2:DescribeInstances'])]).services)
      .toEqual([['ec2', ['ec2:DescribeInstances']]]);
  });

  test.each([
    ['*', []],
    ['arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/Fn:*', []],
    ['arn:aws:logs:us-east-1:123456789012:log-group:/custom/app:*', [['logs', ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:CreateLogGroup']]]],
  ])('log actions on %s: Lambda\'s when they name the function\'s log group', (resource, services) => {
    expect(grants([allow(['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:CreateLogGroup'], resource)]).services).toEqual(services);
  });

  test('log actions on every resource but some (NotResource) are Lambda\'s; other log actions are the code\'s', () => {
    expect(grants([{ Effect: 'Allow', Action: ['logs:PutLogEvents', 'logs:GetLogEvents'], NotResource: 'arn:aws:logs:us-east-1:123456789012:log-group:/custom/app:*' }]).services)
      .toEqual([['logs', ['logs:GetLogEvents']]]);
  });

  test('log actions on the log group the function\'s LoggingConfig names are Lambda\'s; on another group, the code\'s', () => {
    const logs: Resources = { Logs: { Type: 'AWS::Logs::LogGroup', Properties: {} }, Other: { Type: 'AWS::Logs::LogGroup', Properties: {} } };
    const t = isolatedNetwork([allow(['logs:PutLogEvents'], arn('Logs')), allow(['logs:CreateLogStream'], arn('Other'))]);
    (t.Fn.Properties as Record<string, unknown>).LoggingConfig = { LogGroup: ref('Logs') };
    expect(Simulation.fromTemplate(build(t, logs)).reachability('Fn').services.map((s) => [s.service, s.actions])).toEqual([['logs', ['logs:CreateLogStream']]]);
    // without LoggingConfig, neither is the function's own log group
    expect(grants([allow(['logs:PutLogEvents'], arn('Logs'))], logs).services).toEqual([['logs', ['logs:PutLogEvents']]]);
  });

  test('the poller reads the event source mapping\'s queue; another queue is the code\'s', () => {
    const mapping: Resources = {
      Other: { Type: 'AWS::SQS::Queue', Properties: {} },
      Mapping: { Type: 'AWS::Lambda::EventSourceMapping', Properties: { FunctionName: ref('Fn'), EventSourceArn: QUEUE } },
    };
    expect(grants([allow(['sqs:ReceiveMessage', 'sqs:DeleteMessage'], QUEUE), allow(['sqs:ReceiveMessage'], arn('Other'))], mapping).services).toEqual([['sqs', ['sqs:ReceiveMessage']]]);
  });

  test('a mapping of another function does not make the queue Lambda\'s', () => {
    const mapping: Resources = {
      OtherFn: { Type: 'AWS::Lambda::Function', Properties: { Runtime: 'nodejs22.x', Handler: 'index.handler', Code: { ZipFile: 'x' }, Role: arn('Role') } },
      Mapping: { Type: 'AWS::Lambda::EventSourceMapping', Properties: { FunctionName: ref('OtherFn'), EventSourceArn: QUEUE } },
    };
    expect(grants([allow(['sqs:ReceiveMessage'], QUEUE)], mapping).services).toEqual([['sqs', ['sqs:ReceiveMessage']]]);
  });

  test('Lambda sends to the dead-letter queue', () => {
    const t = isolatedNetwork([allow(['sqs:SendMessage'], QUEUE)]);
    (t.Fn.Properties as Record<string, unknown>).DeadLetterConfig = { TargetArn: QUEUE };
    expect(Simulation.fromTemplate(build(t)).reachability('Fn').services).toEqual([]);
  });

  test('Lambda delivers to the destinations of the function\'s EventInvokeConfig; another function\'s are the code\'s', () => {
    const config = (fn: string, destinations: Record<string, unknown>): Resources => ({
      OtherFn: { Type: 'AWS::Lambda::Function', Properties: { Runtime: 'nodejs22.x', Handler: 'index.handler', Code: { ZipFile: 'x' }, Role: arn('Role') } },
      Config: { Type: 'AWS::Lambda::EventInvokeConfig', Properties: { FunctionName: ref(fn), Qualifier: '$LATEST', DestinationConfig: destinations } },
    });
    const statements = [allow(['sqs:SendMessage'], QUEUE), allow(['sns:Publish'], ref('Topic'))];
    expect(grants(statements, config('Fn', { OnSuccess: { Destination: ref('Topic') }, OnFailure: { Destination: QUEUE } })).services).toEqual([]);
    expect(grants(statements, config('Fn', { OnSuccess: { Destination: ref('Topic') } })).services).toEqual([['sqs', ['sqs:SendMessage']]]);
    expect(grants(statements, config('Fn', { OnFailure: { Destination: QUEUE } })).services).toEqual([['sns', ['sns:Publish']]]);
    expect(grants(statements, config('Fn', {})).services).toEqual([['sqs', ['sqs:SendMessage']], ['sns', ['sns:Publish']]]);
    expect(grants(statements, config('OtherFn', { OnSuccess: { Destination: ref('Topic') }, OnFailure: { Destination: QUEUE } })).services).toEqual([['sqs', ['sqs:SendMessage']], ['sns', ['sns:Publish']]]);
  });

  test('an action on several resources is Lambda\'s only when every one of them is', () => {
    const t = isolatedNetwork([allow(['sqs:SendMessage'], [QUEUE, 'arn:aws:sqs:us-east-1:123456789012:other'])]);
    (t.Fn.Properties as Record<string, unknown>).DeadLetterConfig = { TargetArn: QUEUE };
    expect(Simulation.fromTemplate(build(t)).reachability('Fn').services.map((s) => s.service)).toEqual(['sqs']);
  });

  test.each([
    ['a queue', { Encrypted: { Type: 'AWS::SQS::Queue', Properties: { KmsMasterKeyId: arn('Key') } } }],
    ['a topic', { Encrypted: { Type: 'AWS::SNS::Topic', Properties: { KmsMasterKeyId: ref('Key') } } }],
    ['a bucket (nested in its encryption rules)', {
      Encrypted: { Type: 'AWS::S3::Bucket', Properties: { BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: arn('Key') } }] } } },
    }],
  ])('KMS calls for a key that %s is encrypted with are the service\'s', (_what, encrypted) => {
    expect(grants([allow(['kms:Decrypt', 'kms:GenerateDataKey'], arn('Key'))], KEY, encrypted).services).toEqual([]);
  });

  test('KMS calls for a key no service is encrypted with are the code\'s', () => {
    const unused: Resources = { Encrypted: { Type: 'AWS::S3::Bucket', Properties: { BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] } } } };
    expect(grants([allow(['kms:Decrypt'], arn('Key'))], KEY, unused).services).toEqual([['kms', ['kms:Decrypt']]]);
  });

  test('only KMS actions on a service\'s key are the service\'s: other actions on the key\'s ARN are the code\'s', () => {
    const queue: Resources = { Encrypted: { Type: 'AWS::SQS::Queue', Properties: { KmsMasterKeyId: arn('Key') } } };
    expect(grants([allow(['sqs:SendMessage'], arn('Key'))], KEY, queue).services).toEqual([['sqs', ['sqs:SendMessage']]]);
  });
});
