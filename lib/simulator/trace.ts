/**
 * The event trace: every state change a model makes, in the order it happened, for assertions.
 *
 * Modes: `'full'` keeps every record; `'summary'` keeps only counts per type (memory does not grow with the
 * messages ever sent, for benchmarks and long runs); `false` keeps nothing.
 */

/**
 * The event types services record, each declared (with what it means) by its service in
 * `services/<service>/trace-events.ts`, which adds its entries to this interface by module augmentation; the
 * values are unused. A service adds event types without editing this file.
 */
export interface TraceEventTypes {}

/** What happened: `sqs.sent`, `lambda.throttled`… (prefixed with the service). Any string is accepted, the declared ones are suggested. */
export type TraceEventType = (keyof TraceEventTypes & string) | (string & {});

export interface TraceEvent {
  /** Position in the trace, from 0. */
  readonly seq: number;
  /** Virtual time in ms. */
  readonly time: number;
  readonly type: TraceEventType;
  /** Logical id of the resource the event happened to. */
  readonly resource: string;
  /** The message concerned (SQS message id for `sqs.*`, SNS message id for `sns.*`). */
  readonly messageId?: string;
  /** Why, for failures, drops and moves. */
  readonly reason?: string;
  /** Anything else worth asserting on (the target queue, the receive count, the SQS message id…). */
  readonly detail?: Readonly<Record<string, unknown>>;
}

export type TraceMode = 'full' | 'summary' | false;

/** What to select; every given field must match. `resource` is a logical id (the Simulation also takes constructs). */
export interface TraceQuery {
  readonly type?: TraceEventType | readonly TraceEventType[];
  readonly resource?: string;
  readonly messageId?: string;
}

/**
 * One event type's count, as a cell a model fetches once (`trace.counter(type)`): in `'summary'` mode a hot path
 * counts an event with `counter.n++`, no lookup and nothing built.
 */
export class TraceCounter {
  public n = 0;
  constructor(public readonly type: TraceEventType) {}
}

export class Trace {
  /** Whether records are kept: hot paths build reasons and details only then, and otherwise only count. */
  public readonly full: boolean;
  private readonly records: TraceEvent[] = [];
  private readonly counts = new Map<string, TraceCounter>();
  private nextSeq = 0;

  constructor(public readonly mode: TraceMode = 'full') {
    this.full = mode === 'full';
  }

  /** Whether a record call does anything; hot paths check it before building a detail object. */
  public get enabled(): boolean {
    return this.mode !== false;
  }

  public record(time: number, type: TraceEventType, resource: string, messageId?: string, reason?: string, detail?: Record<string, unknown>): void {
    if (this.mode === false) return;
    this.counter(type).n++;
    if (this.full) this.records.push({ seq: this.nextSeq++, time, type, resource, messageId, reason, detail });
  }

  /** Counts an event without recording it (what `record` does in `'summary'` mode); hot paths keep a `counter` instead. */
  public tally(type: TraceEventType): void {
    if (this.mode !== false) this.counter(type).n++;
  }

  /** The count cell of an event type; with the trace off, a cell nothing reads. */
  public counter(type: TraceEventType): TraceCounter {
    if (this.mode === false) return new TraceCounter(type);
    let counter = this.counts.get(type);
    if (!counter) {
      counter = new TraceCounter(type);
      this.counts.set(type, counter);
    }
    return counter;
  }

  /** Every record, in order (empty unless the mode is `'full'`). */
  public get events(): readonly TraceEvent[] {
    return this.records;
  }

  public get length(): number {
    return this.records.length;
  }

  /** The records that match `query`, in order. */
  public filter(query: TraceQuery = {}): TraceEvent[] {
    return this.records.filter((e) => matches(e, query));
  }

  /** How many events of a type happened (kept in `'summary'` mode too). */
  public count(type?: TraceEventType | TraceQuery): number {
    if (type === undefined) {
      let n = 0;
      for (const c of this.counts.values()) n += c.n;
      return n;
    }
    if (typeof type === 'string') return this.counts.get(type)?.n ?? 0;
    return this.filter(type).length;
  }

  /** Counts per event type. */
  public summary(): Record<string, number> {
    const happened = [...this.counts.values()].filter((c) => c.n > 0).sort((a, b) => a.type.localeCompare(b.type));
    return Object.fromEntries(happened.map((c) => [c.type, c.n]));
  }

  /** The history of one message, across services (SNS id or SQS id, and the messages it became). */
  public messageHistory(messageId: string): TraceEvent[] {
    return this.records.filter((e) => e.messageId === messageId || e.detail?.snsMessageId === messageId || e.detail?.sqsMessageId === messageId);
  }
}

function matches(e: TraceEvent, q: TraceQuery): boolean {
  if (q.type !== undefined && (typeof q.type === 'string' ? e.type !== q.type : !q.type.includes(e.type))) return false;
  if (q.resource !== undefined && e.resource !== q.resource) return false;
  if (q.messageId !== undefined && e.messageId !== q.messageId) return false;
  return true;
}
