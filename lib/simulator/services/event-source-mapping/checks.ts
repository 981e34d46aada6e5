import { SQS_EVENT_SOURCE_LIMITS } from '../../../core/limits';
import { LambdaFunction } from '../lambda/function';
import { mappedQueues } from './facade';
import { EventSourceMappingModel } from './mapping-model';
import { Finding } from '../../checks/finding';
import { Check } from '../../world/world';

const FACTOR = SQS_EVENT_SOURCE_LIMITS.visibilityTimeoutFactor.min;
const MIN_RECEIVES = SQS_EVENT_SOURCE_LIMITS.recommendedMaxReceiveCount.min;

/** AWS refuses a mapping whose function timeout exceeds the queue's visibility timeout; below 6x it warns of duplicates (AWS-FACTS §4). */
export const visibilityTimeoutTooShort: Check = (world) => mappedQueues(world).flatMap(({ mapping, queue, fn }): Finding[] => {
  const visibility = queue.settings.visibilityTimeoutMs / 1000;
  const timeout = fn.settings.timeoutMs / 1000;
  const window = queue.fifo ? 0 : mapping.settings.maximumBatchingWindowMs / 1000;
  const recommended = FACTOR * timeout + window;
  if (visibility < timeout) {
    return [{
      code: 'decoupled-sim:visibility-shorter-than-function-timeout',
      severity: 'error',
      resources: [queue.logicalId, fn.logicalId, mapping.logicalId],
      message: `${queue.logicalId}'s visibility timeout (${visibility}s) is shorter than ${fn.logicalId}'s timeout (${timeout}s): Lambda rejects the event source mapping ${mapping.logicalId} at deploy, and a slow invocation would see its messages delivered again while it runs`,
      fix: `Raise the visibility timeout to at least ${recommended}s (${FACTOR} x ${timeout}s${window ? ` + the ${window}s batching window` : ''}), or lower the function timeout.`,
    }];
  }
  if (visibility < recommended) {
    return [{
      code: 'decoupled-sim:visibility-below-6x-function-timeout',
      severity: 'warning',
      resources: [queue.logicalId, fn.logicalId, mapping.logicalId],
      message: `${queue.logicalId}'s visibility timeout (${visibility}s) is less than ${FACTOR} x ${fn.logicalId}'s timeout${window ? ' plus the batching window' : ''} (${recommended}s): throttled batches have little time to be retried before their messages return`,
      fix: `Raise the visibility timeout to at least ${recommended}s.`,
    }];
  }
  return [];
});

export const mappingPermissionMissing: Check = (world) => mappedQueues(world).filter(({ mapping }) => mapping.missingPermissions.length > 0).map(({ mapping, queue, fn }) => ({
  code: 'decoupled-sim:mapping-permission-missing',
  severity: 'error' as const,
  resources: [fn.logicalId, mapping.logicalId, queue.logicalId],
  message: `the event source mapping ${mapping.logicalId} cannot read ${queue.logicalId}: ${fn.logicalId}'s role lacks ${mapping.missingPermissions.map((p) => `${p.action} on ${p.resource} (${p.reason})`).join('; ')}`,
  fix: `Grant the function's role ${mapping.missingPermissions.map((p) => p.action).join(', ')} on ${queue.logicalId}${mapping.missingPermissions.some((p) => p.action === 'kms:Decrypt') ? ' and its key' : ''} (queue.grantConsumeMessages(fn) does both).`,
}));

export const maxReceiveCountTooLow: Check = (world) => mappedQueues(world).filter(({ queue }) => queue.settings.redrive && queue.settings.redrive.maxReceiveCount < MIN_RECEIVES).map(({ queue, fn }) => ({
  code: 'decoupled-sim:lambda-max-receive-count-low',
  severity: 'warning' as const,
  resources: [queue.logicalId, fn.logicalId],
  message: `${queue.logicalId} is consumed by ${fn.logicalId} with maxReceiveCount ${queue.settings.redrive!.maxReceiveCount}: receives of throttled batches count too, so messages can reach the DLQ without ever being processed`,
  fix: `Set maxReceiveCount to at least ${MIN_RECEIVES}.`,
}));

/** Reserved concurrency below what the mappings may run throttles them: messages go back and count receives. */
export const reservedBelowMaximumConcurrency: Check = (world) => {
  const byFunction = new Map<LambdaFunction, number>();
  for (const { mapping, fn } of mappedQueues(world)) {
    const max = mapping.settings.maximumConcurrency;
    if (max !== undefined) byFunction.set(fn, (byFunction.get(fn) ?? 0) + max);
  }
  return [...byFunction].filter(([fn, total]) => fn.reservedConcurrency !== undefined && fn.reservedConcurrency < total).map(([fn, total]) => ({
    code: 'decoupled-sim:reserved-below-maximum-concurrency',
    severity: 'warning' as const,
    resources: [fn.logicalId],
    message: `${fn.logicalId} reserves ${fn.reservedConcurrency} concurrent executions but its event source mappings may run ${total} batches at once: the excess is throttled, and each throttled batch's messages return to the queue with a receive counted`,
    fix: `Reserve at least ${total}, or lower MaximumConcurrency to ${fn.reservedConcurrency}.`,
  }));
};

export const lambdaQueueWithoutDeadLetterQueue: Check = (world) => mappedQueues(world).filter(({ queue }) => !queue.settings.redrive).map(({ queue, fn }) => ({
  code: 'decoupled-sim:lambda-queue-without-dlq',
  severity: 'warning' as const,
  resources: [queue.logicalId, fn.logicalId],
  message: `${queue.logicalId} has no redrive policy: a message ${fn.logicalId} always fails is retried until the retention period ends, at every visibility timeout`,
  fix: 'Give the queue a dead-letter queue (RedrivePolicy with maxReceiveCount 5 or more).',
}));

/** Settings CreateEventSourceMapping refuses for an SQS source (AWS-FACTS §4: BatchSize, batching window, MaximumConcurrency). */
export const mappingSettingsRejected: Check = (world) => mappedQueues(world).flatMap(({ mapping, queue }): Finding[] => {
  const s = mapping.settings;
  const window = s.maximumBatchingWindowMs / 1000;
  const limits = SQS_EVENT_SOURCE_LIMITS;
  const problems: string[] = [];
  const batchLimit = queue.fifo ? limits.batchSizeFifo : limits.batchSizeStandard;
  if (s.batchSize < batchLimit.min || s.batchSize > batchLimit.max) problems.push(`BatchSize ${s.batchSize} is outside ${batchLimit.min}–${batchLimit.max} for a ${queue.fifo ? 'FIFO' : 'standard'} queue`);
  if (!queue.fifo && s.batchSize > limits.batchSizeWithoutWindow.max && window < 1) problems.push(`BatchSize ${s.batchSize} above ${limits.batchSizeWithoutWindow.max} needs MaximumBatchingWindowInSeconds of at least 1`);
  if (queue.fifo && window > 0) problems.push('a FIFO queue takes no MaximumBatchingWindowInSeconds');
  if (window > limits.maximumBatchingWindow.max) problems.push(`MaximumBatchingWindowInSeconds ${window} is above ${limits.maximumBatchingWindow.max}`);
  const max = s.maximumConcurrency;
  if (max !== undefined && (max < limits.maximumConcurrency.min || max > limits.maximumConcurrency.max)) {
    problems.push(`MaximumConcurrency ${max} is outside ${limits.maximumConcurrency.min}–${limits.maximumConcurrency.max}`);
  }
  return problems.map((problem) => ({
    code: 'decoupled-sim:mapping-settings-rejected',
    severity: 'error' as const,
    resources: [mapping.logicalId, queue.logicalId],
    message: `Lambda rejects the event source mapping ${mapping.logicalId}: ${problem}`,
    fix: 'Change the mapping\'s settings to values Lambda accepts for this queue type (the simulator runs them as given).',
  }));
});

/** A mapping the simulation cannot run (a queue of another stack, a stream): a scenario proves nothing about it. */
export const mappingNotSimulated: Check = (world) => world.all(EventSourceMappingModel).filter((m) => m.notSimulated !== undefined).map((m) => ({
  code: 'decoupled-sim:mapping-not-simulated',
  severity: 'warning' as const,
  resources: [m.logicalId],
  message: `the event source mapping ${m.logicalId} is not simulated: ${m.notSimulated}`,
  fix: 'Simulate the stack that owns the event source as well, or invoke the function directly (sim.invokeAsync) to play its events.',
}));

/** In the order findings() lists them within a severity. */
export const MAPPING_CHECKS: readonly Check[] = [
  visibilityTimeoutTooShort, mappingPermissionMissing, mappingSettingsRejected, maxReceiveCountTooLow, reservedBelowMaximumConcurrency,
  lambdaQueueWithoutDeadLetterQueue, mappingNotSimulated,
];
