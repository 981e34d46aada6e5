import { Duration } from 'aws-cdk-lib';
import type { Simulation, SimulationOptions } from '../simulator/simulation';
import { RecordedArrivals } from './arrivals';
import { ReplayConsumer } from './consumer';
import { MetricSeries } from './series';
import { TrafficSummary, summarizeTraffic } from './summary';
import { QUEUE_METRICS } from './traffic';

const MINUTE_MS = 60_000;

/** How far a replay through the simulator has got. */
export interface PlayProgress {
  /** Minutes of the recording played so far, and in all. */
  readonly minutes: number;
  readonly totalMinutes: number;
  /** Messages sent so far. */
  readonly messages: number;
}

/** What to play, through what. */
export interface PlayArrivalsOptions {
  /** The recorded arrivals (`readQueueTraffic(…).arrivals`, or a CSV file's). */
  readonly arrivals: RecordedArrivals;
  /**
   * Builds the simulation of the configuration to try, from the options the replay needs (virtual time 0 at the
   * recording's first minute, no event trace): `(o) => Simulation.fromStack(stack, o)`.
   */
  readonly simulate: (options: SimulationOptions) => Simulation;
  /** What consumes the queue: `lambdaConsumer(…)`, or a scaled fleet's. */
  readonly consumer: ReplayConsumer;
  /**
   * Message groups the arrivals are spread over, when the queue is FIFO (the metrics do not record groups; one
   * group would serialize everything).
   * @default 1000
   */
  readonly fifoMessageGroups?: number;
  /**
   * Called every `progressEvery` minutes of the recording, and at the end.
   * @default - no progress reported
   */
  readonly onProgress?: (progress: PlayProgress) => void;
  /**
   * How often progress is reported, in minutes of the recording.
   * @default 60
   */
  readonly progressEvery?: number;
}

/** A configuration played on recorded arrivals: its metrics per minute, as CloudWatch would have recorded them. */
export interface SimulatedRun {
  /** What was simulated: the comparison's column heading. */
  readonly heading: string;
  readonly arrivals: RecordedArrivals;
  /** `ApproximateNumberOfMessagesVisible` of the simulated queue, read at the end of each minute. */
  readonly visible: MetricSeries;
  /** `ApproximateAgeOfOldestMessage` (seconds) of the simulated queue, read at the end of each minute. */
  readonly ageOfOldest: MetricSeries;
  /** The most capacity in use in each minute. */
  readonly capacityPerMinute: readonly number[];
  readonly capacityUnit: string;
  /** Messages still in the queue (visible, in flight or delayed) when the recording ends. */
  readonly leftInQueue: number;
  /** The comparison's figures, made by the same function as production's. */
  readonly summary: TrafficSummary;
}

/**
 * Plays recorded arrivals through a simulated configuration on its virtual clock: each minute's messages sent
 * evenly spread over the minute, the queue's depth and oldest age read at each minute's end (SQS publishes its
 * metrics once a minute, AWS-FACTS §1.9), the consumers' capacity read from the simulation afterwards. A day of
 * arrivals costs no day of real time; the same recording and configuration always give the same run.
 */
export async function playArrivals(options: PlayArrivalsOptions): Promise<SimulatedRun> {
  const { arrivals } = options;
  const simulation = options.simulate({ startTime: new Date(arrivals.startEpochMs), trace: false });
  const attached = options.consumer.attach(simulation);
  const queue = simulation.queue(attached.queueLogicalId);
  const send = sender(simulation, attached.queueLogicalId, queue.fifo, options.fifoMessageGroups ?? 1000);
  const minutes = arrivals.perMinute.length;
  const visible: number[] = [];
  const ages: number[] = [];
  const every = options.progressEvery ?? 60;
  let sent = 0;
  for (let m = 0; m < minutes; m++) {
    const n = arrivals.perMinute[m];
    const start = m * MINUTE_MS;
    for (let i = 0; i < n; i++) {
      await advanceTo(simulation, start + Math.floor((i * MINUTE_MS) / n));
      send(sent++);
    }
    await advanceTo(simulation, start + MINUTE_MS);
    visible.push(queue.counts.visible);
    ages.push(queue.ageOfOldestMessage);
    if ((m + 1) % every === 0 || m === minutes - 1) options.onProgress?.({ minutes: m + 1, totalMinutes: minutes, messages: sent });
  }
  const endMs = minutes * MINUTE_MS;
  const series = (key: 'visible' | 'ageOfOldest', values: number[]): MetricSeries => ({
    metricName: QUEUE_METRICS[key].metricName,
    stat: QUEUE_METRICS[key].stat,
    startEpochMs: arrivals.startEpochMs,
    periodSeconds: MINUTE_MS / 1000,
    values,
  });
  const run = { visible: series('visible', visible), ageOfOldest: series('ageOfOldest', ages) };
  const counts = queue.counts;
  return {
    heading: attached.heading,
    arrivals,
    ...run,
    capacityPerMinute: attached.capacityPerPeriod(endMs, MINUTE_MS),
    capacityUnit: attached.capacityUnit,
    leftInQueue: counts.visible + counts.inFlight + counts.delayed,
    summary: summarizeTraffic({ arrivals, ...run, capacity: attached.capacityUsed(endMs) }),
  };
}

function advanceTo(simulation: Simulation, time: number): Promise<void> | void {
  return time > simulation.now ? simulation.advance(Duration.millis(time - simulation.now)) : undefined;
}

/** Sends the n-th replayed message: its body says which it is; a FIFO queue's carries a group and a deduplication id. */
function sender(simulation: Simulation, queue: string, fifo: boolean, groups: number): (n: number) => void {
  if (!(Number.isInteger(groups) && groups >= 1)) throw new Error(`fifoMessageGroups must be a whole number of at least 1 (got ${groups})`);
  if (!fifo) return (n) => simulation.send(queue, { body: `{"replayed":${n}}` });
  return (n) => simulation.send(queue, { body: `{"replayed":${n}}`, groupId: `replay-${n % groups}`, deduplicationId: `replay-${n}` });
}
