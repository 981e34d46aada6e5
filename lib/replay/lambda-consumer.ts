import { Duration } from 'aws-cdk-lib';
import { mappedQueues } from '../simulator/services/event-source-mapping/facade';
import { ResourceRef, identify } from '../simulator/resource-ref';
import type { LambdaHandler } from '../simulator/services/lambda/handler';
import type { TimePoint } from '../simulator/world/time-series';
import type { Simulation } from '../simulator/simulation';
import { AttachedConsumer, ReplayConsumer } from './consumer';
import { ReplayError } from './errors';

const HOUR_MS = 3_600_000;

/** How the replayed queue's Lambda consumer behaves: what production's code would take, per batch. */
export interface LambdaConsumerOptions {
  /**
   * The queue the arrivals go to: its construct, construct path or logical id.
   * @default - the one queue a Lambda event source mapping of the stack consumes
   */
  readonly queue?: ResourceRef;
  /**
   * Time an invocation takes whatever its batch holds (start-up, a connection, a commit).
   * @default Duration.millis(100)
   */
  readonly timePerInvocation?: Duration;
  /**
   * Time added for each record of the batch.
   * @default Duration.millis(0)
   */
  readonly timePerMessage?: Duration;
  /**
   * The handler. Replayed messages carry no production payload, only their arrival: the default succeeds for
   * every record.
   * @default - every record succeeds
   */
  readonly handler?: LambdaHandler;
  /**
   * The comparison's column heading.
   * @default - the stack's name, with the mapping's batch size and maximum concurrency
   */
  readonly heading?: string;
}

/** The default time of an invocation: a light handler's, as a first guess to replace with the function's p50 Duration. */
export const DEFAULT_TIME_PER_INVOCATION = Duration.millis(100);

/**
 * A queue consumed by a Lambda function through an SQS event source mapping (a `QueueConsumer`, or plain
 * aws-cdk-lib): the mapping's batch size, window, scaling and maximum concurrency, the function's timeout and
 * reserved concurrency all play as the simulator models them. Capacity is concurrent executions; its hours are
 * execution-hours (the billed duration, summed).
 */
export function lambdaConsumer(options: LambdaConsumerOptions = {}): ReplayConsumer {
  return {
    attach(simulation) {
      const mapped = mappedQueues(simulation.world);
      const wanted = options.queue === undefined ? undefined : identify(options.queue, simulation.world.template);
      const candidates = wanted === undefined ? mapped : mapped.filter((m) => m.queue.logicalId === wanted);
      if (candidates.length !== 1) throw noSingleQueue(mapped.map((m) => describeResource(simulation, m.queue.logicalId)), options.queue === undefined ? undefined : String(wanted));
      const { queue, fn } = candidates[0];
      const perInvocation = (options.timePerInvocation ?? DEFAULT_TIME_PER_INVOCATION).toMilliseconds();
      const perMessage = (options.timePerMessage ?? Duration.millis(0)).toMilliseconds();
      simulation.onInvoke(fn.logicalId, options.handler ?? succeedAll, {
        duration: (event: { Records?: unknown[] }) => Duration.millis(perInvocation + perMessage * (event.Records?.length ?? 0)),
      });
      const concurrency = () => simulation.functionMetrics(fn.logicalId).concurrency;
      const settings = simulation.mapping(queue.logicalId).settings;
      const limit = settings.maximumConcurrency === undefined ? '' : `, at most ${settings.maximumConcurrency}`;
      const attached: AttachedConsumer = {
        heading: options.heading ?? `${simulation.template.stackName} (Lambda, batches of ${settings.batchSize}${limit})`,
        queueLogicalId: queue.logicalId,
        capacityUnit: 'concurrent execution',
        capacityPerPeriod: (endMs, periodMs) => peakPerPeriod(concurrency(), endMs, periodMs),
        capacityUsed: (endMs) => {
          const points = concurrency();
          return { unit: 'concurrent execution', hoursUnit: 'execution-hours', peak: peakPerPeriod(points, endMs, endMs)[0] ?? 0, hours: integral(points, endMs) / HOUR_MS };
        },
      };
      return attached;
    },
  };
}

/** `Payments/Queue (PaymentsQueueC485226B)`: the construct path below the stack, when the template has it, and the logical id. */
export function describeResource(simulation: Simulation, logicalId: string): string {
  const cdkPath = simulation.world.template.resource(logicalId)?.constructPath;
  const below = cdkPath?.split('/').slice(1).join('/').replace(/\/Resource$/, '');
  return below ? `${below} (${logicalId})` : logicalId;
}

function succeedAll(): { batchItemFailures: [] } {
  return { batchItemFailures: [] };
}

function noSingleQueue(queues: readonly string[], asked: string | undefined): ReplayError {
  if (asked !== undefined) {
    return new ReplayError('stack', `the stack has no queue '${asked}' consumed by a Lambda event source mapping${queues.length ? ` (it has ${queues.join(', ')})` : ''}`, 'Name one of those queues with --stack-queue (its logical id or construct path)');
  }
  if (queues.length === 0) {
    return new ReplayError('stack', 'the stack has no SQS queue consumed by a Lambda event source mapping', 'Give a stack with a QueueConsumer (or a function with an SqsEventSource); a queue that an ECS service or Auto Scaling group consumes plays with fleetConsumer');
  }
  return new ReplayError('stack', `the stack has ${queues.length} queues consumed by Lambda (${queues.join(', ')})`, 'Name the one to replay into with --stack-queue (its logical id or construct path)');
}

/** The largest level in each period, a level held from its change to the next (the one in force at a period's start counts). */
export function peakPerPeriod(points: readonly TimePoint[], endMs: number, periodMs: number): number[] {
  const peaks: number[] = [];
  let i = 0;
  let level = 0;
  for (let start = 0; start < endMs; start += periodMs) {
    const end = Math.min(start + periodMs, endMs);
    while (i < points.length && points[i].time <= start) level = points[i++].value;
    let peak = level;
    while (i < points.length && points[i].time < end) {
      level = points[i].value;
      if (level > peak) peak = level;
      i++;
    }
    peaks.push(peak);
  }
  return peaks;
}

/** The level integrated over `[0, endMs)`: level × ms. */
export function integral(points: readonly TimePoint[], endMs: number): number {
  let total = 0;
  for (let i = 0; i < points.length && points[i].time < endMs; i++) {
    const until = Math.min(i + 1 < points.length ? points[i + 1].time : endMs, endMs);
    total += points[i].value * (until - points[i].time);
  }
  return total;
}
