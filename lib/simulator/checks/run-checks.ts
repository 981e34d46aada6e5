import { SimulationWorld } from '../world/world';
import { Check, Finding } from './finding';
import { LAMBDA_CHECKS } from '../services/event-source-mapping/checks';
import { deadLetterQueueRetentionShorter, deadLetterQueueTypeMismatch, queueKeyOutsideTemplate, redriveNotAllowed, severalQueuePolicies } from '../services/sqs/checks';
import {
  fifoTopicToStandardQueue, invalidFilterPolicy, queueSubscribedTwice, subscriptionWithoutDeadLetterQueue, undeliverableSubscription,
  undeliverableSubscriptionDeadLetterQueue, subscriptionNotSimulated,
} from '../services/sns/checks';

const CHECKS: Check[] = [
  undeliverableSubscription, undeliverableSubscriptionDeadLetterQueue, invalidFilterPolicy, queueSubscribedTwice, fifoTopicToStandardQueue,
  subscriptionWithoutDeadLetterQueue, subscriptionNotSimulated, deadLetterQueueTypeMismatch, redriveNotAllowed, deadLetterQueueRetentionShorter, severalQueuePolicies, queueKeyOutsideTemplate,
  ...LAMBDA_CHECKS,
];

/** Every finding of every check, errors first. */
export function runChecks(world: SimulationWorld): Finding[] {
  const all = CHECKS.flatMap((check) => check(world));
  return [...all.filter((f) => f.severity === 'error'), ...all.filter((f) => f.severity === 'warning')];
}
