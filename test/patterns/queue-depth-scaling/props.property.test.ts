import { Duration, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as fc from 'fast-check';
import { QueueDepthScaling, QueueDepthScalingProps } from '../../../lib';
import { SCALING_LIMITS } from '../../../lib/core';
import { PARALLELISM_RANGE } from '../../../lib/patterns/queue-depth-scaling/defaults';
import {
  Generated, constant, counts, durationTokens, given, invalid, judged, materializePaths, optional, patternKeys, valid,
} from '../../support/arbitraries';
import { checkPropsProperty, propertySettings } from '../../support/property';

/**
 * QueueDepthScaling's props, at random, for a Fargate service consuming a queue whose visibility timeout is 120 s:
 * either the pattern refuses them with problems naming every bad prop (and only props that were given), or the stack
 * synthesizes with zero cdk-nag errors on the pattern's resources and zero cfn-lint errors (one cfn-lint call for all).
 * The rules that combine props are applied here: processing time within the latency, maxCapacity ≥ minCapacity,
 * the queue's visibility timeout at least 2 x the processing time.
 */
const settings = propertySettings(40);

type Fields = Record<string, Generated<unknown>>;

const VISIBILITY_SECONDS = 120;

const seconds = (n: number, ok = true) => (ok ? valid : invalid)(`Duration.seconds(${n})`, () => Duration.seconds(n));
const millis = (n: number) => invalid(`Duration.millis(${n})`, () => Duration.millis(n));

/** Latencies: one metric period (60 s) and more; 59 s; a fraction of a second; a token. */
const latencies = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(seconds(60), seconds(120), seconds(3_600), valid('Duration.minutes(10)', () => Duration.minutes(10))) },
  fc.constantFrom(seconds(59, false), millis(90_500)),
  // Known only at deploy: the target backlog is computed from it at synth, so it is refused.
  durationTokens(120).map((g) => judged(g, 'invalid')),
);
/** Required numbers: mostly a plausible fleet, sometimes anything around the range. */
const often = <T>(usual: fc.Arbitrary<T>, any: fc.Arbitrary<T>, scale: number) => fc.oneof({ weight: 2 * scale, arbitrary: usual }, { weight: 1, arbitrary: any });
/** Processing times: above zero (a fraction is fine: only the target backlog is derived from it); zero is refused. */
const processingTimes = fc.constantFrom(seconds(1), seconds(4), seconds(60), valid('Duration.millis(1500)', () => Duration.millis(1_500)));
const badProcessingTimes = fc.constantFrom(seconds(0, false), seconds(61), valid('Duration.minutes(5)', () => Duration.minutes(5)));
/** Durations written to the template: whole seconds ≥ 0; a token is refused where the pattern computes with it. */
const templateDurations = (tokenVerdict: 'token' | 'invalid') => fc.oneof(
  fc.integer({ min: 0, max: 3_600 }).map((n) => seconds(n)),
  fc.constant(millis(1_500)),
  durationTokens(60).map((g) => judged(g, tokenVerdict)),
);
/** The alarm's time at maximum capacity: whole minutes from 1 minute to 1 day. */
const atMaxFor = fc.oneof(
  fc.integer({ min: 1, max: 1_440 }).map((m) => valid(`Duration.minutes(${m})`, () => Duration.minutes(m))),
  fc.constantFrom(seconds(30, false), seconds(61, false), invalid('Duration.minutes(1441)', () => Duration.minutes(1_441))),
);
const capacity = SCALING_LIMITS.ecsTasksPerService;

function scalingCasesAt(scale: number) {
  const opt = <T>(arb: fc.Arbitrary<T>, skip = 3) => optional(arb, skip * scale);
  return fc.record({
    acceptableLatency: latencies,
    messageProcessingTime: often(processingTimes, badProcessingTimes, scale),
    maxCapacity: often(fc.integer({ min: 1, max: 50 }).map((n) => constant('valid', String(n), n)), counts({ ...capacity, min: 1 }), scale),
    minCapacity: opt(counts(capacity)),
    messagesInParallelPerWorker: opt(counts(PARALLELISM_RANGE).map((g) => (g.verdict === 'token' ? judged(g, 'invalid') : g))),
    workerStartupTime: opt(templateDurations('invalid')),
    scaleOutCooldown: opt(templateDurations('invalid')),
    scaleInCooldown: opt(templateDurations('token')),
    atMaxCapacityFor: opt(atMaxFor),
    alarms: opt(fc.boolean().map((b) => constant('valid', String(b), b))),
    encryptionKey: opt(patternKeys()),
  }).map((c): Fields => {
    const fields: Fields = given({
      ...c,
      queue: valid(`a queue (visibility ${VISIBILITY_SECONDS} s, with a DLQ)`, () => undefined),
      service: valid('a Fargate service', () => undefined),
    });
    judgeCombined(fields);
    return fields;
  });
}

function known<T>(g: Generated<unknown> | undefined): T | undefined {
  return g?.verdict === 'valid' ? g.make(new Stack()) as T : undefined;
}

/** The rules that combine props. */
function judgeCombined(fields: Fields): void {
  const latency = known<Duration>(fields.acceptableLatency)?.toMilliseconds();
  const processing = known<Duration>(fields.messageProcessingTime)?.toMilliseconds();
  if (latency !== undefined && processing !== undefined && processing > latency) fields.messageProcessingTime = judged(fields.messageProcessingTime, 'invalid');
  // The queue's visibility timeout must be at least 2 x the processing time: the rule names `queue`.
  if (processing !== undefined && processing > 0 && VISIBILITY_SECONDS * 1000 < 2 * processing) fields.queue = judged(fields.queue, 'invalid');
  const min = known<number>(fields.minCapacity);
  const max = known<number>(fields.maxCapacity);
  if (min !== undefined && max !== undefined && max < min) fields.maxCapacity = judged(fields.maxCapacity, 'invalid');
}

const scalingCases = fc.oneof({ weight: 1, arbitrary: scalingCasesAt(1) }, { weight: 2, arbitrary: scalingCasesAt(4) });

/** The workers: a queue with a DLQ and a Fargate service in an imported VPC, all nag-clean where they are the user's. */
function workers(stack: Stack): { queue: sqs.IQueue; service: ecs.FargateService } {
  const vpc = ec2.Vpc.fromVpcAttributes(stack, 'Vpc', { vpcId: 'vpc-0123456789abcdef0', availabilityZones: ['eu-west-1a'], privateSubnetIds: ['subnet-0123456789abcdef0'] });
  const key = new kms.Key(stack, 'QueueKey', { enableKeyRotation: true });
  const deadLetterQueue = new sqs.Queue(stack, 'DeadLetterQueue', { encryptionMasterKey: key, enforceSSL: true });
  const queue = new sqs.Queue(stack, 'Queue', {
    visibilityTimeout: Duration.seconds(VISIBILITY_SECONDS), encryptionMasterKey: key, enforceSSL: true, deadLetterQueue: { queue: deadLetterQueue, maxReceiveCount: 5 },
  });
  const cluster = new ecs.Cluster(stack, 'Cluster', { vpc, containerInsightsV2: ecs.ContainerInsights.ENABLED });
  const taskDefinition = new ecs.FargateTaskDefinition(stack, 'Task');
  taskDefinition.addContainer('worker', { image: ecs.ContainerImage.fromRegistry('worker') });
  return { queue, service: new ecs.FargateService(stack, 'Service', { cluster, taskDefinition }) };
}

describe('QueueDepthScaling props, at random', () => {
  test('refused naming each bad prop, or synthesized with zero cdk-nag and zero cfn-lint errors', () => {
    const lint = checkPropsProperty(scalingCases, (fields) => ({
      fields,
      build: (stack) => {
        const props = materializePaths<Omit<QueueDepthScalingProps, 'queue' | 'service'>>(fields, stack);
        new QueueDepthScaling(stack, 'Workers', { ...props, ...workers(stack) });
      },
    }), settings, { nag: 'Workers' });
    // Not vacuous: a good share of the cases made the scaling, and every template made lints without error.
    expect(lint.size).toBeGreaterThanOrEqual(Math.max(1, Math.floor(settings.numRuns / 5)));
    expect(lint.findings()).toEqual([]);
  }, settings.timeout);
});
