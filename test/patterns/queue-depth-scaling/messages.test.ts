import { CfnParameter, Duration } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { QueueDepthScaling, QueueDepthScalingProps } from '../../../lib';
import { BASE, serviceOnImportedCluster, validationErrorOf, warningsOf, workers } from './support';

/** The one line a single problem renders to, after the message's head. */
function onlyProblem(props: Partial<QueueDepthScalingProps>, w = workers()): string {
  const lines = validationErrorOf(props, w).message.split('\n');
  expect(lines[0]).toBe('Test/Workers has an invalid setting:');
  expect(lines).toHaveLength(2);
  return lines[1];
}

function warningsFor(props: Partial<QueueDepthScalingProps>, w = workers()): string[] {
  new QueueDepthScaling(w.stack, 'Workers', { queue: w.queue, service: w.service, ...BASE, ...props } as QueueDepthScalingProps);
  return warningsOf(w.stack);
}

const CODE = 'decoupled:queue-depth-scaling';

describe('the full text of every error', () => {
  test('fails if neither service nor autoScalingGroup is given', () => {
    expect(onlyProblem({ service: undefined })).toBe(`  ✖ Test/Workers: service / autoScalingGroup are both missing: the pattern scales one set of workers, an ECS service or an EC2 Auto Scaling group. Pass exactly one of service and autoScalingGroup. [${CODE}/exactly-one-worker-target]`);
  });

  test('fails if both service and autoScalingGroup are given', () => {
    const w = workers();
    expect(onlyProblem({ autoScalingGroup: w.autoScalingGroup }, w)).toBe(`  ✖ Test/Workers: service / autoScalingGroup are both given: the pattern scales one set of workers, an ECS service or an EC2 Auto Scaling group. Pass exactly one of service and autoScalingGroup. [${CODE}/exactly-one-worker-target]`);
  });

  test('fails if acceptableLatency is 59 s, one under the metric period', () => {
    expect(onlyProblem({ acceptableLatency: Duration.seconds(59), messageProcessingTime: Duration.seconds(1) })).toBe(
      '  ✖ Test/Workers: acceptableLatency 59s is shorter than one metric period (60s): SQS publishes ApproximateNumberOfMessagesVisible once a minute '
      + '(SQS developer guide, CloudWatch metrics (AWS-FACTS §1.9)), so no policy can react within it. '
      + `Raise acceptableLatency to at least 60 seconds, or consume the queue with a Lambda function (QueueConsumer), which polls continuously. [${CODE}/latency-below-metric-period]`,
    );
  });

  test('fails if messageProcessingTime is 61 s, one over a 60 s latency', () => {
    const w = workers();
    const queue = new sqs.Queue(w.stack, 'Slow', { visibilityTimeout: Duration.seconds(122), deadLetterQueue: { queue: w.deadLetterQueue, maxReceiveCount: 5 } });
    expect(onlyProblem({ queue, acceptableLatency: Duration.seconds(60), messageProcessingTime: Duration.seconds(61) }, w)).toBe(
      '  ✖ Test/Workers: messageProcessingTime 61s is longer than acceptableLatency (60s): no number of workers processes a message within the latency. '
      + `Raise acceptableLatency to at least messageProcessingTime, or set messageProcessingTime to the measured time per message. [${CODE}/processing-time-above-latency]`,
    );
  });

  test('fails if messageProcessingTime is zero', () => {
    expect(onlyProblem({ messageProcessingTime: Duration.seconds(0) })).toBe(
      '  ✖ Test/Workers: messageProcessingTime 0s is not above zero: the target backlog per worker (acceptableLatency ÷ messageProcessingTime) would be infinite. '
      + `Raise acceptableLatency to at least messageProcessingTime, or set messageProcessingTime to the measured time per message. [${CODE}/processing-time-above-latency]`,
    );
  });

  test('fails if atMaxCapacityFor is 90 s', () => {
    expect(onlyProblem({ atMaxCapacityFor: Duration.seconds(90) })).toBe(
      '  ✖ Test/Workers: atMaxCapacityFor 90s is not whole minutes from 1 to 1440: the alarm counts one-minute periods, and Period x EvaluationPeriods may be at most 86400s '
      + `(CloudWatch API-model PutMetricAlarm (AWS-FACTS §7)). Set atMaxCapacityFor to whole minutes, such as Duration.minutes(15). [${CODE}/at-max-capacity-for]`,
    );
  });

  test('fails if maxCapacity is below minCapacity', () => {
    expect(onlyProblem({ minCapacity: 3, maxCapacity: 2 })).toBe(
      `  ✖ Test/Workers: maxCapacity 2 is below minCapacity (3): Auto Scaling rejects a range whose maximum is below its minimum. Set maxCapacity to at least 3, or lower minCapacity. [${CODE}/capacity-order]`,
    );
  });

  test('fails if maxCapacity is 5,001 tasks', () => {
    expect(onlyProblem({ maxCapacity: 5_001 })).toBe(
      '  ✖ Test/Workers: maxCapacity 5001 is outside DesiredCount\'s allowed range 1–5,000 (ECS service quotas, tasks per service (unconfirmed: not in AWS-FACTS)). '
      + `Set maxCapacity to a value in 1–5,000. [${CODE}/capacity-range]`,
    );
  });

  test('fails if minCapacity is -1', () => {
    expect(onlyProblem({ minCapacity: -1 })).toBe(
      '  ✖ Test/Workers: minCapacity -1 is outside DesiredCount\'s allowed range 0–5,000 (ECS service quotas, tasks per service (unconfirmed: not in AWS-FACTS)). '
      + `Set minCapacity to a value in 0–5,000. [${CODE}/capacity-range]`,
    );
  });

  test('fails if messagesInParallelPerWorker is 0', () => {
    expect(onlyProblem({ messagesInParallelPerWorker: 0 })).toBe(
      '  ✖ Test/Workers: messagesInParallelPerWorker 0 is outside messages in flight per worker\'s allowed range 1–120,000 (SQS API-model ChangeMessageVisibility). '
      + `Set messagesInParallelPerWorker to a value in 1–120,000. [${CODE}/capacity-range]`,
    );
  });

  test('fails if messageGroups is 0', () => {
    expect(onlyProblem({ messageGroups: 0 })).toBe(
      '  ✖ Test/Workers: messageGroups 0 is below messageGroups\'s minimum 1 (SQS developer guide, FIFO message groups). '
      + `Set messageGroups to a value in at least 1. [${CODE}/capacity-range]`,
    );
  });

  test('fails if workerStartupTime has a fraction of a second', () => {
    expect(onlyProblem({ workerStartupTime: Duration.millis(1_500) })).toBe(
      '  ✖ Test/Workers: workerStartupTime 1.5s is not a whole number of seconds: AWS takes only integers here. '
      + `Set workerStartupTime to a whole number of seconds, such as 1 or 2. [${CODE}/whole-seconds]`,
    );
  });

  test('fails if a value the pattern computes with is a token', () => {
    const w = workers();
    const n = new CfnParameter(w.stack, 'N', { type: 'Number', default: 60 }).valueAsNumber;
    expect(onlyProblem({ messagesInParallelPerWorker: n }, w)).toBe(
      '  ✖ Test/Workers: messagesInParallelPerWorker is known only at deploy: the pattern derives the target backlog per worker, the cooldowns and the alarms from it at synth, '
      + `so it needs a number then. Give a value, not a CfnParameter or a value from another resource. [${CODE}/known-at-synth]`,
    );
  });

  test('fails if the queue\'s visibility timeout is shorter than 2 x the processing time', () => {
    expect(onlyProblem({ messageProcessingTime: Duration.seconds(61), acceptableLatency: Duration.seconds(120) })).toBe(
      '  ✖ Test/Workers: queue visibilityTimeout 120s is shorter than 2 x messageProcessingTime (61s) = 122s: a slow message reappears while a worker still holds it, and is processed twice. '
      + `Raise queue visibilityTimeout to at least 122s, or lower messageProcessingTime if it is overstated. [${CODE}/visibility-timeout]`,
    );
  });

  test('fails if queueVisibilityTimeout is past SQS\'s 43,200 s', () => {
    const w = workers();
    const queue = sqs.Queue.fromQueueArn(w.stack, 'Imported', 'arn:aws:sqs:eu-west-1:111111111111:jobs');
    expect(onlyProblem({ queue, queueVisibilityTimeout: Duration.seconds(43_201), deadLetterQueue: w.deadLetterQueue }, w)).toBe(
      '  ✖ Test/Workers: queueVisibilityTimeout 43201s is outside VisibilityTimeout\'s allowed range 0–43,200 seconds (SQS API-model CreateQueue). '
      + `Set queueVisibilityTimeout to a value in 0–43,200 seconds. [${CODE}/visibility-timeout-range]`,
    );
  });

  test('fails if encryptionKey is an AWS managed key', () => {
    const w = workers();
    expect(onlyProblem({ encryptionKey: kms.Alias.fromAliasName(w.stack, 'Managed', 'alias/aws/sns') }, w)).toBe(
      '  ✖ Test/Workers: encryptionKey \'alias/aws/sns\' is an AWS managed key: its policy admits no service principal and cannot be edited, so every notification of the alarm topic it encrypts would fail. '
      + 'Leave encryptionKey out to let the pattern make a customer-managed key, or pass a kms.Key of yours. [decoupled:aws-managed-key]',
    );
  });

  test('fails if the cluster has Container Insights disabled', () => {
    expect(onlyProblem({}, workers({ containerInsightsV2: ecs.ContainerInsights.DISABLED }))).toBe(
      '  ✖ Test/Workers: service (cluster without Container Insights) runs on a cluster whose Container Insights is disabled: the backlog policy divides by ECS/ContainerInsights RunningTaskCount, '
      + 'which is then never published. Turn Container Insights on for the cluster (containerInsightsV2: ContainerInsights.ENABLED), or leave enableContainerInsights at true. '
      + `[${CODE}/container-insights-off]`,
    );
  });
});

describe('the full text of every warning', () => {
  test('an imported queue without queueVisibilityTimeout', () => {
    const w = workers();
    const queue = sqs.Queue.fromQueueArn(w.stack, 'Imported', 'arn:aws:sqs:eu-west-1:111111111111:jobs');
    expect(warningsFor({ queue }, w)).toEqual([
      'queueVisibilityTimeout is missing: the imported queue\'s visibility timeout cannot be read at synth time, so it is not checked against the processing time. '
      + `Set queueVisibilityTimeout to the queue's VisibilityTimeout attribute. [ack: ${CODE}/visibility-timeout-unknown]`,
      'deadLetterQueue is missing: a message that always fails is received again and again until it expires, keeping a worker busy and the backlog above zero. '
      + `Give the queue a redrive policy (sqs.Queue deadLetterQueue), or pass deadLetterQueue for an imported queue. [ack: ${CODE}/dead-letter-queue-missing]`,
    ]);
  });

  test('a queue of this app without a dead-letter queue, its visibility timeout left at SQS\'s default', () => {
    const w = workers();
    expect(warningsFor({ queue: new sqs.Queue(w.stack, 'Bare') }, w)).toEqual([
      'queue has no dead-letter queue: a message that always fails is received again and again until it expires, keeping a worker busy and the backlog above zero. '
      + `Give the queue a redrive policy (sqs.Queue deadLetterQueue), or pass deadLetterQueue for an imported queue. [ack: ${CODE}/dead-letter-queue-missing]`,
    ]);
  });

  test('a FIFO queue with fewer message groups than workers x parallelism', () => {
    const w = workers();
    const dlq = new sqs.Queue(w.stack, 'FifoDlq', { fifo: true });
    const fifo = new sqs.Queue(w.stack, 'Fifo', { fifo: true, visibilityTimeout: Duration.seconds(60), deadLetterQueue: { queue: dlq, maxReceiveCount: 5 } });
    expect(warningsFor({ queue: fifo, messageGroups: 20, maxCapacity: 11, messagesInParallelPerWorker: 2 }, w)).toEqual([
      'maxCapacity 11 x messagesInParallelPerWorker (2) exceeds messageGroups (20): a FIFO queue has one message per group in flight, so workers beyond 10 sit idle. '
      + `Lower maxCapacity to messageGroups ÷ messagesInParallelPerWorker, or spread messages over more message groups. [ack: ${CODE}/fifo-message-groups]`,
    ]);
  });

  test('an imported cluster', () => {
    const w = workers();
    const service = serviceOnImportedCluster(w);
    expect(warningsFor({ service }, w)).toEqual([
      'service (imported cluster) runs on an imported cluster: whether Container Insights publishes RunningTaskCount cannot be read, and without it the backlog is divided by 1. '
      + `Make sure Container Insights is on for the cluster, then acknowledge this warning. [ack: ${CODE}/container-insights-unknown]`,
    ]);
  });

  test('a queue of this app whose visibility timeout is known only at deploy is not called imported', () => {
    const w = workers();
    const timeout = new CfnParameter(w.stack, 'Timeout', { type: 'Number', default: 60 }).valueAsNumber;
    const queue = new sqs.Queue(w.stack, 'Tokened', { visibilityTimeout: Duration.seconds(timeout), deadLetterQueue: { queue: w.deadLetterQueue, maxReceiveCount: 5 } });
    expect(warningsFor({ queue }, w)).toEqual([]);
  });

  test('a maxCapacity known only at deploy is not compared with minCapacity', () => {
    const w = workers();
    const n = new CfnParameter(w.stack, 'Max', { type: 'Number', default: 10 }).valueAsNumber;
    expect(warningsFor({ maxCapacity: n, minCapacity: 1 }, w)).toEqual([]);
  });
});
