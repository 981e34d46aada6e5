import { Duration } from 'aws-cdk-lib';
import { QUEUE_DEPTH_SCALING_DEFAULTS as D } from './defaults';
import { exactMillis } from '../../core';

/**
 * The backlog per worker to hold: acceptable latency ÷ processing time per message × messages in parallel
 * (AWS's "backlog per instance" method, AWS-FACTS §6). 2 minutes at 4 s per message, one at a time: 30.
 * Rounded down to two decimals, so the fleet errs on the side of one more worker.
 */
export function targetBacklogPerWorker(acceptableLatency: Duration, messageProcessingTime: Duration, parallel: number): number {
  const exact = (exactMillis(acceptableLatency) / exactMillis(messageProcessingTime)) * parallel;
  return Math.floor(exact * 100 + 1e-9) / 100;
}

/** Whole seconds, rounded up: a cooldown shorter than the time it stands for would let scaling act too soon. */
function ceilSeconds(ms: number): Duration {
  return Duration.seconds(Math.ceil(ms / 1000));
}

/** The timings the policies are given, derived from how long a worker takes to start and to process a message. */
export interface ScalingTimings {
  /** From launch until a new worker has processed its first message and shows in the metrics. */
  readonly warmUp: Duration;
  readonly scaleOutCooldown: Duration;
  readonly scaleInCooldown: Duration;
}

/**
 * A new worker changes the backlog only once it has started and processed a message: that is its warm-up,
 * and the scale-out cooldown (at least one metric period, since nothing newer can be seen). A scale-in waits
 * at least as long, and long enough for the stopped workers' last messages to finish and the metric to show it.
 */
export function scalingTimings(startup: Duration, messageProcessingTime: Duration, overrides: {
  readonly scaleOutCooldown?: Duration;
  readonly scaleInCooldown?: Duration;
}): ScalingTimings {
  const period = exactMillis(D.metricPeriod);
  const warmUp = ceilSeconds(exactMillis(startup) + exactMillis(messageProcessingTime));
  const scaleOutCooldown = overrides.scaleOutCooldown ?? ceilSeconds(Math.max(period, exactMillis(warmUp)));
  const scaleInCooldown = overrides.scaleInCooldown
    ?? ceilSeconds(Math.max(exactMillis(scaleOutCooldown), exactMillis(messageProcessingTime) + period));
  return { warmUp, scaleOutCooldown, scaleInCooldown };
}

/** The shortest visibility timeout that leaves a message's processing its margin. */
export function requiredVisibilityTimeout(messageProcessingTime: Duration): Duration {
  return ceilSeconds(exactMillis(messageProcessingTime) * D.visibilityTimeoutFactor);
}
