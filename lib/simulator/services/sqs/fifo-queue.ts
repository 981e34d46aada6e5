import { createHash } from 'crypto';
import { SqsMessage, SqsMessageAttributes, StoredBody, storedBodyMaxLength, storedBodyText } from './message';
import { SqsQueue } from './queue';
import { SqsFailure } from './queue-api';
import { checkSize } from './standard-queue';

/** A FIFO message group: its messages in order (in flight, visible and delayed), and whether it is locked. */
class MessageGroup {
  public head: SqsMessage | undefined = undefined;
  public tail: SqsMessage | undefined = undefined;
  public inFlight = 0;
  /** Whether the group sits in the queue's list of groups to look at on the next receive. */
  public queued = false;
  constructor(public readonly id: string) {}
}

/**
 * A FIFO queue: strict order per message group, a group locked while any of its messages is in flight,
 * 5-minute deduplication by explicit id or SHA-256 of the body (AWS-FACTS §1.6).
 *
 * Groups that may have something to receive wait in a deque; a receive looks only at those, so it never
 * scans the queue, and a group's messages stay in one linked list so a returning message keeps its place.
 */
export class SqsFifoQueue extends SqsQueue {
  private readonly groups = new Map<string, MessageGroup>();
  private ready: MessageGroup[] = [];
  private readyHead = 0;

  public get visible(): SqsMessage[] {
    const out: SqsMessage[] = [];
    for (const g of this.groups.values()) for (let m = g.head; m; m = m.next) if (m.state === 'visible') out.push(m);
    return out;
  }

  /** How many groups have a message in flight (ApproximateNumberOfGroupsWithInflightMessages). */
  public get groupsWithInFlightMessages(): number {
    let n = 0;
    for (const g of this.groups.values()) if (g.inFlight > 0) n++;
    return n;
  }

  protected checkSend(body: StoredBody, bodyKey: string, attributes: SqsMessageAttributes | undefined, delayMs: number | undefined,
    groupId: string | undefined, deduplicationId: string | undefined): SqsFailure | undefined {
    if (storedBodyMaxLength(body, bodyKey) === 0) return { ok: false, code: 'MissingParameter', reason: 'the message body must have at least 1 character' };
    if (groupId === undefined) return { ok: false, code: 'MissingParameter', reason: 'a FIFO queue needs a MessageGroupId on every message' };
    if (delayMs !== undefined) {
      return { ok: false, code: 'InvalidParameterValue', reason: 'FIFO queues do not support a per-message DelaySeconds; only the queue-level delay applies' };
    }
    if (deduplicationId === undefined && !this.settings.contentBasedDeduplication) {
      return { ok: false, code: 'InvalidParameterValue', reason: 'the queue has no ContentBasedDeduplication, so each message needs a MessageDeduplicationId' };
    }
    return checkSize(body, bodyKey, attributes, this.settings.maximumMessageSize);
  }

  protected deduplicationIdOf(body: StoredBody, bodyKey: string, deduplicationId: string | undefined): string {
    return deduplicationId ?? createHash('sha256').update(storedBodyText(body, bodyKey), 'utf8').digest('hex');
  }

  protected addToGroup(m: SqsMessage): void {
    let g = this.groups.get(m.groupId!);
    if (!g) {
      g = new MessageGroup(m.groupId!);
      this.groups.set(g.id, g);
    }
    m.prev = g.tail;
    m.next = undefined;
    if (g.tail) g.tail.next = m;
    else g.head = m;
    g.tail = m;
  }

  protected removeFromGroup(m: SqsMessage): void {
    const g = this.groups.get(m.groupId!)!;
    if (m.prev) m.prev.next = m.next;
    else g.head = m.next;
    if (m.next) m.next.prev = m.prev;
    else g.tail = m.prev;
    m.prev = m.next = undefined;
    if (!g.head) this.groups.delete(g.id);
    else this.offer(g);
  }

  protected enqueueVisible(m: SqsMessage): void {
    this.offer(this.groups.get(m.groupId!)!);
  }

  protected removeVisible(): void {
    // The message stays in its group's list; the group's lock (inFlight) is what hides the rest.
  }

  protected enterInFlight(m: SqsMessage): void {
    this.groups.get(m.groupId!)!.inFlight++;
  }

  protected leaveInFlight(m: SqsMessage): void {
    const g = this.groups.get(m.groupId!)!;
    g.inFlight--;
    this.offer(g);
  }

  public peekVisible(skipped: ReadonlySet<SqsMessage>): SqsMessage | undefined {
    // A skipped head holds its group back (order within a group), so the next candidate is another group's head.
    for (let i = this.readyHead; i < this.ready.length; i++) {
      const g = this.ready[i];
      if (g.queued && this.available(g) && !skipped.has(g.head!)) return g.head;
    }
    return undefined;
  }

  protected takeVisible(max: number, out: SqsMessage[]): void {
    while (out.length < max && this.readyHead < this.ready.length) {
      const g = this.ready[this.readyHead++];
      g.queued = false;
      if (!this.available(g)) continue;
      // Several messages of one group may come back together, in order, as on AWS.
      for (let m = g.head; m && m.state === 'visible' && out.length < max; m = m.next) out.push(m);
    }
    if (this.readyHead > 1024 && this.readyHead * 2 > this.ready.length) {
      this.ready = this.ready.slice(this.readyHead);
      this.readyHead = 0;
    }
  }

  private available(g: MessageGroup): boolean {
    return g.inFlight === 0 && g.head !== undefined && g.head.state === 'visible' && this.groups.get(g.id) === g;
  }

  /** Puts a group in the ready deque if it has a visible head and nothing in flight. */
  private offer(g: MessageGroup): void {
    if (g.queued || !this.available(g)) return;
    g.queued = true;
    this.ready.push(g);
  }
}
