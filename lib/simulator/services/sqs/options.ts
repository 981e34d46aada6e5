import type { SimulationWorld } from '../../world/world';
import type { UnknownSourceBehaviour } from './move-task';

/**
 * How the simulation settles what AWS leaves open about SQS (`SimulationOptions.sqs`). Each default is the case a
 * test must survive on AWS, so a scenario that passes here does not pass only because the simulator was kind.
 */
export interface SqsOptions {
  /**
   * Whether messages sent in the 60 s a PurgeQueue runs are deleted: AWS says they "might be deleted while the
   * queue is being purged". `false` keeps them.
   * @default true
   */
  readonly purgeDeletesLaterMessages?: boolean;
  /**
   * Messages per second of a move task started without MaxNumberOfMessagesPerSecond ("system optimized": AWS
   * adapts it to the backlog and does not document a figure).
   * @default 500 - the highest rate a task can be given
   */
  readonly systemOptimizedMoveRate?: number;
  /**
   * What a redrive to the original source does with a message whose source is unknown (sent to the DLQ directly,
   * delivered by SNS, or moved from a queue of another stack): `'fail'` fails the task at that message, which stays
   * in the DLQ with every message after it; `'skip'` leaves it in the DLQ and moves the others. AWS does not say.
   * @default 'fail'
   */
  readonly unknownSourceMessages?: UnknownSourceBehaviour;
}

export const DEFAULT_SQS_OPTIONS: Required<SqsOptions> = {
  purgeDeletesLaterMessages: true,
  systemOptimizedMoveRate: 500,
  unknownSourceMessages: 'fail',
};

const OPTIONS = new WeakMap<SimulationWorld, Required<SqsOptions>>();

/** The SQS options of a simulation (set once by `Simulation` through the SQS facade), AWS's open cases settled. */
export function sqsOptions(world: SimulationWorld): Required<SqsOptions> {
  return OPTIONS.get(world) ?? DEFAULT_SQS_OPTIONS;
}

export function configureSqs(world: SimulationWorld, options: SqsOptions): void {
  const rate = options.systemOptimizedMoveRate;
  if (rate !== undefined && !(Number.isInteger(rate) && rate >= 1)) throw new Error(`sqs.systemOptimizedMoveRate must be a whole number of messages per second, at least 1 (got ${rate})`);
  OPTIONS.set(world, { ...DEFAULT_SQS_OPTIONS, ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) });
}
