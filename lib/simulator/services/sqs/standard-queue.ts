import { SQS_LIMITS } from '../../../core/limits';
import { SqsMessage, SqsMessageAttributes, StoredBody, storedBodyMaxLength, storedBodyText } from './message';
import { SqsQueue } from './queue';
import { SqsFailure } from './queue-api';
import { messageSize } from './size';

/**
 * A standard queue: visible messages in one linked list, oldest first, so a receive never scans the queue.
 * Best-effort order and at-least-once duplicates are off unless the simulation's options turn them on.
 */
export class SqsStandardQueue extends SqsQueue {
  private head: SqsMessage | undefined = undefined;
  private tail: SqsMessage | undefined = undefined;

  public get visible(): SqsMessage[] {
    const out: SqsMessage[] = [];
    for (let m = this.head; m; m = m.next) out.push(m);
    return out;
  }

  protected checkSend(body: StoredBody, bodyKey: string, attributes: SqsMessageAttributes | undefined, delayMs: number | undefined): SqsFailure | undefined {
    if (storedBodyMaxLength(body, bodyKey) === 0) return { ok: false, code: 'MissingParameter', reason: 'the message body must have at least 1 character' };
    if (delayMs !== undefined && (delayMs < 0 || delayMs > SQS_LIMITS.delaySeconds.max * 1000)) {
      return { ok: false, code: 'InvalidParameterValue', reason: `DelaySeconds must be 0–${SQS_LIMITS.delaySeconds.max}, got ${delayMs / 1000}` };
    }
    return checkSize(body, bodyKey, attributes, this.settings.maximumMessageSize);
  }

  protected deduplicationIdOf(): string | undefined {
    return undefined;
  }

  protected enqueueVisible(m: SqsMessage): void {
    m.next = undefined;
    m.prev = this.tail;
    if (this.tail) this.tail.next = m;
    else this.head = m;
    this.tail = m;
  }

  protected removeVisible(m: SqsMessage): void {
    if (m.prev) m.prev.next = m.next;
    else this.head = m.next;
    if (m.next) m.next.prev = m.prev;
    else this.tail = m.prev;
    m.prev = m.next = undefined;
  }

  public peekVisible(skipped: ReadonlySet<SqsMessage>): SqsMessage | undefined {
    let m = this.head;
    while (m && skipped.has(m)) m = m.next;
    return m;
  }

  protected takeVisible(max: number, out: SqsMessage[]): void {
    if (!this.runtime.standardQueues.reorder) {
      for (let m = this.head; m && out.length < max; m = m.next) out.push(m);
      return;
    }
    // Best-effort order: pick from a window twice the request, shuffled by the seed.
    const window: SqsMessage[] = [];
    for (let m = this.head; m && window.length < max * 2; m = m.next) window.push(m);
    for (let i = window.length - 1; i > 0; i--) {
      const j = this.runtime.random.int(i + 1);
      [window[i], window[j]] = [window[j], window[i]];
    }
    out.push(...window.slice(0, max));
  }
}

/** Rejects a message larger than MaximumMessageSize (body and attributes count). */
export function checkSize(body: StoredBody, bodyKey: string, attributes: SqsMessageAttributes | undefined, maximum: number): SqsFailure | undefined {
  // A UTF-16 code unit is at most 3 UTF-8 bytes: a message whose upper bound fits needs no byte count (nor its body built).
  let bound = storedBodyMaxLength(body, bodyKey) * 3;
  if (attributes) for (const name in attributes) bound += (name.length + 16 + (attributes[name].StringValue ?? attributes[name].BinaryValue ?? '').length) * 3;
  if (bound <= maximum) return undefined;
  const size = messageSize(storedBodyText(body, bodyKey), attributes);
  if (size <= maximum) return undefined;
  return { ok: false, code: 'InvalidParameterValue', reason: `the message is ${size} bytes; the queue's MaximumMessageSize is ${maximum} bytes` };
}
