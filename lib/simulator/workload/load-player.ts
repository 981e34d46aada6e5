import { Clock, Timer, TimerPriority } from '../clock';
import { SimulationRuntime } from '../runtime';
import { SqsQueue } from '../services/sqs/queue';
import { SnsTopic } from '../services/sns/topic';
import { ArrivalProfile } from './arrivals';

const MINUTE_MS = 60_000;

export interface PlayOptions {
  /**
   * Where in its minute each message arrives: `random` (uniform, from the simulation's seed: arrivals as
   * independent producers make them) or `even` (evenly spaced).
   * @default 'random'
   */
  readonly spacing?: 'random' | 'even';
  /** The body of the `n`th message (from 0). @default - `message <n>` */
  readonly body?: (n: number) => string;
  /** FIFO targets: messages go round-robin to this many message groups, each with its own deduplication id. @default 1 */
  readonly messageGroups?: number;
}

/**
 * Plays an arrival profile on the virtual clock into a queue (SendMessage) or a topic (Publish): one timer that
 * moves from arrival to arrival, so a million messages cost a million heap moves and no other allocation than the
 * messages'. It schedules nothing once the profile has played.
 */
export class LoadPlayer implements Timer {
  public time = 0;
  public priority = 0;
  public seq = 0;
  public heapIndex = -1;
  /** Messages sent so far, and those the target refused (a FIFO duplicate is accepted, so it counts as sent). */
  public sent = 0;
  public refused = 0;
  private minute = -1;
  private offsets: number[] = [];
  private next = 0;
  private readonly body: (n: number) => string;
  private readonly groups: number;

  constructor(
    private readonly runtime: SimulationRuntime,
    private readonly target: SqsQueue | SnsTopic,
    public readonly profile: ArrivalProfile,
    /** Virtual ms of the profile's first minute. */
    public readonly startMs: number,
    private readonly options: PlayOptions = {},
  ) {
    this.body = options.body ?? ((n) => `message ${n}`);
    this.groups = options.messageGroups ?? 1;
    this.advanceMinute(0);
  }

  /** Virtual ms when the last minute of the profile ends. */
  public get endMs(): number {
    return this.startMs + this.profile.perMinute.length * MINUTE_MS;
  }

  public get finished(): boolean {
    return this.minute >= this.profile.perMinute.length;
  }

  public fire(_clock: Clock): void {
    this.send(this.sent + this.refused);
    this.next++;
    this.scheduleNext();
  }

  private send(n: number): void {
    const t = this.target;
    const fifo = t.fifo;
    const groupId = fifo ? `g${n % this.groups}` : undefined;
    const dedup = fifo ? String(n) : undefined;
    if (t instanceof SqsQueue) {
      const outcome = t.enqueue(this.body(n), '', undefined, undefined, groupId, dedup, undefined);
      if (typeof outcome === 'object' && 'ok' in outcome) this.refused++;
      else this.sent++;
      return;
    }
    try {
      t.publish({ message: this.body(n), groupId, deduplicationId: dedup });
      this.sent++;
    } catch (e) {
      this.refused++;
      this.runtime.record('workload.refused', t.logicalId, undefined, (e as Error).message);
    }
  }

  /** Lays out the arrival times of minute `m` (sorted offsets within it) and schedules the first. */
  private advanceMinute(m: number): void {
    const counts = this.profile.perMinute;
    for (this.minute = m; this.minute < counts.length && counts[this.minute] === 0; this.minute++);
    if (this.minute >= counts.length) return;
    const n = counts[this.minute];
    const offsets = new Array<number>(n);
    if (this.options.spacing === 'even') {
      for (let i = 0; i < n; i++) offsets[i] = Math.floor(((i + 0.5) * MINUTE_MS) / n);
    } else {
      for (let i = 0; i < n; i++) offsets[i] = Math.floor(this.runtime.random.next() * MINUTE_MS);
      offsets.sort((a, b) => a - b);
    }
    this.offsets = offsets;
    this.next = 0;
    this.scheduleNext();
  }

  private scheduleNext(): void {
    if (this.next >= this.offsets.length) {
      this.advanceMinute(this.minute + 1);
      return;
    }
    this.runtime.clock.schedule(this, this.startMs + this.minute * MINUTE_MS + this.offsets[this.next], TimerPriority.delivery);
  }
}
