'use strict';

/**
 * Settles payment requests from SQS. A partial batch response: only the messages listed in
 * `batchItemFailures` become visible again for a retry; the rest of the batch is deleted.
 * After `maxReceiveCount` failed receives a message moves to the dead-letter queue.
 *
 * A message body is JSON: { "paymentId": "p-1", "amount": 42.5, "currency": "EUR" }.
 */

const CURRENCIES = new Set(['EUR', 'USD', 'GBP']);

/** Throws when a payment cannot be settled; the message is then retried, and dead-lettered in the end. */
function settle(payment) {
  if (typeof payment.paymentId !== 'string' || payment.paymentId === '') throw new Error('paymentId is missing');
  if (typeof payment.amount !== 'number' || !(payment.amount > 0)) throw new Error(`amount ${payment.amount} is not a positive number`);
  if (!CURRENCIES.has(payment.currency)) throw new Error(`currency ${payment.currency} is not supported`);
  return { paymentId: payment.paymentId, settled: payment.amount, currency: payment.currency };
}

exports.handler = async (event) => {
  const batchItemFailures = [];
  for (const record of event.Records) {
    try {
      const result = settle(JSON.parse(record.body));
      console.log(JSON.stringify({ message: 'settled', messageId: record.messageId, ...result }));
    } catch (error) {
      console.error(JSON.stringify({
        message: 'not settled',
        messageId: record.messageId,
        receiveCount: record.attributes && record.attributes.ApproximateReceiveCount,
        error: String(error && error.message),
      }));
      // The messageId is the item identifier Lambda expects; anything else fails the whole batch.
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
};
