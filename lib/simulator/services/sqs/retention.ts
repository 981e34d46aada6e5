import { Clock, Timer, TimerPriority } from '../../clock';
import { SqsMessage } from './message';

/**
 * A queue's visible messages in the order retention deletes them, with one clock timer at the earliest expiry.
 *
 * Visible messages are most of a backlog. Keeping their retention off the clock's heap makes a send an append
 * here (a new message expires last) and a receive or delete an unlink, instead of heap sifts over every stored
 * message. Delayed and in-flight messages are not here: their own timer covers their expiry.
 *
 * The timer may run early: when the oldest message leaves (received or deleted), it stays where it was rather
 * than moving (a heap sift per receive); when it fires early it expires nothing and moves to the oldest message
 * then. It is cancelled when no visible message is left, so an idle queue leaves nothing on the clock.
 */
export class RetentionIndex implements Timer {
  public time = 0;
  public priority: number = TimerPriority.expiry;
  public seq = 0;
  public heapIndex = -1;
  private oldest: SqsMessage | undefined = undefined;
  private newest: SqsMessage | undefined = undefined;
  private expiring = false;

  constructor(
    private readonly clock: Clock,
    /** Deletes an expired message from the queue (which calls `remove`). */
    private readonly expire: (m: SqsMessage) => void,
  ) {}

  /** The visible message that expires first: the one enqueued earliest. */
  public get first(): SqsMessage | undefined {
    return this.oldest;
  }

  public add(m: SqsMessage): void {
    const newest = this.newest;
    if (!newest || newest.expiresAt <= m.expiresAt) {
      this.linkAfter(m, newest);
    } else if (m.expiresAt - this.oldest!.expiresAt < newest.expiresAt - m.expiresAt) {
      // A message back from flight or moved in from a source queue is usually among the oldest: walk from that end.
      let before: SqsMessage | undefined = undefined;
      for (let c = this.oldest; c && c.expiresAt <= m.expiresAt; c = c.later) before = c;
      this.linkAfter(m, before);
    } else {
      let before: SqsMessage | undefined = newest;
      while (before && before.expiresAt > m.expiresAt) before = before.earlier;
      this.linkAfter(m, before);
    }
  }

  public remove(m: SqsMessage): void {
    if (m.earlier) m.earlier.later = m.later;
    else this.oldest = m.later;
    if (m.later) m.later.earlier = m.earlier;
    else this.newest = m.earlier;
    m.earlier = m.later = undefined;
    if (!this.oldest && !this.expiring) this.clock.cancel(this);
  }

  public fire(clock: Clock): void {
    this.expiring = true;
    for (let m = this.oldest; m && m.expiresAt <= clock.now; m = this.oldest) this.expire(m);
    this.expiring = false;
    this.reschedule();
  }

  private linkAfter(m: SqsMessage, before: SqsMessage | undefined): void {
    const after = before ? before.later : this.oldest;
    m.earlier = before;
    m.later = after;
    if (before) before.later = m;
    else this.oldest = m;
    if (after) after.earlier = m;
    else this.newest = m;
    if (m === this.oldest && !this.expiring && (this.heapIndex < 0 || this.time > m.expiresAt)) this.clock.schedule(this, m.expiresAt, TimerPriority.expiry);
  }

  private reschedule(): void {
    if (this.oldest) this.clock.schedule(this, this.oldest.expiresAt, TimerPriority.expiry);
    else this.clock.cancel(this);
  }
}
