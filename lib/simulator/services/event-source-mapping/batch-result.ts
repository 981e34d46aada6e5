import { LAMBDA_LIMITS } from '../../../core/limits';
import { FunctionError } from '../lambda/handler';

/**
 * What Lambda makes of an SQS batch's invocation (AWS-FACTS §4, "ReportBatchItemFailures"; Lambda developer
 * guide, "Handling errors for an SQS event source"):
 *
 * | invocation | ReportBatchItemFailures | response | outcome |
 * | --- | --- | --- | --- |
 * | error or timeout | either | – | whole batch fails |
 * | ok | off | anything | whole batch succeeds (a `batchItemFailures` list is ignored) |
 * | ok | on | null / undefined, `{}`, `{ batchItemFailures: null }`, `{ batchItemFailures: [] }` | whole batch succeeds |
 * | ok | on | `{ batchItemFailures: [{ itemIdentifier: <id of a record> }, …] }` | only those fail |
 * | ok | on | not a JSON object (string, number, array), not serializable, `batchItemFailures` not a list | whole batch fails |
 * | ok | on | an item that is not an object, without `itemIdentifier` (a wrong key name), with a null or empty one, or with an id not in the batch | whole batch fails |
 *
 * A response larger than the 6 MB synchronous payload limit is an invocation error, so the batch fails.
 */
export type BatchOutcome =
  | { readonly kind: 'success' }
  | { readonly kind: 'partial'; readonly failed: ReadonlySet<string> }
  | { readonly kind: 'failure'; readonly reason: string };

const SUCCESS: BatchOutcome = { kind: 'success' };

/** `messageIds` is asked for only when a partial response must be checked (most batches never build the set). */
export function batchOutcome(error: FunctionError | undefined, response: unknown, reportBatchItemFailures: boolean, messageIds: () => ReadonlySet<string>): BatchOutcome {
  if (error) return { kind: 'failure', reason: `the function failed: ${error.errorType}: ${error.errorMessage}` };
  if (response === undefined || response === null) return SUCCESS;
  const tooLarge = responseTooLarge(response);
  if (tooLarge) return { kind: 'failure', reason: tooLarge };
  if (!reportBatchItemFailures) return SUCCESS;
  if (typeof response !== 'object' || Array.isArray(response)) {
    return { kind: 'failure', reason: `the response ${JSON.stringify(response)} is not a JSON object with batchItemFailures` };
  }
  const failures = (response as { batchItemFailures?: unknown }).batchItemFailures;
  if (failures === undefined || failures === null) return SUCCESS;
  if (!Array.isArray(failures)) return { kind: 'failure', reason: 'batchItemFailures is not a list' };
  if (failures.length === 0) return SUCCESS;
  const failed = new Set<string>();
  const ids = messageIds();
  for (const item of failures) {
    if (item === null || typeof item !== 'object' || !('itemIdentifier' in item)) {
      return { kind: 'failure', reason: `the batch item failure ${JSON.stringify(item)} has no itemIdentifier` };
    }
    const id = (item as { itemIdentifier: unknown }).itemIdentifier;
    if (id === null || id === undefined || id === '') return { kind: 'failure', reason: `an itemIdentifier is ${JSON.stringify(id) ?? 'undefined'}` };
    if (typeof id !== 'string' || !ids.has(id)) return { kind: 'failure', reason: `the itemIdentifier ${JSON.stringify(id)} is not the messageId of a record in the batch` };
    failed.add(id);
  }
  return { kind: 'partial', failed };
}

/** Why the response could not be returned: not serializable as JSON, or over the 6 MB limit. */
function responseTooLarge(response: unknown): string | undefined {
  let json: string | undefined;
  try {
    json = JSON.stringify(response);
  } catch (e) {
    return `the response is not valid JSON (${(e as Error).message})`;
  }
  const max = LAMBDA_LIMITS.syncPayload.max;
  if (json !== undefined && json.length > max / 3 && Buffer.byteLength(json, 'utf8') > max) {
    return `the response is ${Buffer.byteLength(json, 'utf8')} bytes; a synchronous response is at most ${max}`;
  }
  return undefined;
}
