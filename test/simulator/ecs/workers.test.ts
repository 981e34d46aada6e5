import { Duration } from 'aws-cdk-lib';
import { Simulation } from '../../../lib/simulator';
import { CLUSTER, SERVICE, serviceTemplate } from '../fixtures/scaling';

const SECOND = 1000;
const FOUR_SECONDS = Duration.seconds(4);

function send(sim: Simulation, n: number): string[] {
  return Array.from({ length: n }, (_, i) => sim.send('Jobs', { body: `m${i}` }).messageId);
}

const times = (sim: Simulation, type: string) => sim.events({ type }).map((e) => e.time / SECOND);

describe('an ECS service\'s tasks running the worker loop', () => {
  test('a task receives, processes each message for its processing time, and deletes it; the queue is the one its environment names', () => {
    // GIVEN one task in service, whose task definition has QUEUE_URL = the jobs queue
    const sim = Simulation.fromTemplate(serviceTemplate({ desiredCount: 1 }));
    sim.workload.workers('Service', { processingTime: FOUR_SECONDS });
    // WHEN three messages arrive at once
    send(sim, 3);
    sim.advance(Duration.minutes(1));
    // THEN one task processes them one after the other
    expect(times(sim, 'workers.processed')).toEqual([4, 8, 12]);
    expect(sim.queue('Jobs').counts).toEqual({ visible: 0, inFlight: 0, delayed: 0 });
    expect(sim.ecs.service('Service').fleet.totals.processed).toBe(3);
  });

  test('a task launched by a higher desired count is in service after its startup time', () => {
    const sim = Simulation.fromTemplate(serviceTemplate({ desiredCount: 0 }));
    const fleet = sim.workload.workers('Service', { processingTime: FOUR_SECONDS, startupTime: Duration.seconds(45) });
    send(sim, 1);
    fleet.setDesired(1);
    sim.advance(Duration.seconds(44));
    expect([fleet.running, fleet.starting]).toEqual([0, 1]);
    sim.advance(Duration.seconds(1));
    expect([fleet.running, fleet.starting]).toEqual([1, 0]);
    sim.advance(Duration.seconds(4));
    expect(times(sim, 'workers.processed')).toEqual([49]);
  });

  test('fails if the queue is not named and the task definition names none', () => {
    const t = serviceTemplate();
    (t.Resources!.Task.Properties as { ContainerDefinitions: unknown[] }).ContainerDefinitions = [{ Name: 'w' }];
    const sim = Simulation.fromTemplate(t);
    expect(() => sim.workload.workers('Service', { processingTime: FOUR_SECONDS })).toThrow('workers(Service, …): name the queue the workers consume (`queue`): an ECS service of this template does not say which queue it reads');
    expect(() => sim.workload.workers('Jobs', { processingTime: FOUR_SECONDS })).toThrow('Jobs is an AWS::SQS::Queue: workers run in an ECS service (AWS::ECS::Service) or an Auto Scaling group (AWS::AutoScaling::AutoScalingGroup)');
  });

  test('a task protects itself while it holds messages and clears it when a long poll comes back empty', () => {
    const sim = Simulation.fromTemplate(serviceTemplate({ desiredCount: 1 }));
    const fleet = sim.workload.workers('Service', { processingTime: FOUR_SECONDS });
    send(sim, 2);
    sim.advance(Duration.seconds(5));
    expect(fleet.live[0].isProtected(sim.now)).toBe(true);
    // The last message is deleted at 8 s, the next receive waits 20 s and comes back empty at 28 s.
    sim.advance(Duration.seconds(30));
    expect(times(sim, 'workers.protected')).toEqual([0]);
    expect(times(sim, 'workers.unprotected')).toEqual([28]);
    expect(fleet.live[0].isProtected(sim.now)).toBe(false);
  });

  test('the protection call is checked against the task role: without ecs:UpdateTaskProtection it is refused and the task stays unprotected', () => {
    const sim = Simulation.fromTemplate(serviceTemplate({ desiredCount: 1, protectionGranted: false }));
    const fleet = sim.workload.workers('Service', { processingTime: FOUR_SECONDS });
    send(sim, 1);
    sim.advance(Duration.seconds(1));
    const [refused] = sim.events({ type: 'workers.protectionRefused' });
    expect(refused.reason).toMatch(new RegExp(`^the task role may not ecs:UpdateTaskProtection: no policy of TaskRole allows ecs:UpdateTaskProtection on arn:aws:ecs:us-east-1:123456789012:task/${CLUSTER}/`));
    expect(fleet.live[0].isProtected(sim.now)).toBe(false);
  });

  test('a scale-in stops an unprotected task at once; the message it held reappears after the visibility timeout and is processed again', () => {
    // GIVEN two tasks without protection, each in the middle of a 40 s message
    const sim = Simulation.fromTemplate(serviceTemplate({ desiredCount: 2, visibilityTimeout: 60 }));
    const fleet = sim.workload.workers('Service', { processingTime: Duration.seconds(40), scaleInProtection: false });
    const [first] = send(sim, 2);
    sim.advance(Duration.seconds(10));
    // WHEN the desired count drops to 1
    fleet.setDesired(1);
    // THEN the oldest task stops with the first message in hand; it reappears at 60 s, when the other task, done at 40 s
    // and waiting in a long poll, takes it
    expect(sim.events({ type: 'workers.interrupted' }).map((e) => e.messageId)).toEqual([first]);
    sim.advance(Duration.minutes(2));
    expect(sim.events({ type: 'workers.processingStarted', messageId: first }).map((e) => e.time / SECOND)).toEqual([0, 60]);
    expect(fleet.totals).toMatchObject({ processed: 2, interrupted: 1, stopped: 1 });
  });

  test('a protected task beyond the desired count runs until its loop clears the protection, then stops with nothing in hand', () => {
    const sim = Simulation.fromTemplate(serviceTemplate({ desiredCount: 1 }));
    const fleet = sim.workload.workers('Service', { processingTime: Duration.seconds(40) });
    send(sim, 1);
    sim.advance(Duration.seconds(10));
    fleet.setDesired(0);
    expect(fleet.running).toBe(1);
    sim.advance(Duration.minutes(2));
    expect(times(sim, 'workers.stopped')).toEqual([60]);
    expect(fleet.totals).toMatchObject({ processed: 1, interrupted: 0 });
  });

  test('ECS protection expires: a loop that never renews it is stopped in the middle of its work once it has', () => {
    // GIVEN a task whose protection lasts 10 minutes and is never renewed, busy on a stream of 2-minute messages
    const sim = Simulation.fromTemplate(serviceTemplate({ desiredCount: 1, visibilityTimeout: 300 }));
    const fleet = sim.workload.workers('Service', { processingTime: Duration.minutes(2), scaleInProtection: { expiresAfter: Duration.minutes(10), renewAfter: Duration.days(365) } });
    send(sim, 20);
    sim.advance(Duration.minutes(1));
    // WHEN a scale-in waits for it
    fleet.setDesired(0);
    sim.advance(Duration.minutes(15));
    // THEN it is stopped when the protection expires, with a message in hand
    expect(times(sim, 'workers.stopped')).toEqual([600]);
    expect(fleet.totals.interrupted).toBe(1);
  });

  test('a loop that renews its protection before it expires (as the worker example does) is not stopped while busy', () => {
    const sim = Simulation.fromTemplate(serviceTemplate({ desiredCount: 1, visibilityTimeout: 300 }));
    const fleet = sim.workload.workers('Service', { processingTime: Duration.minutes(2), scaleInProtection: { expiresAfter: Duration.minutes(10), renewAfter: Duration.minutes(5) } });
    send(sim, 20);
    sim.advance(Duration.minutes(1));
    fleet.setDesired(0);
    sim.advance(Duration.minutes(15));
    expect(sim.events({ type: 'workers.stopped' })).toEqual([]);
    expect(fleet.totals.interrupted).toBe(0);
  });

  test('a failed message is not deleted: it comes back after the visibility timeout', () => {
    const sim = Simulation.fromTemplate(serviceTemplate({ desiredCount: 1, visibilityTimeout: 30 }));
    sim.workload.workers('Service', { processingTime: FOUR_SECONDS, failureRate: 1 });
    const [id] = send(sim, 1);
    sim.advance(Duration.seconds(40));
    expect(sim.events({ type: ['workers.processingStarted', 'workers.failed'], messageId: id }).map((e) => [e.type, e.time / SECOND])).toEqual([
      ['workers.processingStarted', 0], ['workers.failed', 4], ['workers.processingStarted', 30], ['workers.failed', 34],
    ]);
  });

  test('publishes Container Insights task counts only when the cluster has it on, and CPUUtilization as the busy share', () => {
    const metric = (sim: Simulation, namespace: string, metricName: string) => sim.metrics.find({ namespace, metricName, dimensions: { ClusterName: CLUSTER, ServiceName: SERVICE } });
    const off = Simulation.fromTemplate(serviceTemplate({ containerInsights: false }));
    expect(metric(off, 'ECS/ContainerInsights', 'RunningTaskCount')).toBeUndefined();
    // GIVEN one task busy 30 s of its first minute, CPU 80 % busy and 0 % idle
    const sim = Simulation.fromTemplate(serviceTemplate({ desiredCount: 1 }));
    sim.workload.workers('Service', { processingTime: Duration.seconds(30), cpuUtilization: { busy: 80, idle: 0 } });
    send(sim, 1);
    sim.advance(Duration.minutes(2));
    expect(metric(sim, 'AWS/ECS', 'CPUUtilization')!.datapoints(0, 2 * 60_000, 60_000).map((d) => d.maximum)).toEqual([40, 0]);
    expect(metric(sim, 'ECS/ContainerInsights', 'RunningTaskCount')).toBeDefined();
  });
});
