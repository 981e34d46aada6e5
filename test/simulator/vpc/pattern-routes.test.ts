import { Annotations, App, Stack } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { QueueConsumer, VpcFunction } from '../../../lib';
import { Simulation } from '../../../lib/simulator';

// The routes VpcFunction derives, checked by the simulator's network model: every service a pattern function is
// granted is reachable by the path the pattern meant, and nothing else is. One stack, synthesized once.

const code = lambda.Code.fromInline('exports.handler = async () => ({})');
const app = new App();
const stack = new Stack(app, 'PatternRoutes');
// Two functions in the VpcFunction's isolated VPC: gateway (S3, DynamoDB) and interface (SQS, Secrets Manager) services, one endpoint each, shared.
const reader = new VpcFunction(stack, 'Reader', { functionProps: { handler: 'index.handler', code } });
const writer = new VpcFunction(stack, 'Writer', { functionProps: { handler: 'index.handler', code }, vpc: reader.vpc });
new s3.Bucket(stack, 'Reports', { enforceSSL: true }).grantRead(reader.function);
new dynamodb.Table(stack, 'Orders', { partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING } }).grantReadWriteData(writer.function);
const queue = new sqs.Queue(stack, 'Exports', { enforceSSL: true });
queue.grantSendMessages(reader.function);
queue.grantSendMessages(writer.function);
new secretsmanager.Secret(stack, 'Token').grantRead(writer.function);
// A NAT function: private subnets with egress, HTTPS out through the NAT gateway.
const natVpc = new ec2.Vpc(stack, 'NatVpc', { natGateways: 1, maxAzs: 2 });
const notifier = new VpcFunction(stack, 'Notifier', { functionProps: { handler: 'index.handler', code }, vpc: natVpc, egress: 'nat' });
new sns.Topic(stack, 'Alerts', { enforceSSL: true }).grantPublish(notifier.function);
// A QueueConsumer in the same VPC: its poller reads the queue from Lambda's network, so it needs no SQS route.
const consumer = new QueueConsumer(stack, 'Consumer', { functionProps: { handler: 'index.handler', code, vpc: reader.vpc } });
for (const fn of [reader, writer]) Annotations.of(fn).acknowledgeWarning('decoupled:vpc-function/legacy-hostname', 'The SDK for JavaScript v3 calls the Regional hostnames');
// In a hook, so a simulator that throws fails the tests rather than the file.
let sim: Simulation;
beforeAll(() => {
  sim = Simulation.fromStack(stack);
});

function statuses(fn: lambda.IFunction): Record<string, string> {
  const r = sim.reachability(fn);
  return Object.fromEntries([...r.services, r.internet].map((s) => [s.service, s.status]));
}

describe('VpcFunction\'s derived routes, played on the simulator\'s network', () => {
  test('isolated functions reach every granted service, and not the internet', () => {
    expect(statuses(reader.function)).toEqual({ s3: 'reachable', sqs: 'reachable', xray: 'reachable', internet: 'unreachable' });
    expect(statuses(writer.function)).toEqual({ dynamodb: 'reachable', sqs: 'reachable', secretsmanager: 'reachable', xray: 'reachable', internet: 'unreachable' });
  });

  test('gateway services go through the route table\'s gateway endpoint, interface services through one shared endpoint', () => {
    const s3Path = sim.reachability(reader.function).services.find((s) => s.service === 's3')!.hops!;
    expect(s3Path.slice(2)).toEqual([expect.stringMatching(/^route table ReaderVpcFunctionSubnet1RouteTable\w+ \(prefix list of s3\)$/), expect.stringMatching(/^gateway endpoint ReaderVpcS3Endpoint\w+$/)]);
    const sqsEndpoint = (fn: VpcFunction) => sim.reachability(fn.function).services.find((s) => s.service === 'sqs')!.hops![2].split(' ')[2];
    expect(sqsEndpoint(writer)).toBe(sqsEndpoint(reader));
  });

  test('a QueueConsumer in the VPC needs no route for what its poller does, and its code reaches X-Ray', () => {
    expect(statuses(consumer.function)).toEqual({ xray: 'reachable', internet: 'unreachable' });
  });

  test('a NAT function reaches its service and the internet through the NAT gateway', () => {
    expect(statuses(notifier.function)).toEqual({ sns: 'reachable', xray: 'reachable', internet: 'reachable' });
    expect(sim.reachability(notifier.function).internet.path).toMatch(/→ NAT gateway NatVpcPublicSubnet1NATGateway\w+ in subnet NatVpcPublicSubnet1Subnet\w+ \(us-east-1a\) → route table NatVpcPublicSubnet1RouteTable\w+ \(0\.0\.0\.0\/0\) → internet gateway NatVpcIGW\w+$/);
  });

  test('findings() has nothing to say about the pattern\'s functions', () => {
    expect(sim.findings().filter((f) => f.code.startsWith('decoupled-sim:vpc'))).toEqual([]);
  });
});
