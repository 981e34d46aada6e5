import { Duration } from 'aws-cdk-lib';
import { SCALING_LIMITS, SQS_LIMITS } from '../../core';

/** The defaults of a QueueDepthScaling that are choices of this library (AWS's own live in lib/core/limits.ts). */
export const QUEUE_DEPTH_SCALING_DEFAULTS = {
  messagesInParallelPerWorker: 1,
  /** One warm worker: no cold start on the first message, as aws-ecs-patterns users are used to. */
  minCapacity: 1,
  countMessagesInFlight: true,
  /**
   * Assumption, not an AWS figure: a Fargate task pulling a small image starts in about a minute, an EC2
   * instance boots and starts its worker in about five. Set workerStartupTime to what you measure.
   */
  ecsStartupTime: Duration.seconds(60),
  asgStartupTime: Duration.seconds(300),
  /** Every metric the policies read is published once a minute (SQS, Container Insights, group metrics). */
  metricPeriod: Duration.seconds(SCALING_LIMITS.sqsMetricPeriod.min),
  /**
   * The visibility timeout must be at least this many times the processing time: a message that takes
   * longer than usual still finishes before it reappears to another worker (and is processed twice).
   */
  visibilityTimeoutFactor: 2,
  atMaxCapacityFor: Duration.minutes(15),
} as const;

/** The range of `messagesInParallelPerWorker`: a worker cannot hold more than the queue's in-flight limit. */
export const PARALLELISM_RANGE = {
  ...SQS_LIMITS.inFlightStandard,
  name: 'messages in flight per worker',
  min: 1,
};
