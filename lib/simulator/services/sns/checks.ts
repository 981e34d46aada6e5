import { validateFilterPolicy } from '../../../filter-policy';
import { SnsSubscription, SnsTopic } from './topic';
import { Check } from '../../world/world';

/**
 * A FIFO topic delivers to SQS queues only (AWS-FACTS §2.5): no policy makes a Lambda subscription work, the
 * function has to consume a queue subscribed in its place.
 */
const LAMBDA_ON_FIFO_TOPIC_FIX = 'Subscribe an SQS queue (FIFO, or standard if order and deduplication do not matter) to the FIFO topic instead, '
  + 'and consume that queue with the function through an event source mapping: TopicFanOut makes both with subscribers.<name>.consumer.';

/** A subscription whose every delivery would fail: queue policy, key policy, FIFO mismatch. */
export const undeliverableSubscription: Check = (world) =>
  world.all(SnsSubscription).filter((s) => s.refusal !== undefined).map((s) => ({
    code: 'decoupled-sim:subscription-undeliverable',
    severity: 'error',
    resources: [s.logicalId, s.queue?.logicalId ?? s.endpoint],
    message: `SNS can never deliver through ${s.logicalId}: ${s.refusal}`,
    fix: s.protocol === 'lambda' && world.byArnOf(s.topicArn, SnsTopic)?.fifo
      ? LAMBDA_ON_FIFO_TOPIC_FIX
      : 'Allow sns.amazonaws.com sqs:SendMessage in the queue policy with aws:SourceArn = the topic ARN, and, for an SSE-KMS queue, use a customer managed key whose policy lets sns.amazonaws.com call kms:GenerateDataKey* and kms:Decrypt.',
  }));

/** A subscription to an endpoint the simulator does not model (http, email, sms…): a scenario proves nothing about it. */
export const subscriptionNotSimulated: Check = (world) =>
  world.all(SnsSubscription).filter((s) => s.notSimulated !== undefined).map((s) => ({
    code: 'decoupled-sim:subscription-not-simulated',
    severity: 'warning',
    resources: [s.logicalId],
    message: `${s.logicalId} subscribes ${s.endpoint} with protocol ${s.protocol}, which the simulator does not deliver to: its deliveries are traced as sns.notSimulated`,
    fix: 'Test that endpoint with its own tests; the simulator models sqs and lambda subscriptions.',
  }));

export const undeliverableSubscriptionDeadLetterQueue: Check = (world) =>
  world.all(SnsSubscription).filter((s) => s.deadLetterRefusal !== undefined).map((s) => ({
    code: 'decoupled-sim:subscription-dlq-undeliverable',
    severity: 'error',
    resources: [s.logicalId, s.deadLetterQueue?.logicalId ?? s.deadLetterTargetArn!],
    message: `failed deliveries of ${s.logicalId} cannot reach its dead-letter queue: ${s.deadLetterRefusal}`,
    fix: 'Give the subscription DLQ the same queue policy and key policy grants as the subscribed queue.',
  }));

export const subscriptionWithoutDeadLetterQueue: Check = (world) =>
  world.all(SnsSubscription).filter((s) => s.protocol === 'sqs' && !s.deadLetterTargetArn).map((s) => ({
    code: 'decoupled-sim:subscription-without-dlq',
    severity: 'warning',
    resources: [s.logicalId],
    message: `${s.logicalId} has no dead-letter queue: a delivery that fails is lost`,
    fix: 'Set a RedrivePolicy (deadLetterQueue in aws-cdk-lib) on the subscription.',
  }));

export const queueSubscribedTwice: Check = (world) =>
  world.all(SnsSubscription).filter((s) => s.sameAs !== undefined).map((s) => {
    const first = s.sameAs!;
    const endpoint = s.queue?.logicalId ?? s.endpoint;
    const conflict = s.conflictingAttributes.length > 0;
    return {
      code: 'decoupled-sim:queue-subscribed-twice',
      severity: conflict ? 'error' as const : 'warning' as const,
      resources: [s.logicalId, first.logicalId],
      message: conflict
        ? `${endpoint} is subscribed twice to the same topic with different ${s.conflictingAttributes.join(', ')} (${first.logicalId}, ${s.logicalId}): SNS refuses ${s.logicalId} ("Subscription already exists with different attributes"), so the deployment fails; the simulator delivers through ${first.logicalId} only`
        : `${endpoint} is subscribed twice to the same topic (${first.logicalId}, ${s.logicalId}): SNS's Subscribe is idempotent, so both resources are one subscription and a message arrives once; deleting either resource unsubscribes both`,
      fix: 'Keep one subscription per topic and endpoint; to match more messages, combine the filter policies with $or.',
    };
  });

export const invalidFilterPolicy: Check = (world) =>
  world.all(SnsSubscription).filter((s) => s.filterPolicy).flatMap((s) =>
    validateFilterPolicy(s.filterPolicy!, s.filterScope).map((problem) => ({
      code: 'decoupled-sim:invalid-filter-policy',
      severity: 'error' as const,
      resources: [s.logicalId],
      message: `SNS would reject the filter policy of ${s.logicalId}: ${problem}`,
      fix: 'Change the filter policy so it meets the SNS constraints.',
    })));

export const fifoTopicToStandardQueue: Check = (world) =>
  world.all(SnsSubscription).filter((s) => s.queue && !s.queue.fifo && world.byArnOf(s.topicArn, SnsTopic)?.fifo).map((s) => ({
    code: 'decoupled-sim:fifo-topic-standard-queue',
    severity: 'warning' as const,
    resources: [s.logicalId, s.queue!.logicalId],
    message: `${s.logicalId} delivers a FIFO topic to the standard queue ${s.queue!.logicalId}: order and exactly-once processing are lost`,
    fix: 'Subscribe a FIFO queue to the FIFO topic.',
  }));

/** A subscription to another stack's topic: the simulation of this stack alone never delivers through it. */
export const subscriptionTopicOutsideTemplate: Check = (world) =>
  world.all(SnsSubscription).filter((s) => s.unresolvedTopic !== undefined).map((s) => ({
    code: 'decoupled-sim:subscription-topic-outside-template',
    severity: 'warning' as const,
    resources: [s.logicalId],
    message: `${s.logicalId} subscribes ${s.endpoint} to a topic known only at deploy time (${s.unresolvedTopic}): nothing in this simulation publishes to it, and its queue policy is not checked`,
    fix: 'Simulate the stack that owns the topic as well, or send to the subscribed queue directly to play its messages.',
  }));

/** In the order findings() lists them within a severity. */
export const SNS_CHECKS: readonly Check[] = [
  undeliverableSubscription, undeliverableSubscriptionDeadLetterQueue, invalidFilterPolicy, queueSubscribedTwice, fifoTopicToStandardQueue,
  subscriptionWithoutDeadLetterQueue, subscriptionNotSimulated, subscriptionTopicOutsideTemplate,
];
