import type { Simulation } from '../simulator/simulation';
import type { CapacityUsed } from './summary';

/**
 * What consumes the replayed queue in a simulated configuration, as the replay sees it: where the arrivals go,
 * and how much capacity the consumers used. The replay itself only sends messages and reads the queue; each kind
 * of consumer (a Lambda function behind an event source mapping, a scaled fleet of ECS tasks or instances) is one
 * implementation, so a new kind plugs in without touching the replay.
 */
export interface ReplayConsumer {
  /**
   * Makes the consumer run in the simulation (registers handlers or worker loops) and returns what the replay
   * reads during and after the run. Called once, at virtual time 0, before the first arrival.
   */
  attach(simulation: Simulation): AttachedConsumer;
}

/** A consumer running in a simulation. */
export interface AttachedConsumer {
  /** The comparison's column heading (`Payments (Lambda, batches of 10, at most 50)`). */
  readonly heading: string;
  /** The logical id of the queue the arrivals are sent to. */
  readonly queueLogicalId: string;
  /** `instance`, `task` or `concurrent execution`: one of the capacity, singular. */
  readonly capacityUnit: string;
  /**
   * The most capacity in use during each period of `periodMs` in `[0, endMs)` of virtual time (CloudWatch's
   * Maximum of ConcurrentExecutions, or of the fleet's in-service count), one value per period.
   */
  capacityPerPeriod(endMs: number, periodMs: number): number[];
  /** The capacity used over `[0, endMs)`: its peak, and integrated over time (execution-, instance- or task-hours). */
  capacityUsed(endMs: number): CapacityUsed;
}
