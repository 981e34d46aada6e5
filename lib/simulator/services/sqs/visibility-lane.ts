import { Clock, Timer, TimerPriority } from '../../clock';
import { SqsMessage } from './message';

/**
 * In-flight messages whose visibility timeouts end in the order they were received, with one clock timer at the
 * first end.
 *
 * Most receives use the queue's visibility timeout, so each ends after all earlier ones: appending here and
 * unlinking on delete costs no heap sift, where a timer per message would cost two (schedule and cancel). A message
 * that would end before the last one here (a shorter timeout per receive, ChangeMessageVisibility, retention
 * first) keeps its own timer on the clock instead; the queue decides with `accepts`.
 *
 * The timer may run early: when the first message leaves (deleted), it stays rather than moving (a heap sift per
 * delete); firing early it moves to the message first then. It is cancelled when the lane is empty.
 */
export class VisibilityLane implements Timer {
  public time = 0;
  public priority: number = TimerPriority.visibility;
  public seq = 0;
  public heapIndex = -1;
  private first: SqsMessage | undefined = undefined;
  private last: SqsMessage | undefined = undefined;
  private firing = false;
  private length = 0;

  constructor(
    private readonly clock: Clock,
    /** Makes a message whose visibility timeout ended visible again. */
    private readonly reappear: (m: SqsMessage) => void,
  ) {}

  /** Whether `m` (in flight, becoming visible before it expires) can join at the end. */
  public accepts(m: SqsMessage): boolean {
    return m.visibleAt < m.expiresAt && (!this.last || this.last.visibleAt <= m.visibleAt);
  }

  public has(m: SqsMessage): boolean {
    // `earlier` also links visible messages in the retention index: only an in-flight message can be here.
    return m.state === 'inFlight' && (m === this.first || m.earlier !== undefined);
  }

  public append(m: SqsMessage): void {
    this.length++;
    m.earlier = this.last;
    m.later = undefined;
    if (this.last) this.last.later = m;
    else this.first = m;
    this.last = m;
    if (m === this.first && !this.firing && (this.heapIndex < 0 || this.time > m.visibleAt)) this.clock.schedule(this, m.visibleAt, TimerPriority.visibility);
  }

  public remove(m: SqsMessage): void {
    this.length--;
    if (m.earlier) m.earlier.later = m.later;
    else this.first = m.later;
    if (m.later) m.later.earlier = m.earlier;
    else this.last = m.earlier;
    m.earlier = m.later = undefined;
    if (!this.first && !this.firing) this.clock.cancel(this);
  }

  public fire(clock: Clock): void {
    // At most what was here when the timer fired: a message received again meanwhile (timeout 0, by a listener of
    // the queue) waits for the next turn instead of looping here.
    let budget = this.length;
    this.firing = true;
    for (let m = this.first; m && m.visibleAt <= clock.now && budget-- > 0; m = this.first) {
      this.first = m.later;
      if (this.first) this.first.earlier = undefined;
      else this.last = undefined;
      m.later = undefined;
      this.length--;
      this.reappear(m);
    }
    this.firing = false;
    if (this.first) this.clock.schedule(this, this.first.visibleAt, TimerPriority.visibility);
    else this.clock.cancel(this);
  }
}
