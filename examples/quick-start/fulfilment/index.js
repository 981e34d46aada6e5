'use strict';

/**
 * Fulfils placed orders from SQS (raw delivery: the body is the published order). An order without a sku is
 * reported as a batch item failure: it is retried, and after maxReceiveCount receives it is dead-lettered.
 */
exports.handler = async (event) => {
  const batchItemFailures = [];
  for (const record of event.Records) {
    const order = JSON.parse(record.body);
    if (typeof order.sku !== 'string') batchItemFailures.push({ itemIdentifier: record.messageId });
  }
  return { batchItemFailures };
};
