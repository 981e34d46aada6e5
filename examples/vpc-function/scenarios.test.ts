import { Annotations, App, Duration, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { routeGrantedServices } from '../../lib';
import { LambdaContext, Simulation } from '../../lib/simulator';
import { ReportsVpcStack } from './reports-stack';

/**
 * Scenarios of a Lambda function in a VPC, on the simulator: what a grant without a route does (the call gets no
 * answer and the function times out), the same function once `routeGrantedServices` has added the endpoint its
 * grant needs, and the reachability of the VpcFunction example (examples/vpc-function/reports-stack.ts).
 */

/** An isolated VPC, a queue, and a function in the VPC granted SendMessage on it; with or without derived routes. */
function exportStack(app: App, id: string, withRoutes: boolean): { stack: Stack; fn: lambda.Function; queue: sqs.Queue } {
  const stack = new Stack(app, id);
  const vpc = new ec2.Vpc(stack, 'Vpc', { natGateways: 0, maxAzs: 2, subnetConfiguration: [{ name: 'Isolated', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
  const queue = new sqs.Queue(stack, 'Exports', { enforceSSL: true });
  const fn = new lambda.Function(stack, 'Exporter', {
    runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => ({})'),
    timeout: Duration.seconds(30), vpc, environment: { QUEUE_URL: queue.queueUrl },
  });
  queue.grantSendMessages(fn);
  if (withRoutes) {
    routeGrantedServices(fn, { vpc });
    Annotations.of(fn).acknowledgeWarning('decoupled:vpc-function/legacy-hostname', 'The exporter uses the AWS SDK for JavaScript v3, which calls the Regional SQS hostname');
  }
  return { stack, fn, queue };
}

// Synthesized once for the file; each test builds a fresh simulation.
const app = new App();
const withoutRoute = exportStack(app, 'ExportsWithoutRoute', false);
const withRoute = exportStack(app, 'ExportsWithRoute', true);
const reports = new ReportsVpcStack(app, 'ReportsScenarios');

/** The exporter's code: sends the event to the queue named in its environment, as the function. */
function exporter(sim: Simulation, fn: lambda.Function) {
  const queueUrl = sim.lambdaFunction(fn).settings.environment.QUEUE_URL;
  return async (event: { exportId: string }, context: LambdaContext) => {
    const { MessageId } = await context.aws.sqs.sendMessage({ QueueUrl: queueUrl, MessageBody: JSON.stringify(event) });
    return { MessageId };
  };
}

describe('a function granted SQS in an isolated VPC', () => {
  test('without an SQS endpoint: the call gets no answer, each attempt runs into the 30 s timeout, and findings() says why', async () => {
    // GIVEN the exporter in isolated subnets with no route to SQS
    const { stack, fn, queue } = withoutRoute;
    // WHEN it is invoked asynchronously (Lambda retries a timed-out event twice: 1 min, then 2 min later)
    // README: vpc-function-simulation
    const sim = Simulation.fromStack(stack);
    const queueUrl = sim.lambdaFunction(fn).settings.environment.QUEUE_URL;
    // The handler calls SQS as the function: its role's policies are checked, and its subnets must reach SQS.
    sim.onInvoke(fn, async (event: { exportId: string }, context: LambdaContext) => {
      await context.aws.sqs.sendMessage({ QueueUrl: queueUrl, MessageBody: JSON.stringify(event) });
    });
    sim.invokeAsync(fn, { exportId: 'e-1' });
    await sim.advance(Duration.minutes(5));
    const sqsReach = sim.reachability(fn).services.find((s) => s.service === 'sqs');
    // README: end
    // THEN every attempt timed out at 30 s, the call traced with the route table that has no way out, nothing landed
    expect(sim.events({ type: 'lambda.timedOut', resource: fn }).map((e) => e.time)).toEqual([30_000, 120_000, 270_000]);
    const [unanswered] = sim.events({ type: 'lambda.callUnanswered', resource: fn });
    expect(unanswered.reason).toMatch(/^sqs:SendMessage from Exporter\w+ gets no answer: Amazon SQS is unreachable: route table VpcIsolatedSubnet1RouteTable\w+ .* has no route to 0\.0\.0\.0\/0/);
    expect(sim.queue(queue).counts.visible).toBe(0);
    expect(sim.events({ type: 'lambda.asyncFailed', resource: fn })).toHaveLength(1);
    expect(sqsReach).toMatchObject({ status: 'unreachable', blockedBy: { kind: 'route', element: expect.stringMatching(/^VpcIsolatedSubnet1RouteTable/) } });
    // AND findings() reports the grant no route serves, with the fix
    const [finding] = sim.findings().filter((f) => f.code === 'decoupled-sim:vpc-unreachable-grant');
    expect(finding.message).toMatch(/^Exporter\w+ is granted Amazon SQS \(sqs:GetQueueAttributes, sqs:GetQueueUrl, sqs:SendMessage\) but cannot reach it/);
    expect(finding.fix).toMatch(/Add an interface endpoint for com\.amazonaws\.<region>\.sqs with private DNS/);
  });

  test('with the routes its grants need (routeGrantedServices): the same call is served through the SQS endpoint', async () => {
    // GIVEN the same exporter, routed: an SQS interface endpoint and HTTPS egress to it
    const { stack, fn, queue } = withRoute;
    const sim = Simulation.fromStack(stack);
    sim.onInvoke(fn, exporter(sim, fn), { duration: Duration.millis(80) });
    // WHEN it is invoked
    sim.invokeAsync(fn, { exportId: 'e-1' });
    await sim.advance(Duration.seconds(1));
    // THEN the message lands, through the endpoint, and nothing is reported
    expect(sim.queue(queue).visible.map((m) => JSON.parse(m.body))).toEqual([{ exportId: 'e-1' }]);
    expect(sim.events({ type: 'lambda.succeeded', resource: fn })).toHaveLength(1);
    const [sqsReach] = sim.reachability(fn).services.filter((s) => s.service === 'sqs');
    // (a function made without VpcFunction keeps its group's allow-all egress; the endpoint's group admits it on 443)
    expect(sqsReach.path).toMatch(/^subnet VpcIsolatedSubnet1Subnet\w+ \(us-east-1a\) → security group ExporterSecurityGroup\w+ \(all traffic to 0\.0\.0\.0\/0\) → interface endpoint VpcSqsEndpoint\w+ \(private DNS; VpcSqsEndpointSecurityGroup\w+ admits tcp\/443 from ExporterSecurityGroup\w+\)$/);
    expect(sim.findings().filter((f) => f.code === 'decoupled-sim:vpc-unreachable-grant')).toEqual([]);
  });
});

describe('the VpcFunction example (reports)', () => {
  test('reaches what it is granted through interface endpoints, and not the internet', () => {
    const sim = Simulation.fromStack(reports);
    const r = sim.reachability(reports.reports.function);
    // The function's own logs, network interfaces and the topic key's KMS calls are made outside the VPC: not listed.
    expect(r.services.map((s) => [s.service, s.status])).toEqual([['sns', 'reachable'], ['ssm', 'reachable'], ['xray', 'reachable']]);
    // The simulator reads the same services from the template as the pattern derived its endpoints from.
    expect(r.services.map((s) => s.service).sort()).toEqual([...reports.reports.services.keys()].sort());
    for (const s of r.services) expect(s.path).toMatch(/→ security group ReportsSecurityGroup\w+ \(tcp\/443 to ReportsVpc\w+EndpointSecurityGroup\w+\) → interface endpoint ReportsVpc\w+Endpoint\w+ \(private DNS; /);
    expect(r.internet).toMatchObject({ status: 'unreachable', blockedBy: { kind: 'route', element: expect.stringMatching(/^ReportsVpcFunctionSubnet1RouteTable/) } });
    expect(sim.findings().filter((f) => f.code.startsWith('decoupled-sim:vpc'))).toEqual([]);
  });

  test('its publish lands on the topic through the SNS endpoint, as the function', async () => {
    const sim = Simulation.fromStack(reports);
    const topicArn = sim.topic(reports.topic).arn;
    sim.onInvoke(reports.reports.function, async (_event: unknown, context: LambdaContext) => {
      await context.aws.sns.publish({ TopicArn: topicArn, Message: '{"total":1200,"overThreshold":true}' });
    });
    sim.invokeAsync(reports.reports.function, {});
    await sim.advance(Duration.seconds(1));
    expect(sim.events({ type: 'sns.published', resource: reports.topic })).toHaveLength(1);
    expect(sim.events({ type: 'lambda.called', resource: reports.reports.function }).map((e) => e.detail?.action)).toEqual(['sns:Publish']);
  });
});
