import { App, Duration, Stack } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { QueueConsumer } from '../../lib';
import { RecordedArrivals, fleetConsumer, playArrivals, stackConsumer } from '../../lib/replay';
import { CloudFormationTemplate, Simulation } from '../../lib/simulator';

// fleetConsumer and stackConsumer on small templates: which fleet and queue are taken, capacity and its hours,
// and the errors. The recorded day through the thumbnails QueueDepthScaling is
// examples/queue-depth-scaling/replay.test.ts.

const START = Date.parse('2026-11-18T06:00:00Z');
const arrivals = (perMinute: number[]): RecordedArrivals => ({ name: 'test', perMinute, startEpochMs: START, recordedPeriodSeconds: 60 });

const queue = { Type: 'AWS::SQS::Queue', Properties: {} };
const dlq = { Type: 'AWS::SQS::Queue', Properties: {} };
const withRedrive = { Type: 'AWS::SQS::Queue', Properties: { RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': ['Dlq', 'Arn'] }, maxReceiveCount: 3 } } };
/** An ECS service with no DesiredCount runs one task (CloudFormation's default); nothing scales it. */
const ecsStack = { Resources: { Jobs: withRedrive, Dlq: dlq, Workers: { Type: 'AWS::ECS::Service', Properties: {} } } };
/** An Auto Scaling group of 2 instances (MinSize), no policy. */
const asgStack = { Resources: { Jobs: queue, Workers: { Type: 'AWS::AutoScaling::AutoScalingGroup', Properties: { MinSize: '2', MaxSize: '4' } } } };

/** A stack with both: a QueueConsumer's queue (Lambda) and a queue an ECS service's workers consume. */
const mixed = new Stack(new App(), 'Mixed');
new QueueConsumer(mixed, 'Payments', { functionProps: { code: lambda.Code.fromInline('exports.handler = async () => ({ batchItemFailures: [] });'), handler: 'index.handler' } });
new sqs.Queue(mixed, 'Jobs', { enforceSSL: true });
new ecs.CfnService(mixed, 'Workers', {});

const play = (template: CloudFormationTemplate, consumer: Parameters<typeof playArrivals>[0]['consumer'], perMinute = [3, 0, 4]) =>
  playArrivals({ arrivals: arrivals(perMinute), simulate: (o) => Simulation.fromTemplate(template, o), consumer });

describe('replaying through a scaled fleet', () => {
  test('an ECS service\'s tasks consume the one queue that is no dead-letter queue; capacity is tasks, hours task-hours', async () => {
    // WHEN 3, 0 and 4 messages are played, each taking its one task 5 s
    const run = await play(ecsStack, fleetConsumer({ timePerMessage: Duration.seconds(5) }));
    // THEN every message is done, in seconds
    expect(run.leftInQueue).toBe(0);
    expect(run.summary.ageOfOldestMaxSeconds).toBeLessThanOrEqual(5);
    // AND the one task ran the three minutes: 3/60 task-hours, one task in each minute
    expect(run.summary.capacity).toEqual({ unit: 'task', peak: 1, hours: 3 / 60 });
    expect(run.capacityPerMinute).toEqual([1, 1, 1]);
    expect(run.capacityUnit).toBe('task');
    // AND the heading names the stack and the fleet's kind (no scalable target: no range)
    expect(run.heading).toBe('SimulatedStack (ECS service)');
  });

  test('an Auto Scaling group\'s instances: capacity is instances, hours instance-hours', async () => {
    const run = await play(asgStack, fleetConsumer({ timePerMessage: Duration.seconds(5) }));
    expect(run.summary.capacity).toEqual({ unit: 'instance', peak: 2, hours: (2 * 3) / 60 });
    expect(run.heading).toBe('SimulatedStack (Auto Scaling group, 2–4 instances)');
    expect(run.leftInQueue).toBe(0);
    // AND a heading given is the heading
    await expect(play(asgStack, fleetConsumer({ timePerMessage: Duration.seconds(5), heading: 'Two instances' }))).resolves.toMatchObject({ heading: 'Two instances' });
  });

  test('one task at 30 s a message falls behind a 4-a-minute queue: the workers\' time is what the replay plays', async () => {
    // GIVEN 2 a minute can be done, 4 arrive each minute for 5 minutes
    const run = await play(ecsStack, fleetConsumer({ timePerMessage: Duration.seconds(30) }), [4, 4, 4, 4, 4]);
    // THEN the backlog grows by about 2 a minute
    expect(run.visible.values[4]).toBeGreaterThanOrEqual(8);
    expect(run.summary.ageOfOldestMaxSeconds).toBeGreaterThan(60);
  });

  test('stackConsumer takes the fleet when no Lambda consumes the queue, with the time per message given', async () => {
    const run = await play(ecsStack, stackConsumer({ timePerMessage: Duration.seconds(5) }));
    expect(run.summary.capacity?.unit).toBe('task');
  });

  test('stackConsumer on a stack with both takes Lambda, unless the queue named is the fleet\'s', async () => {
    const run = (queue?: string) => playArrivals({ arrivals: arrivals([3]), simulate: (o) => Simulation.fromStack(mixed, o), consumer: stackConsumer({ queue, timePerMessage: Duration.seconds(1) }) });
    await expect(run()).resolves.toMatchObject({ capacityUnit: 'concurrent execution' });
    await expect(run('Mixed/Payments/Queue')).resolves.toMatchObject({ capacityUnit: 'concurrent execution' });
    await expect(run('Mixed/Jobs')).resolves.toMatchObject({ capacityUnit: 'task', leftInQueue: 0 });
  });

  test('fails if stackConsumer finds a scaled fleet and is given no time per message', async () => {
    await expect(play(ecsStack, stackConsumer())).rejects.toThrow(
      /queue is consumed by a scaled fleet, whose workers' time per message the template does not tell\. Give what one message takes a worker with --time-per-message/,
    );
  });

  test('fails if the fleet does not say its queue and the stack has two that are no dead-letter queue; names one with queue', async () => {
    const two = { Resources: { ...asgStack.Resources, Other: queue } };
    await expect(play(two, fleetConsumer({ timePerMessage: Duration.seconds(1) }))).rejects.toThrow(
      /Workers does not say which queue its workers consume, and the stack has 2 queues \(Jobs, Other\) that is no dead-letter queue\. Name the queue to replay into with --stack-queue/,
    );
    await expect(play(two, fleetConsumer({ timePerMessage: Duration.seconds(1), queue: 'Other' }))).resolves.toMatchObject({ leftInQueue: 0 });
  });

  test('fails if the named queue or fleet is not in the stack, listing what is', async () => {
    await expect(play(asgStack, fleetConsumer({ timePerMessage: Duration.seconds(1), queue: 'Nope' }))).rejects.toThrow("the stack has no SQS queue 'Nope' (it has Jobs)");
    await expect(play(asgStack, fleetConsumer({ timePerMessage: Duration.seconds(1), workers: 'Nope' }))).rejects.toThrow("the stack has no ECS service or Auto Scaling group 'Nope' (it has Workers)");
  });

  test('fails if the stack has no fleet, or two and none is named', async () => {
    await expect(play({ Resources: { Jobs: queue } }, fleetConsumer({ timePerMessage: Duration.seconds(1) }))).rejects.toThrow('the stack has no ECS service or Auto Scaling group to consume its queue');
    const twoFleets = { Resources: { ...asgStack.Resources, Tasks: { Type: 'AWS::ECS::Service', Properties: {} } } };
    await expect(play(twoFleets, fleetConsumer({ timePerMessage: Duration.seconds(1) }))).rejects.toThrow(/the stack has 2 scaled fleets \(Workers, Tasks\)\. Name the one/);
    await expect(play(twoFleets, fleetConsumer({ timePerMessage: Duration.seconds(1), workers: 'Tasks' }))).resolves.toMatchObject({ capacityUnit: 'task' });
  });
});
