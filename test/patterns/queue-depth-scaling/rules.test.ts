import { CfnParameter, Duration } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { QUEUE_DEPTH_SCALING_PATTERN, QUEUE_DEPTH_SCALING_RULES as R, QueueDepthScaling, QueueDepthScalingProps } from '../../../lib';
import { BASE, serviceOnImportedCluster, validationErrorOf, warningsOf, workers } from './support';

/** Makes the pattern (on the Fargate service unless props say otherwise) and returns the stack's warnings. */
function warningsFor(props: Partial<QueueDepthScalingProps>, w = workers()): string[] {
  new QueueDepthScaling(w.stack, 'Workers', { queue: w.queue, service: w.service, ...BASE, ...props } as QueueDepthScalingProps);
  return warningsOf(w.stack);
}

/** Passes when the props make no error. */
function accepts(props: Partial<QueueDepthScalingProps>, w = workers()): void {
  expect(() => new QueueDepthScaling(w.stack, 'Workers', { queue: w.queue, service: w.service, ...BASE, ...props } as QueueDepthScalingProps)).not.toThrow();
}

describe('which workers', () => {
  test('fails if neither service nor autoScalingGroup is given', () => {
    expect(validationErrorOf({ service: undefined }).message).toMatch(/service \/ autoScalingGroup are both missing: .*Pass exactly one of service and autoScalingGroup\. \[decoupled:queue-depth-scaling\/exactly-one-worker-target\]/);
  });

  test('fails if both service and autoScalingGroup are given', () => {
    const w = workers();
    expect(validationErrorOf({ autoScalingGroup: w.autoScalingGroup }, w).problems.map((p) => p.code)).toEqual([R.exactlyOneWorkerTarget]);
  });
});

describe('latency and processing time', () => {
  test('accepts a processing time equal to the latency', () => accepts({ acceptableLatency: Duration.seconds(60), messageProcessingTime: Duration.seconds(60) }));

  test('fails if messageProcessingTime is longer than acceptableLatency', () => {
    const e = validationErrorOf({ acceptableLatency: Duration.seconds(60), messageProcessingTime: Duration.seconds(61) });
    expect(e.message).toMatch(/Test\/Workers: messageProcessingTime 61s is longer than acceptableLatency \(60s\).*Raise acceptableLatency/);
  });

  test('fails if messageProcessingTime is zero', () => {
    expect(validationErrorOf({ messageProcessingTime: Duration.seconds(0) }).message).toMatch(/messageProcessingTime 0s is not above zero/);
  });

  test('accepts a processing time in milliseconds (AWS\'s own example is 0.1 s per message)', () => {
    const w = workers();
    const s = new QueueDepthScaling(w.stack, 'Workers', { queue: w.queue, service: w.service, ...BASE, acceptableLatency: Duration.seconds(60), messageProcessingTime: Duration.millis(700) });
    expect(s.targetBacklogPerWorker).toBe(85.71);
  });

  test('accepts a latency of one metric period (60 s)', () => accepts({ acceptableLatency: Duration.seconds(60) }));

  test('fails if acceptableLatency is shorter than one metric period', () => {
    expect(validationErrorOf({ acceptableLatency: Duration.seconds(59), messageProcessingTime: Duration.seconds(1) }).message)
      .toMatch(/acceptableLatency 59s is shorter than one metric period \(60s\): SQS publishes .* once a minute.*\[decoupled:queue-depth-scaling\/latency-below-metric-period\]/);
  });

  test('fails if a duration written to the template has a fraction of a second', () => {
    const e = validationErrorOf({ acceptableLatency: Duration.millis(90_500), workerStartupTime: Duration.millis(1_500), scaleInCooldown: Duration.millis(60_001) });
    expect(e.problems.map((p) => `${p.code} ${p.prop}`)).toEqual([
      `${R.wholeSeconds} acceptableLatency`, `${R.wholeSeconds} workerStartupTime`, `${R.wholeSeconds} scaleInCooldown`,
    ]);
    expect(e.message).toMatch(/workerStartupTime 1\.5s is not a whole number of seconds.*such as 1 or 2/);
  });
});

describe('values known only at deploy', () => {
  test('fails if a value the pattern computes with is a token, naming each', () => {
    const w = workers();
    const n = new CfnParameter(w.stack, 'N', { type: 'Number', default: 60 }).valueAsNumber;
    const error = validationErrorOf({
      acceptableLatency: Duration.seconds(n), messagesInParallelPerWorker: n, workerStartupTime: Duration.seconds(n), scaleOutCooldown: Duration.seconds(n),
    }, w);
    expect(error.problems.map((p) => `${p.prop} [${p.code}]`)).toEqual([
      `acceptableLatency [${R.knownAtSynth}]`, `messagesInParallelPerWorker [${R.knownAtSynth}]`, `workerStartupTime [${R.knownAtSynth}]`, `scaleOutCooldown [${R.knownAtSynth}]`,
    ]);
    expect(error.message).toMatch(/acceptableLatency is known only at deploy: the pattern derives the target backlog per worker/);
  });

  test('a scaleInCooldown known only at deploy goes to the template as it is', () => {
    const w = workers();
    const n = new CfnParameter(w.stack, 'N', { type: 'Number', default: 60 }).valueAsNumber;
    expect(() => new QueueDepthScaling(w.stack, 'Workers', { queue: w.queue, service: w.service, ...BASE, scaleInCooldown: Duration.seconds(n) })).not.toThrow();
  });

  test('fails if messageProcessingTime is zero, even with a latency known only at deploy', () => {
    const w = workers();
    const n = new CfnParameter(w.stack, 'N', { type: 'Number', default: 60 }).valueAsNumber;
    const props = { acceptableLatency: Duration.seconds(n), messageProcessingTime: Duration.seconds(0) };
    expect(validationErrorOf(props, w).problems.map((p) => p.prop)).toEqual(['acceptableLatency', 'messageProcessingTime']);
  });
});

describe('capacity', () => {
  test('accepts 5,000 tasks, the most an ECS service runs', () => accepts({ maxCapacity: 5_000 }));

  test('fails if maxCapacity is above 5,000 tasks for an ECS service', () => {
    expect(validationErrorOf({ maxCapacity: 5_001 }).message).toMatch(/maxCapacity 5001 is outside DesiredCount's allowed range 1–5,000 \(ECS service quotas/);
  });

  test('accepts more than 5,000 instances for an Auto Scaling group (no API limit; account quotas apply)', () => {
    const w = workers();
    accepts({ service: undefined, autoScalingGroup: w.autoScalingGroup, maxCapacity: 5_001 }, w);
  });

  test('fails if minCapacity is negative or maxCapacity is not a whole number', () => {
    const e = validationErrorOf({ minCapacity: -1, maxCapacity: 2.5 });
    expect(e.problems.map((p) => `${p.code} ${p.prop}`)).toEqual([`${R.capacityRange} minCapacity`, `${R.capacityRange} maxCapacity`]);
  });

  test('accepts maxCapacity equal to minCapacity', () => accepts({ minCapacity: 3, maxCapacity: 3 }));

  test('fails if maxCapacity is below minCapacity', () => {
    expect(validationErrorOf({ minCapacity: 3, maxCapacity: 2 }).message).toMatch(/maxCapacity 2 is below minCapacity \(3\).*Set maxCapacity to at least 3/);
  });

  test('accepts one message at a time per worker', () => accepts({ messagesInParallelPerWorker: 1 }));

  test('fails if messagesInParallelPerWorker is 0', () => {
    expect(validationErrorOf({ messagesInParallelPerWorker: 0 }).problems.map((p) => p.prop)).toEqual(['messagesInParallelPerWorker']);
  });
});

describe('the at-maximum-capacity alarm', () => {
  test.each([Duration.minutes(1), Duration.days(1)])('accepts %s', (d) => accepts({ atMaxCapacityFor: d }));

  test.each([Duration.seconds(90), Duration.minutes(1_441)])('fails if atMaxCapacityFor is %s (not whole minutes within one day)', (d) => {
    expect(validationErrorOf({ atMaxCapacityFor: d }).message).toMatch(/atMaxCapacityFor .* is not whole minutes from 1 to 1440.*\[decoupled:queue-depth-scaling\/at-max-capacity-for\]/);
  });
});

describe('the queue', () => {
  test('accepts a visibility timeout of exactly 2 x the processing time (120 s for 60 s)', () => accepts({ messageProcessingTime: Duration.seconds(60) }));

  test('fails if the queue\'s visibility timeout is shorter than 2 x the processing time', () => {
    expect(validationErrorOf({ messageProcessingTime: Duration.seconds(61) }).message)
      .toMatch(/queue visibilityTimeout 120s is shorter than 2 x messageProcessingTime \(61s\) = 122s.*Raise queue visibilityTimeout to at least 122s/);
  });

  test('fails if the visibility timeout given for an imported queue is too short', () => {
    const w = workers();
    const queue = sqs.Queue.fromQueueArn(w.stack, 'Imported', 'arn:aws:sqs:eu-west-1:111111111111:jobs');
    expect(validationErrorOf({ queue, queueVisibilityTimeout: Duration.seconds(7), deadLetterQueue: w.deadLetterQueue }, w).problems.map((p) => p.prop))
      .toEqual(['queueVisibilityTimeout']);
  });

  test('warns that an imported queue\'s visibility timeout cannot be checked without queueVisibilityTimeout', () => {
    const w = workers();
    const queue = sqs.Queue.fromQueueArn(w.stack, 'Imported', 'arn:aws:sqs:eu-west-1:111111111111:jobs');
    expect(warningsFor({ queue, deadLetterQueue: w.deadLetterQueue }, w)).toEqual([expect.stringMatching(/queueVisibilityTimeout is missing:.*\[ack: decoupled:queue-depth-scaling\/visibility-timeout-unknown\]/)]);
  });

  test('warns about a queue without a dead-letter queue, and not about one with', () => {
    const w = workers();
    const bare = new sqs.Queue(w.stack, 'Bare', { visibilityTimeout: Duration.seconds(60) });
    expect(warningsFor({ queue: bare }, w)).toEqual([expect.stringMatching(/queue has no dead-letter queue:.*dead-letter-queue-missing/)]);
    expect(warningsFor({})).toEqual([]);
  });

  test.each([[20, 0], [21, 1]])('with 20 message groups on a FIFO queue, maxCapacity %i gives %i warnings', (maxCapacity, count) => {
    const w = workers();
    const dlq = new sqs.Queue(w.stack, 'FifoDlq', { fifo: true });
    const fifo = new sqs.Queue(w.stack, 'Fifo', { fifo: true, visibilityTimeout: Duration.seconds(60), deadLetterQueue: { queue: dlq, maxReceiveCount: 5 } });
    const found = warningsFor({ queue: fifo, messageGroups: 20, maxCapacity }, w);
    expect(found).toHaveLength(count);
    if (count) expect(found[0]).toMatch(/maxCapacity 21 x messagesInParallelPerWorker \(1\) exceeds messageGroups \(20\).*workers beyond 20 sit idle/);
  });
});

describe('Container Insights', () => {
  test('accepts a cluster with enhanced Container Insights', () => accepts({}, workers({ containerInsightsV2: ecs.ContainerInsights.ENHANCED })));

  test('fails if the cluster has Container Insights disabled', () => {
    expect(validationErrorOf({}, workers({ containerInsightsV2: ecs.ContainerInsights.DISABLED })).message)
      .toMatch(/service \(cluster without Container Insights\) runs on a cluster whose Container Insights is disabled.*\[decoupled:queue-depth-scaling\/container-insights-off\]/);
  });

  test('fails if Container Insights is off and the pattern may not turn it on', () => {
    expect(validationErrorOf({ enableContainerInsights: false }).problems.map((p) => p.code)).toEqual([R.containerInsightsOff]);
  });

  test('warns that an imported cluster\'s Container Insights cannot be read', () => {
    const w = workers();
    const service = serviceOnImportedCluster(w);
    expect(warningsFor({ service }, w)).toEqual([expect.stringMatching(/container-insights-unknown/)]);
  });
});

test('reports every problem at once', () => {
  const e = validationErrorOf({ acceptableLatency: Duration.seconds(30), messageProcessingTime: Duration.seconds(65), minCapacity: 5, maxCapacity: 2 });
  expect(e.problems.map((p) => p.code)).toEqual([R.latencyBelowMetricPeriod, R.processingTimeAboveLatency, R.capacityOrder, R.visibilityTimeout]);
});

test('the pattern description lists every rule code the checks use', () => {
  expect(QUEUE_DEPTH_SCALING_PATTERN.rules.map((r) => r.code).sort()).toEqual(Object.values(R).sort());
});
