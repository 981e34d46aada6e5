import { Duration } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Limit, PROP_RULES, ProblemCollector, ProblemInput, RuleDefinition, SCALING_LIMITS, SQS_LIMITS, formatValue, isKnown, validateCustomerManagedKey, exactMillis } from '../../core';
import { PARALLELISM_RANGE, QUEUE_DEPTH_SCALING_DEFAULTS as D } from './defaults';
import { requiredVisibilityTimeout } from './sizing';

function rule(name: string, severity: RuleDefinition['severity'], fires: string, fix: string): RuleDefinition {
  return { code: `decoupled:queue-depth-scaling/${name}`, severity, fires, fix };
}

/** Every synth-time rule of QueueDepthScaling, as data: the checks below, the docs and the catalog read it. */
export const QUEUE_DEPTH_SCALING_RULE_DEFINITIONS = {
  exactlyOneWorkerTarget: rule('exactly-one-worker-target', 'error',
    'neither or both of service and autoScalingGroup are given', 'Pass exactly one of service and autoScalingGroup.'),
  processingTimeAboveLatency: rule('processing-time-above-latency', 'error',
    'messageProcessingTime is zero, or longer than acceptableLatency: no number of workers processes a message within the latency',
    'Raise acceptableLatency to at least messageProcessingTime, or set messageProcessingTime to the measured time per message.'),
  latencyBelowMetricPeriod: rule('latency-below-metric-period', 'error',
    'acceptableLatency is shorter than one metric period (60 s): SQS publishes its metrics once a minute, so no policy sees a backlog sooner',
    'Raise acceptableLatency to at least 60 seconds, or consume the queue with a Lambda function (QueueConsumer), which polls continuously.'),
  knownAtSynth: rule('known-at-synth', 'error',
    'acceptableLatency, messageProcessingTime, messagesInParallelPerWorker, workerStartupTime, scaleOutCooldown or atMaxCapacityFor is known only at deploy (a token): the target backlog per worker, the cooldowns and the alarms are derived from them at synth',
    'Give a value, not a CfnParameter or a value from another resource.'),
  wholeSeconds: rule('whole-seconds', 'error',
    'a duration written to the template (acceptableLatency, workerStartupTime, scaleOutCooldown, scaleInCooldown) has a fraction of a second or is negative',
    'Use whole seconds (Duration.seconds(n)).'),
  capacityRange: rule('capacity-range', 'error',
    'minCapacity, maxCapacity, messagesInParallelPerWorker or messageGroups is not a whole number, or is outside its range (an ECS service runs at most 5,000 tasks; at least one message group)',
    'Set it to a whole number in the range the message names.'),
  capacityOrder: rule('capacity-order', 'error',
    'maxCapacity is below minCapacity: Auto Scaling rejects the range', 'Set maxCapacity to at least minCapacity.'),
  atMaxCapacityFor: rule('at-max-capacity-for', 'error',
    'atMaxCapacityFor is not whole minutes from 1 minute to 1 day (the alarm evaluates one-minute periods, over at most one day)',
    'Set atMaxCapacityFor to whole minutes, such as Duration.minutes(15).'),
  visibilityTimeout: rule('visibility-timeout', 'error',
    'the queue\'s visibility timeout is shorter than 2 x messageProcessingTime: a slow message reappears while a worker still holds it, and is processed twice',
    'Raise the queue\'s visibilityTimeout to at least 2 x messageProcessingTime (or have the worker extend it with ChangeMessageVisibility and pass the timeout it keeps as queueVisibilityTimeout).'),
  visibilityTimeoutRange: rule('visibility-timeout-range', 'error',
    'queueVisibilityTimeout is not whole seconds, or outside SQS\'s 0–43,200 s: it cannot be the visibility timeout of any queue',
    'Set queueVisibilityTimeout to the queue\'s VisibilityTimeout attribute, in whole seconds.'),
  awsManagedKey: { code: PROP_RULES.awsManagedKey, severity: 'error',
    fires: 'encryptionKey is an AWS managed key (alias/aws/…): CloudWatch cannot use it to publish to the encrypted alarm topic',
    fix: 'Let the pattern make its key, or pass a customer-managed key.' },
  visibilityTimeoutUnknown: rule('visibility-timeout-unknown', 'warning',
    'the queue is imported and queueVisibilityTimeout is not given, so the visibility timeout rule cannot run',
    'Set queueVisibilityTimeout to the queue\'s VisibilityTimeout attribute.'),
  fifoMessageGroups: rule('fifo-message-groups', 'warning',
    'the queue is FIFO and maxCapacity x messagesInParallelPerWorker exceeds messageGroups: only one message per group is in flight, so the extra workers sit idle',
    'Lower maxCapacity to messageGroups ÷ messagesInParallelPerWorker, or spread messages over more message groups.'),
  deadLetterQueueMissing: rule('dead-letter-queue-missing', 'warning',
    'no dead-letter queue is known for the queue: a message that always fails is retried until it expires, and keeps workers busy',
    'Give the queue a redrive policy (sqs.Queue deadLetterQueue), or pass deadLetterQueue for an imported queue.'),
  containerInsightsOff: rule('container-insights-off', 'error',
    'the service\'s cluster has Container Insights disabled (or off with enableContainerInsights: false): the backlog policy divides by its RunningTaskCount, which would never be published',
    'Turn Container Insights on for the cluster (containerInsightsV2: ContainerInsights.ENABLED), or leave enableContainerInsights at true.'),
  containerInsightsUnknown: rule('container-insights-unknown', 'warning',
    'the service\'s cluster is imported, so whether Container Insights is on cannot be read; without it RunningTaskCount is missing and the backlog is divided by 1',
    'Make sure Container Insights is on for the cluster, then acknowledge this warning.'),
  competingPolicy: rule('competing-policy', 'warning',
    'the service or group has another scaling policy on CPU or memory: it scales in while the backlog policy wants capacity (aws-cdk #20706)',
    'Remove the CPU or memory policy (disableCpuBasedScaling in aws-ecs-patterns), or acknowledge this warning if you want both.'),
} as const satisfies Record<string, RuleDefinition>;

const R = QUEUE_DEPTH_SCALING_RULE_DEFINITIONS;

/** The stable codes of the QueueDepthScaling rules: tests, docs and acknowledgements match on them. */
export const QUEUE_DEPTH_SCALING_RULES = Object.fromEntries(
  Object.entries(R).map(([name, definition]) => [name, definition.code]),
) as { readonly [K in keyof typeof R]: string };

/** A known value and the prop (or resource) it was read from, so a message can name what to change. */
export interface Sourced<T> {
  readonly value: T;
  readonly prop: string;
}

/** What the rules look at, read from the props and from what the user brought. `undefined` = not knowable. */
export interface ScalingFacts {
  readonly acceptableLatency: Duration;
  readonly messageProcessingTime: Duration;
  readonly messagesInParallelPerWorker: number;
  readonly minCapacity: number;
  readonly maxCapacity: number;
  /** The most workers the service or group can have, with its prop. */
  readonly capacityLimit: Limit;
  /** Durations the template holds, by prop. */
  readonly templateDurations: readonly Sourced<Duration | undefined>[];
  readonly atMaxCapacityFor: Duration;
  /** With `path` when the prop is another construct's: the pattern that made the queue. */
  readonly visibilityTimeout?: Sourced<Duration> & { readonly path?: string };
  /** `queueVisibilityTimeout` as given for an imported queue. */
  readonly queueVisibilityTimeoutProp?: Duration;
  /** The key the pattern gives CloudWatch for its alarm topic. */
  readonly encryptionKey?: kms.IKey;
  readonly queueImported: boolean;
  readonly fifo: boolean;
  readonly messageGroups?: number;
  readonly deadLetterQueueKnown: boolean;
  /** ECS only: what is known of Container Insights on the service's cluster. */
  readonly containerInsights?: 'on' | 'off' | 'unknown';
}

/** A FIFO queue has as many message groups as it is sent; a fleet that reads one has at least one. */
const MESSAGE_GROUPS_RANGE: Limit = { name: 'messageGroups', min: 1, max: Infinity, unit: 'count', source: 'SQS developer guide, FIFO message groups' };

/** Any non-negative whole number of seconds: durations the pattern writes to the template. */
function seconds(name: string): Limit {
  return { name, min: 0, max: Infinity, unit: 'seconds', source: 'CloudFormation takes whole seconds' };
}

function ms(d: Duration): number | undefined {
  return isKnown(d) ? exactMillis(d) : undefined;
}

/**
 * What the pattern computes with at synth: a token there has no number to compute with (scaleInCooldown, when given,
 * goes to the template as it is; it is derived from scaleOutCooldown only when left out).
 */
function checkKnownAtSynth(f: ScalingFacts, problems: ProblemCollector): void {
  const derivedFrom: readonly (readonly [string, unknown])[] = [
    ['acceptableLatency', f.acceptableLatency],
    ['messageProcessingTime', f.messageProcessingTime],
    ['messagesInParallelPerWorker', f.messagesInParallelPerWorker],
    ['atMaxCapacityFor', f.atMaxCapacityFor],
    ...f.templateDurations.filter((d) => d.prop !== 'scaleInCooldown').map((d) => [d.prop, d.value] as const),
  ];
  for (const [prop, value] of derivedFrom) {
    if (value === undefined || isKnown(value)) continue;
    problems.add({
      code: R.knownAtSynth.code,
      prop,
      value: 'is known only at deploy:',
      rule: 'the pattern derives the target backlog per worker, the cooldowns and the alarms from it at synth, so it needs a number then',
      fix: R.knownAtSynth.fix,
    });
  }
}

/** The error rules: each adds what it finds to `problems`, so every problem is reported together. */
function checkErrors(f: ScalingFacts, problems: ProblemCollector): void {
  checkKnownAtSynth(f, problems);
  const latency = ms(f.acceptableLatency);
  const processing = ms(f.messageProcessingTime);
  problems.durationInRange(R.wholeSeconds.code, 'acceptableLatency', f.acceptableLatency, seconds('acceptableLatency'));
  if (latency !== undefined && latency < exactMillis(D.metricPeriod)) {
    problems.add({
      code: R.latencyBelowMetricPeriod.code,
      prop: 'acceptableLatency',
      value: formatValue(f.acceptableLatency),
      rule: `is shorter than one metric period (${D.metricPeriod.toSeconds()}s): SQS publishes ApproximateNumberOfMessagesVisible once a minute (${SCALING_LIMITS.sqsMetricPeriod.source}), so no policy can react within it`,
      fix: R.latencyBelowMetricPeriod.fix,
    });
  }
  if (processing !== undefined && (processing <= 0 || (latency !== undefined && processing > latency))) {
    problems.add({
      code: R.processingTimeAboveLatency.code,
      prop: 'messageProcessingTime',
      value: formatValue(f.messageProcessingTime),
      rule: processing <= 0
        ? 'is not above zero: the target backlog per worker (acceptableLatency ÷ messageProcessingTime) would be infinite'
        : `is longer than acceptableLatency (${formatValue(f.acceptableLatency)}): no number of workers processes a message within the latency`,
      fix: R.processingTimeAboveLatency.fix,
    });
  }
  for (const d of f.templateDurations) {
    problems.durationInRange(R.wholeSeconds.code, d.prop, d.value, seconds(d.prop));
  }
  problems.inRange(R.capacityRange.code, 'minCapacity', f.minCapacity, { ...f.capacityLimit, min: 0 });
  problems.inRange(R.capacityRange.code, 'maxCapacity', f.maxCapacity, { ...f.capacityLimit, min: 1 });
  problems.inRange(R.capacityRange.code, 'messagesInParallelPerWorker', f.messagesInParallelPerWorker, PARALLELISM_RANGE);
  problems.inRange(R.capacityRange.code, 'messageGroups', f.messageGroups, MESSAGE_GROUPS_RANGE);
  problems.durationInRange(R.visibilityTimeoutRange.code, 'queueVisibilityTimeout', f.queueVisibilityTimeoutProp, SQS_LIMITS.visibilityTimeout);
  validateCustomerManagedKey(problems, 'encryptionKey', f.encryptionKey, 'every notification of the alarm topic it encrypts');
  if (isKnown(f.minCapacity) && isKnown(f.maxCapacity) && f.maxCapacity < f.minCapacity) {
    problems.add({
      code: R.capacityOrder.code,
      prop: 'maxCapacity',
      value: String(f.maxCapacity),
      rule: `is below minCapacity (${f.minCapacity}): Auto Scaling rejects a range whose maximum is below its minimum`,
      fix: `Set maxCapacity to at least ${f.minCapacity}, or lower minCapacity.`,
    });
  }
  checkAtMaxCapacityFor(f, problems);
  checkVisibility(f, problems);
  if (f.containerInsights === 'off') {
    problems.add({
      code: R.containerInsightsOff.code,
      prop: 'service',
      value: '(cluster without Container Insights)',
      rule: 'runs on a cluster whose Container Insights is disabled: the backlog policy divides by ECS/ContainerInsights RunningTaskCount, which is then never published',
      fix: R.containerInsightsOff.fix,
    });
  }
}

function checkAtMaxCapacityFor(f: ScalingFacts, problems: ProblemCollector): void {
  const after = ms(f.atMaxCapacityFor);
  const period = exactMillis(D.metricPeriod);
  const window = SCALING_LIMITS.alarmEvaluationWindow;
  if (after === undefined || (after % period === 0 && after >= window.min * 1000 && after <= window.max * 1000)) return;
  problems.add({
    code: R.atMaxCapacityFor.code,
    prop: 'atMaxCapacityFor',
    value: formatValue(f.atMaxCapacityFor),
    rule: `is not whole minutes from 1 to ${window.max / 60}: the alarm counts one-minute periods, and ${window.name} may be at most ${window.max}s (${window.source})`,
    fix: R.atMaxCapacityFor.fix,
  });
}

function checkVisibility(f: ScalingFacts, problems: ProblemCollector): void {
  const visibility = f.visibilityTimeout;
  if (!visibility || !isKnown(visibility.value) || !isKnown(f.messageProcessingTime) || exactMillis(f.messageProcessingTime) <= 0) return;
  const required = requiredVisibilityTimeout(f.messageProcessingTime);
  if (exactMillis(visibility.value) >= exactMillis(required)) return;
  problems.add({
    code: R.visibilityTimeout.code,
    path: visibility.path,
    prop: visibility.prop,
    value: formatValue(visibility.value),
    rule: `is shorter than ${D.visibilityTimeoutFactor} x messageProcessingTime (${formatValue(f.messageProcessingTime)}) = ${required.toSeconds()}s: a slow message reappears while a worker still holds it, and is processed twice`,
    fix: `Raise ${visibility.path ? `${visibility.path} ` : ''}${visibility.prop} to at least ${required.toSeconds()}s, or lower messageProcessingTime if it is overstated.`,
  });
}

/** The warning rules: each returns what it finds. */
function checkWarnings(f: ScalingFacts): ProblemInput[] {
  const found: ProblemInput[] = [];
  if (f.queueImported && !f.visibilityTimeout) {
    found.push({
      code: R.visibilityTimeoutUnknown.code,
      prop: 'queueVisibilityTimeout',
      value: 'is missing:',
      rule: 'the imported queue\'s visibility timeout cannot be read at synth time, so it is not checked against the processing time',
      fix: R.visibilityTimeoutUnknown.fix,
    });
  }
  const groups = f.messageGroups;
  if (f.fifo && groups !== undefined && isKnown(groups) && isKnown(f.maxCapacity) && f.maxCapacity * f.messagesInParallelPerWorker > groups) {
    found.push({
      code: R.fifoMessageGroups.code,
      prop: 'maxCapacity',
      value: String(f.maxCapacity),
      rule: `x messagesInParallelPerWorker (${f.messagesInParallelPerWorker}) exceeds messageGroups (${groups}): a FIFO queue has one message per group in flight, so workers beyond ${Math.ceil(groups / f.messagesInParallelPerWorker)} sit idle`,
      fix: R.fifoMessageGroups.fix,
    });
  }
  if (!f.deadLetterQueueKnown) {
    found.push({
      code: R.deadLetterQueueMissing.code,
      prop: f.queueImported ? 'deadLetterQueue' : 'queue',
      value: f.queueImported ? 'is missing:' : 'has no dead-letter queue:',
      rule: 'a message that always fails is received again and again until it expires, keeping a worker busy and the backlog above zero',
      fix: R.deadLetterQueueMissing.fix,
    });
  }
  if (f.containerInsights === 'unknown') {
    found.push({
      code: R.containerInsightsUnknown.code,
      prop: 'service',
      value: '(imported cluster)',
      rule: 'runs on an imported cluster: whether Container Insights publishes RunningTaskCount cannot be read, and without it the backlog is divided by 1',
      fix: R.containerInsightsUnknown.fix,
    });
  }
  return found;
}

/** Runs every construction rule: errors go to `problems`, warnings are returned. */
export function checkScaling(facts: ScalingFacts, problems: ProblemCollector): ProblemInput[] {
  checkErrors(facts, problems);
  return checkWarnings(facts);
}
