import { SimulationRuntime } from '../runtime';
import { ScalingActivity } from '../services/autoscaling/activity';
import { AlarmStateChange } from '../services/cloudwatch/alarm';
import { MinuteSubscriber } from '../services/cloudwatch/ticker';
import { SqsQueue } from '../services/sqs/queue';
import { QueueWorkerFleet } from './fleet';

const HOUR_MS = 3_600_000;

/** One minute of a run, read at its end (as CloudWatch samples: the levels at that instant, the counts since the last). */
export interface RunPoint {
  /** Virtual ms. */
  readonly time: number;
  /** ApproximateNumberOfMessagesVisible / NotVisible. */
  readonly visible: number;
  readonly inFlight: number;
  /** ApproximateAgeOfOldestMessage, seconds. */
  readonly ageOfOldestMessage: number;
  /** The desired count, the workers in service and those starting. */
  readonly desired: number;
  readonly inService: number;
  readonly starting: number;
  /** Messages in hand at workers. */
  readonly busy: number;
  /** Messages sent to the queue, and processed (deleted) by the workers, in the minute. */
  readonly arrivals: number;
  readonly processed: number;
  /** Instance-hours (task-hours) used since the start, from each worker's launch. */
  readonly workerHours: number;
}

/** Totals of a run, and the figures the side-by-side benchmark compares. */
export interface RunTotals {
  readonly sent: number;
  readonly processed: number;
  /** Processing failures (failureRate): the messages reappear. */
  readonly failed: number;
  /** Messages a stopped worker held: they reappear and are processed again. */
  readonly interrupted: number;
  /** Messages processed after their visibility timeout ended: processed twice. */
  readonly processedAgain: number;
  /** Messages moved to the dead-letter queue, and expired (retention) from the queue. */
  readonly movedToDeadLetterQueue: number;
  readonly expired: number;
  /** Minutes recorded, and the age of the oldest message over them (seconds): the largest, and the 95th percentile. */
  readonly minutes: number;
  readonly maxAgeOfOldestMessage: number;
  readonly p95AgeOfOldestMessage: number;
  readonly workerHours: number;
  readonly maxInService: number;
}

/** What `plotRun` draws and a report prints: the series per minute, alarm history, scaling activities, totals. */
export interface RunResult {
  readonly name: string;
  readonly queue: string;
  readonly workers: string;
  readonly series: readonly RunPoint[];
  readonly alarms: readonly AlarmStateChange[];
  readonly activities: readonly ScalingActivity[];
  readonly totals: RunTotals;
}

/** The `p`th percentile (nearest rank) of values. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** The sources a recorder reads besides the queue and the fleet: alarm history and scaling activities so far. */
export interface RunSources {
  readonly alarms: () => readonly AlarmStateChange[];
  readonly activities: () => readonly ScalingActivity[];
}

/**
 * Records a run once a minute, on CloudWatch's minute clock (it never keeps that clock running by itself: a run is
 * recorded while something happens or an alarm still has work).
 */
export class RunRecorder implements MinuteSubscriber {
  public readonly series: RunPoint[] = [];
  private lastSent: number;
  private lastProcessed: number;
  private movedToDlq = 0;

  constructor(
    private readonly runtime: SimulationRuntime,
    public readonly name: string,
    public readonly queue: SqsQueue,
    public readonly fleet: QueueWorkerFleet,
    private readonly sources: RunSources,
  ) {
    this.lastSent = queue.totals.sent;
    this.lastProcessed = fleet.totals.processed;
    queue.addListener({ onMovedToDeadLetterQueue: () => this.movedToDlq++ });
  }

  public tick(time: number): void {
    const q = this.queue;
    const f = this.fleet;
    let busy = 0;
    for (const w of f.live) busy += w.busySlots;
    this.series.push({
      time,
      visible: q.counts.visible,
      inFlight: q.counts.inFlight,
      ageOfOldestMessage: q.ageOfOldestMessage,
      desired: f.desired,
      inService: f.running,
      starting: f.starting,
      busy,
      arrivals: q.totals.sent - this.lastSent,
      processed: f.totals.processed - this.lastProcessed,
      workerHours: f.workerMs(time) / HOUR_MS,
    });
    this.lastSent = q.totals.sent;
    this.lastProcessed = f.totals.processed;
  }

  public settled(): boolean {
    return true;
  }

  public result(): RunResult {
    const ages = this.series.map((p) => p.ageOfOldestMessage);
    const t = this.fleet.totals;
    return {
      name: this.name,
      queue: this.queue.logicalId,
      workers: this.fleet.owner.logicalId,
      series: this.series,
      alarms: this.sources.alarms(),
      activities: this.sources.activities(),
      totals: {
        sent: this.queue.totals.sent,
        processed: t.processed,
        failed: t.failed,
        interrupted: t.interrupted,
        processedAgain: t.processedAgain,
        movedToDeadLetterQueue: this.movedToDlq,
        expired: this.runtime.trace.count('sqs.expired'),
        minutes: this.series.length,
        maxAgeOfOldestMessage: Math.max(0, ...ages),
        p95AgeOfOldestMessage: percentile(ages, 95),
        workerHours: this.fleet.workerMs() / HOUR_MS,
        maxInService: Math.max(0, ...this.series.map((p) => p.inService)),
      },
    };
  }
}
