import { SimulationWorld } from '../services/registry';
import { Check, Finding } from './finding';
import { LAMBDA_CHECKS } from './lambda-checks';
import { deadLetterQueueRetentionShorter, deadLetterQueueTypeMismatch, queueKeyOutsideTemplate, redriveNotAllowed, severalQueuePolicies } from './queue-checks';
import {
  fifoTopicToStandardQueue, invalidFilterPolicy, queueSubscribedTwice, subscriptionWithoutDeadLetterQueue, undeliverableSubscription,
  undeliverableSubscriptionDeadLetterQueue, subscriptionNotSimulated,
} from './subscription-checks';

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
