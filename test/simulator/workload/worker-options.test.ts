import { Duration } from 'aws-cdk-lib';
import { CloudFormationTemplate, Simulation, perMinuteCounts } from '../../../lib/simulator';
import { groupTemplate, serviceTemplate } from '../fixtures/scaling';

// What a test says about the workers' code: each option's default, each option's range (at the limit and one
// past it), and the messages a misuse gets.

const FOUR_SECONDS = Duration.seconds(4);

describe('worker options', () => {
  test('an ECS service\'s workers take the defaults of the pattern\'s worker loop', () => {
    // GIVEN an ECS service whose task definition names the jobs queue
    const sim = Simulation.fromTemplate(serviceTemplate({ desiredCount: 1 }));
    // WHEN the test gives only a processing time
    const fleet = sim.workload.workers('Service', { processingTime: FOUR_SECONDS });
    // THEN every other setting is the default
    expect(fleet.startupMs).toBe(60_000);
    expect(fleet.loop!.behaviour).toEqual({
      queue: sim.queue('Jobs'), processingTime: expect.any(Function), failureRate: 0, messagesPerReceive: 1, slots: 1, waitMs: 20_000,
      protection: { enabled: true, expiresMs: 60 * 60_000, renewAfterMs: 30 * 60_000 }, cpu: { busy: 100, idle: 1 },
    });
  });

  test('an Auto Scaling group\'s workers start in 300 s and protect themselves until cleared', () => {
    const sim = Simulation.fromTemplate(groupTemplate({ desired: 1 }));
    const fleet = sim.workload.workers('Group', { processingTime: FOUR_SECONDS, queue: 'Jobs' });
    expect(fleet.startupMs).toBe(300_000);
    expect(fleet.loop!.behaviour.protection).toEqual({ enabled: true, expiresMs: undefined, renewAfterMs: 30 * 60_000 });
  });

  test('every option given is the one used', () => {
    const sim = Simulation.fromTemplate(serviceTemplate({ desiredCount: 1 }));
    const fleet = sim.workload.workers('Service', {
      processingTime: FOUR_SECONDS, queue: 'Jobs', startupTime: Duration.seconds(5), failureRate: 0.5, messagesPerReceive: 10, messagesInParallel: 3,
      waitTime: Duration.seconds(0), scaleInProtection: { expiresAfter: Duration.minutes(10), renewAfter: Duration.minutes(5) }, cpuUtilization: { busy: 80, idle: 5 },
    });
    expect(fleet.startupMs).toBe(5000);
    expect(fleet.loop!.behaviour).toEqual({
      queue: sim.queue('Jobs'), processingTime: expect.any(Function), failureRate: 0.5, messagesPerReceive: 10, slots: 3, waitMs: 0,
      protection: { enabled: true, expiresMs: 600_000, renewAfterMs: 300_000 }, cpu: { busy: 80, idle: 5 },
    });
    expect(fleet.loop!.behaviour.processingTime(sim.runtime.random)).toBe(4000);
  });

  test('scaleInProtection false turns it off; an object without fields keeps the host\'s defaults', () => {
    const off = Simulation.fromTemplate(serviceTemplate()).workload.workers('Service', { processingTime: FOUR_SECONDS, scaleInProtection: false });
    expect(off.loop!.behaviour.protection).toEqual({ enabled: false, expiresMs: 60 * 60_000, renewAfterMs: 30 * 60_000 });
    const empty = Simulation.fromTemplate(serviceTemplate()).workload.workers('Service', { processingTime: FOUR_SECONDS, scaleInProtection: {} });
    expect(empty.loop!.behaviour.protection).toEqual({ enabled: true, expiresMs: 60 * 60_000, renewAfterMs: 30 * 60_000 });
    const explicit = Simulation.fromTemplate(serviceTemplate()).workload.workers('Service', { processingTime: FOUR_SECONDS, scaleInProtection: true });
    expect(explicit.loop!.behaviour.protection.enabled).toBe(true);
  });

  test.each([
    ['failureRate 0', { failureRate: 0 }],
    ['failureRate 1', { failureRate: 1 }],
    ['messagesPerReceive 1', { messagesPerReceive: 1 }],
    ['messagesPerReceive 10', { messagesPerReceive: 10 }],
    ['messagesInParallel 1', { messagesInParallel: 1 }],
    ['waitTime 0 s', { waitTime: Duration.seconds(0) }],
    ['waitTime 20 s', { waitTime: Duration.seconds(20) }],
  ])('accepts %s (the limit)', (_what, options) => {
    const sim = Simulation.fromTemplate(serviceTemplate());
    expect(() => sim.workload.workers('Service', { processingTime: FOUR_SECONDS, ...options })).not.toThrow();
  });

  test.each([
    ['failureRate below 0', { failureRate: -0.01 }, 'workers of Service: failureRate -0.01 is outside 0–1'],
    ['failureRate above 1', { failureRate: 1.01 }, 'workers of Service: failureRate 1.01 is outside 0–1'],
    ['messagesPerReceive 0', { messagesPerReceive: 0 }, 'workers of Service: messagesPerReceive 0 is outside 1–10 (ReceiveMessage\'s MaxNumberOfMessages)'],
    ['messagesPerReceive 11', { messagesPerReceive: 11 }, 'workers of Service: messagesPerReceive 11 is outside 1–10 (ReceiveMessage\'s MaxNumberOfMessages)'],
    ['messagesPerReceive 1.5', { messagesPerReceive: 1.5 }, 'workers of Service: messagesPerReceive 1.5 is outside 1–10 (ReceiveMessage\'s MaxNumberOfMessages)'],
    ['messagesInParallel 0', { messagesInParallel: 0 }, 'workers of Service: messagesInParallel 0 must be a whole number, at least 1'],
    ['messagesInParallel 2.5', { messagesInParallel: 2.5 }, 'workers of Service: messagesInParallel 2.5 must be a whole number, at least 1'],
    ['waitTime 21 s', { waitTime: Duration.seconds(21) }, 'workers of Service: waitTime 21s is outside 0–20 s (ReceiveMessage\'s WaitTimeSeconds)'],
    ['waitTime 20.001 s', { waitTime: Duration.millis(20_001) }, 'workers of Service: waitTime 20.001s is outside 0–20 s (ReceiveMessage\'s WaitTimeSeconds)'],
  ])('fails if %s', (_what, options, message) => {
    const sim = Simulation.fromTemplate(serviceTemplate());
    let error: Error | undefined;
    try {
      sim.workload.workers('Service', { processingTime: FOUR_SECONDS, ...options });
    } catch (e) {
      error = e as Error;
    }
    expect(error?.message).toBe(message);
    // Nothing was configured: the fleet runs no loop.
    expect(sim.ecs.service('Service').fleet.loop).toBeUndefined();
  });

  test('fails if the workers are configured twice', () => {
    const sim = Simulation.fromTemplate(serviceTemplate());
    sim.workload.workers('Service', { processingTime: FOUR_SECONDS });
    expect(() => sim.workload.workers('Service', { processingTime: FOUR_SECONDS })).toThrow(new Error('the workers of Service are already configured'));
  });

  test('fails if the workers are asked of something that is not a service or group, naming what it is', () => {
    const sim = Simulation.fromTemplate(serviceTemplate());
    const messageOf = (ref: string) => {
      try {
        sim.workload.workers(ref, { processingTime: FOUR_SECONDS });
      } catch (e) {
        return (e as Error).message;
      }
      return undefined;
    };
    expect(messageOf('Cluster')).toBe('Cluster is an AWS::ECS::Cluster: workers run in an ECS service (AWS::ECS::Service) or an Auto Scaling group (AWS::AutoScaling::AutoScalingGroup)');
    expect(messageOf('TaskRole')).toBe('TaskRole is an AWS::IAM::Role: workers run in an ECS service (AWS::ECS::Service) or an Auto Scaling group (AWS::AutoScaling::AutoScalingGroup)');
    expect(messageOf('Target')).toBe('Target is an AWS::ApplicationAutoScaling::ScalableTarget: workers run in an ECS service (AWS::ECS::Service) or an Auto Scaling group (AWS::AutoScaling::AutoScalingGroup)');
  });

  test('a record without a queue takes the queue the workers consume, else the one the template names', () => {
    const group = Simulation.fromTemplate(groupTemplate({ desired: 1 }));
    group.workload.workers('Group', { processingTime: FOUR_SECONDS, queue: 'Jobs' });
    expect(group.workload.record({ workers: 'Group' }).queue).toBe(group.queue('Jobs'));
    const service = Simulation.fromTemplate(serviceTemplate());
    expect(service.workload.record({ workers: 'Service' }).queue).toBe(service.queue('Jobs'));
  });

  test('fails if the queue named for the workers is not a queue', () => {
    const sim = Simulation.fromTemplate(serviceTemplate());
    expect(() => sim.workload.workers('Service', { processingTime: FOUR_SECONDS, queue: 'Cluster' })).toThrow(new Error('Cluster is an AWS::ECS::Cluster, not an SQS queue'));
    expect(() => sim.workload.record({ workers: 'Service', queue: 'Cluster' })).toThrow(new Error('Cluster is an AWS::ECS::Cluster, not an SQS queue'));
    expect(() => sim.workload.workers('Nowhere', { processingTime: FOUR_SECONDS })).toThrow(new Error('Nowhere is not in the template: workers run in an ECS service (AWS::ECS::Service) or an Auto Scaling group (AWS::AutoScaling::AutoScalingGroup)'));
  });

  test('fails if record is asked before the queue is known', () => {
    const sim = Simulation.fromTemplate(groupTemplate({ desired: 1 }));
    expect(() => sim.workload.record({ workers: 'Group' })).toThrow(new Error('record(…): name the queue (`queue`), or configure the workers of Group first'));
    expect(sim.workload.record({ workers: 'Group', queue: 'Jobs' }).name).toBe('Jobs → Group');
  });
});

describe('a message processed after its visibility timeout', () => {
  test('is received again by another worker, and the first worker\'s delete is refused: it counts as processed again', () => {
    // GIVEN two tasks, a visibility timeout of 10 s and a processing time of 15 s
    const sim = Simulation.fromTemplate(serviceTemplate({ desiredCount: 2, visibilityTimeout: 10 }));
    const fleet = sim.workload.workers('Service', { processingTime: Duration.seconds(15) });
    // WHEN one message arrives
    const { messageId } = sim.send('Jobs', { body: 'slow' });
    sim.advance(Duration.seconds(16));
    // THEN the first task's delete at 15 s is refused: the second task received the message again at 10 s
    expect(sim.events({ type: 'workers.deleteRefused' })).toEqual([expect.objectContaining({
      time: 15_000, resource: 'Service', messageId,
      reason: 'processed, but its visibility timeout ended first: the message was visible again and is processed a second time',
      detail: { worker: fleet.live[0].id },
    })]);
    expect(sim.events({ type: 'workers.processingStarted' }).map((e) => [e.time, e.detail])).toEqual([
      [0, { worker: fleet.live[0].id, receiveCount: 1 }], [10_000, { worker: fleet.live[1].id, receiveCount: 2 }],
    ]);
    expect(fleet.totals).toEqual({ launched: 2, stopped: 0, processed: 0, failed: 0, processedAgain: 1, interrupted: 0, protectionRefused: 0 });
  });
});

describe('playing into FIFO targets and refusals', () => {
  const fifoTemplate = (maxSize?: number) => ({
    Resources: {
      Fifo: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'jobs.fifo', FifoQueue: true, ...(maxSize ? { MaximumMessageSize: maxSize } : {}) } },
      Small: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'small', MaximumMessageSize: 1024 } },
      FifoTopic: { Type: 'AWS::SNS::Topic', Properties: { TopicName: 'events.fifo', FifoTopic: true } },
      Cluster: { Type: 'AWS::ECS::Cluster' },
    },
  } as CloudFormationTemplate);

  test('a FIFO queue gets messages round-robin over the message groups, each with its own deduplication id', () => {
    const sim = Simulation.fromTemplate(fifoTemplate());
    const player = sim.workload.play('Fifo', perMinuteCounts([5]), { spacing: 'even', messageGroups: 2, body: (n) => `job ${n}` });
    sim.advance(Duration.minutes(3));
    const got = sim.receive('Fifo', { maxMessages: 10 });
    expect(got.map((m) => [m.body, m.groupId, m.systemAttributes.MessageDeduplicationId]).sort()).toEqual([
      ['job 0', 'g0', '0'], ['job 1', 'g1', '1'], ['job 2', 'g0', '2'], ['job 3', 'g1', '3'], ['job 4', 'g0', '4'],
    ]);
    expect([player.sent, player.refused, player.finished]).toEqual([5, 0, true]);
  });

  test('one message group by default; a standard queue gets no group and the default body', () => {
    const sim = Simulation.fromTemplate(fifoTemplate());
    sim.workload.play('Fifo', perMinuteCounts([2]), { spacing: 'even' });
    sim.workload.play('Small', perMinuteCounts([1]), { spacing: 'even' });
    sim.advance(Duration.minutes(3));
    expect(sim.receive('Fifo', { maxMessages: 10 }).map((m) => [m.body, m.groupId])).toEqual([['message 0', 'g0'], ['message 1', 'g0']]);
    expect(sim.receive('Small').map((m) => [m.body, m.groupId])).toEqual([['message 0', undefined]]);
  });

  test('a message the queue refuses counts as refused, and the player goes on', () => {
    // GIVEN a queue taking at most 1 KiB, and bodies of 2 KiB every other message
    const sim = Simulation.fromTemplate(fifoTemplate());
    const player = sim.workload.play('Small', perMinuteCounts([4]), { spacing: 'even', body: (n) => (n % 2 === 0 ? 'x'.repeat(2048) : `ok ${n}`) });
    sim.advance(Duration.minutes(3));
    expect([player.sent, player.refused]).toEqual([2, 2]);
    expect(sim.receive('Small', { maxMessages: 10 }).map((m) => m.body)).toEqual(['ok 1', 'ok 3']);
    expect(sim.events({ type: 'sqs.sendFailed' })).toHaveLength(2);
  });

  test('a message the topic refuses counts as refused, traced as workload.refused with the reason', () => {
    const sim = Simulation.fromTemplate(fifoTemplate());
    const player = sim.workload.play('FifoTopic', perMinuteCounts([2]), { spacing: 'even', body: (n) => (n === 0 ? 'x'.repeat(300 * 1024) : 'fine') });
    sim.advance(Duration.minutes(3));
    expect([player.sent, player.refused]).toEqual([1, 1]);
    const [refused] = sim.events({ type: 'workload.refused' });
    expect([refused.resource, refused.time]).toEqual(['FifoTopic', 15_000]);
    expect(refused.reason).toBe('InvalidParameter: Publish to FifoTopic rejected: the message is 307200 bytes; SNS accepts at most 262144');
  });

  test('plays into a queue named by its ARN; fails if the target is neither a queue nor a topic', () => {
    const sim = Simulation.fromTemplate(fifoTemplate());
    sim.workload.play('arn:aws:sqs:us-east-1:123456789012:small', perMinuteCounts([1]), { at: Duration.minutes(2), spacing: 'even' });
    sim.advance(Duration.minutes(3));
    expect(sim.events({ type: 'sqs.sent' }).map((e) => [e.resource, e.time])).toEqual([['Small', 150_000]]);
    expect(() => sim.workload.play('Cluster', perMinuteCounts([1]))).toThrow(new Error('play(Cluster, …): arrivals go to an SQS queue or an SNS topic of the template'));
  });
});
