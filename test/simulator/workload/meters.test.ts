import { Duration } from 'aws-cdk-lib';
import { Simulation, perMinuteCounts } from '../../../lib/simulator';
import { BusyMeter } from '../../../lib/simulator/workload/busy-meter';
import { percentile } from '../../../lib/simulator/workload/run-recorder';
import { serviceTemplate } from '../fixtures/scaling';

// What a run measures: busy time per minute, the CPUUtilization AWS/ECS publishes from it, and the run record.

const MINUTE = 60_000;
const CPU = { namespace: 'AWS/ECS', metricName: 'CPUUtilization', dimensions: { ClusterName: 'workers', ServiceName: 'svc' } };

describe('BusyMeter', () => {
  test('integrates running workers and busy slots over each minute, split at minute boundaries', () => {
    // GIVEN two workers running from 0, one slot busy from 30 s to 90 s
    const meter = new BusyMeter();
    meter.change(0, 2, 0);
    meter.change(30_000, 0, 1);
    meter.change(90_000, 0, -1);
    meter.flush(2 * MINUTE);
    // THEN each minute has 120,000 worker-ms and 30,000 busy slot-ms
    expect(meter.totals(0, MINUTE)).toEqual({ runningMs: 120_000, busyMs: 30_000 });
    expect(meter.totals(MINUTE, 2 * MINUTE)).toEqual({ runningMs: 120_000, busyMs: 30_000 });
    expect(meter.totals(0, 2 * MINUTE)).toEqual({ runningMs: 240_000, busyMs: 60_000 });
    expect(meter.totals(2 * MINUTE, 3 * MINUTE)).toEqual({ runningMs: 0, busyMs: 0 });
    // A span ending inside a minute takes that whole minute.
    expect(meter.totals(0, 90_000)).toEqual({ runningMs: 240_000, busyMs: 60_000 });
  });

  test('a flush back in time changes nothing; an idle gap costs nothing and counts nothing', () => {
    const meter = new BusyMeter();
    meter.flush(5 * MINUTE);
    meter.change(5 * MINUTE, 1, 1);
    meter.flush(5 * MINUTE + 30_000);
    meter.flush(MINUTE);
    meter.change(6 * MINUTE, -1, -1);
    meter.flush(8 * MINUTE);
    expect(meter.totals(0, 5 * MINUTE)).toEqual({ runningMs: 0, busyMs: 0 });
    expect(meter.totals(5 * MINUTE, 6 * MINUTE)).toEqual({ runningMs: 60_000, busyMs: 60_000 });
    expect(meter.totals(6 * MINUTE, 8 * MINUTE)).toEqual({ runningMs: 0, busyMs: 0 });
  });
});

describe('percentile (nearest rank)', () => {
  test('at the ranks around the 95th, of unsorted values, without changing them', () => {
    const twenty = Array.from({ length: 20 }, (_, i) => 20 - i);
    expect(percentile(twenty, 95)).toBe(19);
    expect(twenty[0]).toBe(20);
    expect(percentile(Array.from({ length: 21 }, (_, i) => i + 1), 95)).toBe(20);
    expect([percentile([3, 1, 2], 0), percentile([3, 1, 2], 50), percentile([3, 1, 2], 100)]).toEqual([1, 2, 3]);
    expect(percentile([10, 2, 33, 4], 60)).toBe(10);
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([], 95)).toBe(0);
  });
});

describe('CPUUtilization of an ECS service', () => {
  test('is idle plus (busy - idle) times the busy share of the slots, per minute', () => {
    // GIVEN one task with two slots, 80 % busy and 10 % idle, and one message taking 30 s
    const sim = Simulation.fromTemplate(serviceTemplate({ desiredCount: 1 }));
    sim.workload.workers('Service', { processingTime: Duration.seconds(30), messagesInParallel: 2, cpuUtilization: { busy: 80, idle: 10 } });
    sim.send('Jobs', { body: 'm' });
    sim.advance(Duration.minutes(2));
    const cpu = sim.metrics.find(CPU)!;
    // THEN the first minute is 10 + 70 × 30 s / 2 slots / 60 s = 27.5, the second idle at 10
    expect(cpu.datapoints(0, 2 * MINUTE, MINUTE)).toEqual([
      { time: 0, sampleCount: 1, sum: 27.5, minimum: 27.5, maximum: 27.5 },
      { time: MINUTE, sampleCount: 1, sum: 10, minimum: 10, maximum: 10 },
    ]);
    // AND a 2-minute period averages both; a start inside a period is aligned down to it
    expect(cpu.datapoints(30_000, 2 * MINUTE, 2 * MINUTE)).toEqual([{ time: 0, sampleCount: 1, sum: 18.75, minimum: 18.75, maximum: 18.75 }]);
    // AND nothing after now, nor from the period where the span ends
    expect(cpu.datapoints(0, 10 * MINUTE, MINUTE)).toHaveLength(2);
    expect(cpu.datapoints(0, MINUTE, MINUTE).map((d) => d.time)).toEqual([0]);
    expect([cpu.unit, cpu.metricName, cpu.namespace]).toEqual(['None', 'CPUUtilization', 'AWS/ECS']);
  });

  test('a fleet nobody configured runs idle at 1 %; minutes without a running task have no datapoint', () => {
    const sim = Simulation.fromTemplate(serviceTemplate({ desiredCount: 1 }));
    sim.advance(Duration.minutes(1));
    sim.ecs.service('Service').fleet.setDesired(0);
    sim.advance(Duration.minutes(2));
    expect(sim.metrics.find(CPU)!.datapoints(0, 3 * MINUTE, MINUTE)).toEqual([{ time: 0, sampleCount: 1, sum: 1, minimum: 1, maximum: 1 }]);
  });

  test('fails if the period is not whole minutes', () => {
    const sim = Simulation.fromTemplate(serviceTemplate({ desiredCount: 1 }));
    expect(() => sim.metrics.find(CPU)!.datapoints(0, MINUTE, 90_000)).toThrow(new Error('CPUUtilization is kept per minute; a period of 90000 ms is not whole minutes'));
    expect(() => sim.metrics.find(CPU)!.datapoints(0, MINUTE, 1000)).toThrow(new Error('CPUUtilization is kept per minute; a period of 1000 ms is not whole minutes'));
  });
});

describe('a run record', () => {
  test('keeps each minute\'s levels and counts, and totals the run', () => {
    // GIVEN one task taking 20 s a message, recorded, and 4 messages played evenly in the first minute
    const sim = Simulation.fromTemplate(serviceTemplate({ desiredCount: 1 }));
    sim.workload.workers('Service', { processingTime: Duration.seconds(20) });
    const recorder = sim.workload.record({ workers: 'Service', name: 'four jobs' });
    sim.workload.play('Jobs', perMinuteCounts([4]), { spacing: 'even' });
    // WHEN three minutes pass
    sim.advance(Duration.minutes(3));
    const result = recorder.result();
    // THEN each minute's end shows the queue, the fleet and the counts of that minute
    // (the minute clock stops once nothing is left to happen)
    expect(result.series).toEqual([
      { time: 0, visible: 0, inFlight: 0, ageOfOldestMessage: 0, desired: 1, inService: 1, starting: 0, busy: 0, arrivals: 0, processed: 0, workerHours: 0 },
      { time: MINUTE, visible: 1, inFlight: 1, ageOfOldestMessage: 7, desired: 1, inService: 1, starting: 0, busy: 1, arrivals: 4, processed: 2, workerHours: 1 / 60 },
      { time: 2 * MINUTE, visible: 0, inFlight: 0, ageOfOldestMessage: 0, desired: 1, inService: 1, starting: 0, busy: 0, arrivals: 0, processed: 2, workerHours: 2 / 60 },
    ]);
    expect([result.name, result.queue, result.workers, result.alarms, result.activities]).toEqual(['four jobs', 'Jobs', 'Service', [], []]);
    expect(result.totals).toEqual({
      sent: 4, processed: 4, failed: 0, interrupted: 0, processedAgain: 0, movedToDeadLetterQueue: 0, expired: 0,
      minutes: 3, maxAgeOfOldestMessage: 7, p95AgeOfOldestMessage: 7,
      workerHours: 3 / 60, maxInService: 1,
    });
  });
});

describe('a run record of failing work', () => {
  test('counts failures and the messages moved to the dead-letter queue', () => {
    // GIVEN work that always fails, a 10 s visibility timeout and a dead-letter queue after 2 receives
    const t = serviceTemplate({ desiredCount: 1, visibilityTimeout: 10 });
    const resources = t.Resources as Record<string, { Type: string; Properties?: Record<string, unknown> }>;
    resources.Dlq = { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'jobs-dlq' } };
    resources.Jobs.Properties!.RedrivePolicy = { deadLetterTargetArn: { 'Fn::GetAtt': ['Dlq', 'Arn'] }, maxReceiveCount: 2 };
    const sim = Simulation.fromTemplate(t);
    sim.workload.workers('Service', { processingTime: Duration.seconds(1), failureRate: 1 });
    const recorder = sim.workload.record({ workers: 'Service' });
    sim.workload.play('Jobs', perMinuteCounts([1]), { spacing: 'even' });
    // WHEN the message is received twice and fails twice
    sim.advance(Duration.minutes(2));
    // THEN the third receive moves it to the dead-letter queue
    expect(recorder.result().totals).toMatchObject({ sent: 1, processed: 0, failed: 2, movedToDeadLetterQueue: 1, expired: 0 });
    expect(recorder.result().name).toBe('Jobs → Service');
    expect(sim.queue('Dlq').counts.visible).toBe(1);
  });
});

describe('a run record of a fleet scaling out', () => {
  test('shows the desired count, the workers in service and those still starting, apart', () => {
    // GIVEN one task, recorded, and a second launched at 30 s that takes 90 s to start
    const sim = Simulation.fromTemplate(serviceTemplate({ desiredCount: 1 }));
    const fleet = sim.workload.workers('Service', { processingTime: Duration.seconds(5), startupTime: Duration.seconds(90) });
    const recorder = sim.workload.record({ workers: 'Service' });
    sim.workload.play('Jobs', perMinuteCounts([1, 1, 1]), { spacing: 'even' });
    sim.advance(Duration.seconds(30));
    fleet.setDesired(2);
    sim.advance(Duration.minutes(3));
    // THEN at 1 and 2 minutes: 2 desired, 1 in service, 1 starting; at 3 minutes both in service
    expect(recorder.result().series.map((p) => [p.time / MINUTE, p.desired, p.inService, p.starting])).toEqual([
      [0, 1, 1, 0], [1, 2, 1, 1], [2, 2, 2, 0], [3, 2, 2, 0],
    ]);
    expect(recorder.result().totals.maxInService).toBe(2);
  });
});
