import { PatternDescription, PRICING_SOURCES, SCALING_LIMITS } from '../../core';
import { QUEUE_DEPTH_SCALING_DEFAULTS as D } from './defaults';
import { QUEUE_DEPTH_SCALING_RULE_DEFINITIONS } from './rules';


/** QueueDepthScaling as the catalog and the command line present it. */
export const QUEUE_DEPTH_SCALING_PATTERN: PatternDescription = {
  name: 'QueueDepthScaling',
  summary: 'Scales an ECS service or an EC2 Auto Scaling group on the backlog per worker of an SQS queue: target tracking on metric math, '
    + 'a step policy that wakes the workers from zero, and workers that protect themselves from scale-in while they hold messages.',
  chooseWhen: [
    'Messages take seconds to hours to process, in containers or on instances (Lambda stops at 15 minutes; use QueueConsumer below that).',
    'You can state how long a message may take (acceptableLatency) and measure how long one takes to process.',
    'Not when processing must start within seconds of a send: SQS metrics are published once a minute, so scaling reacts in minutes.',
  ],
  rules: Object.values(QUEUE_DEPTH_SCALING_RULE_DEFINITIONS),
  defaults: [
    { prop: 'target backlog per worker', value: 'acceptableLatency ÷ messageProcessingTime × messagesInParallelPerWorker', why: 'AWS\'s backlog-per-instance method: a worker with that many messages ahead of it finishes the last one within the latency.', source: 'EC2 Auto Scaling user guide, scaling based on Amazon SQS (AWS-FACTS §6)' },
    { prop: 'countMessagesInFlight', value: D.countMessagesInFlight, why: 'A fleet busy on long messages reads ApproximateNumberOfMessagesVisible = 0; counting messages in flight keeps it from being scaled to zero while it works.', source: 'AWS-FACTS §13 (in-flight messages look like an empty queue)' },
    { prop: 'minCapacity', value: D.minCapacity, why: 'One warm worker: no cold start for the first message. Set 0 to scale to zero; a step policy wakes the workers.' },
    { prop: 'messagesInParallelPerWorker', value: D.messagesInParallelPerWorker, why: 'One message at a time is the simple worker loop; raise it when a worker processes several concurrently.' },
    { prop: 'workerStartupTime', value: `${D.ecsStartupTime.toSeconds()}s (ECS), ${D.asgStartupTime.toSeconds()}s (Auto Scaling group)`, why: 'Assumptions, not AWS figures: measure yours. Warm-up and cooldowns are derived from it.' },
    { prop: 'scaleOutCooldown', value: 'workerStartupTime + messageProcessingTime, at least 60s', why: 'A new worker changes the backlog only once it has started and processed a message; nothing is seen sooner than one metric period.' },
    { prop: 'scaleInCooldown', value: 'max(scaleOutCooldown, messageProcessingTime + 60s)', why: 'Scale in no faster than out, and let the stopped workers\' last messages finish and show in the metric.' },
    { prop: 'scale-in protection', value: 'granted, used by the worker loop', why: 'Scale-in would stop a worker in the middle of a message, which then reappears after its visibility timeout and is processed twice.', source: 'ECS developer guide, task scale-in protection; EC2 Auto Scaling SetInstanceProtection (AWS-FACTS §13)' },
    { prop: 'queue visibility timeout', value: `≥ ${D.visibilityTimeoutFactor} x messageProcessingTime`, why: 'A slower-than-average message still finishes before it reappears to another worker.' },
    { prop: 'enableContainerInsights', value: true, why: 'The backlog policy divides by Container Insights\' RunningTaskCount, which exists only when it is on.', source: 'Application Auto Scaling user guide, metric math example (AWS-FACTS §13)' },
    { prop: 'atMaxCapacityFor', value: D.atMaxCapacityFor.toHumanString(), why: 'Long enough to ride out a burst, short enough to act before the backlog is hours old.' },
    { prop: 'target tracking alarms', value: `${SCALING_LIMITS.targetTrackingHighDatapoints.min} of ${SCALING_LIMITS.targetTrackingHighDatapoints.min} above target to scale out, ${SCALING_LIMITS.targetTrackingLowDatapoints.min} of ${SCALING_LIMITS.targetTrackingLowDatapoints.min} below ${SCALING_LIMITS.targetTrackingLowThresholdPercent.min}% to scale in`, why: 'Made and owned by Auto Scaling, not by the pattern; the datapoint counts are believed, not stated by AWS.', source: SCALING_LIMITS.targetTrackingLowDatapoints.source },
  ],
  costs: [
    { item: 'Container Insights (ECS)', price: 'billed as custom metrics, per metric a month, for every cluster it is on', source: PRICING_SOURCES.cloudWatch },
    { item: 'Alarms (3 made by the pattern, 1 for scale from zero, 2 made by target tracking)', price: 'per metric each alarm reads, a month; metric math alarms read 2–4 metrics', source: PRICING_SOURCES.cloudWatch },
    { item: 'KMS key for the alarm topic (unless alarmTopic or encryptionKey is given)', price: '$1 per key per month', source: 'AWS KMS pricing page (figure not yet in AWS-FACTS)' },
  ],
};
