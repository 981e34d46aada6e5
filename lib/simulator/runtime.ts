import { Clock } from './clock';
import { PendingHandlers } from './handler-promises';
import { Random } from './random';
import { Trace } from './trace';

/** The fixed identity of the simulated account: every ARN and URL is built from it. */
export interface SimulatedEnvironment {
  readonly account: string;
  readonly region: string;
  readonly partition: string;
  /** The domain suffix for service endpoints (`amazonaws.com`). */
  readonly urlSuffix: string;
}

/** The test environment AWS documents use: account 123456789012, us-east-1, partition aws. */
export const TEST_ENVIRONMENT: SimulatedEnvironment = {
  account: '123456789012',
  region: 'us-east-1',
  partition: 'aws',
  urlSuffix: 'amazonaws.com',
};

/** Nondeterminism AWS allows for standard queues, turned on by the test (both off by default). */
/**
 * The environment of a deployment to `account` and `region` where they are known, the test environment's where not
 * (undefined): the partition and URL suffix follow the Region (China and GovCloud Regions have their own).
 */
export function deploymentEnvironment(account: string | undefined, region: string | undefined): SimulatedEnvironment {
  const r = region ?? TEST_ENVIRONMENT.region;
  const a = account ?? TEST_ENVIRONMENT.account;
  if (r.startsWith('cn-')) return { account: a, region: r, partition: 'aws-cn', urlSuffix: 'amazonaws.com.cn' };
  return { account: a, region: r, partition: r.startsWith('us-gov-') ? 'aws-us-gov' : 'aws', urlSuffix: 'amazonaws.com' };
}

export interface StandardQueueBehaviour {
  /** Probability that a sent message is stored twice (at-least-once delivery). @default 0 */
  readonly duplicateRate: number;
  /** Whether a receive may return messages out of send order (best-effort ordering). @default false */
  readonly reorder: boolean;
}

/** The UUID-shaped id of an id number (AWS message ids are UUIDs). */
export function formatId(n: number): string {
  const hex = n.toString(16);
  return '00000000-0000-4000-8000-' + '000000000000'.slice(hex.length) + hex;
}

/**
 * What every service model shares: virtual time, the seeded random source, the trace, the account identity and
 * the id generator. Models receive it at construction; nothing in it is global.
 */
export class SimulationRuntime {
  public readonly clock = new Clock();
  /** Promises of handlers still running (async Lambda handlers): the clock driver awaits them between timers. */
  public readonly pending = new PendingHandlers();
  public readonly random: Random;
  public readonly trace: Trace;
  private idCounter = 0;
  private receiptCounter = 0;

  constructor(
    seed: number,
    trace: Trace,
    public readonly environment: SimulatedEnvironment,
    public readonly standardQueues: StandardQueueBehaviour,
    /** The wall-clock instant (epoch ms) that virtual time 0 stands for, used in timestamps AWS reports. */
    public readonly epochMs: number,
  ) {
    this.random = new Random(seed);
    this.trace = trace;
  }

  /** A deterministic UUID-shaped id (AWS message ids are UUIDs). */
  public nextId(): string {
    return this.formatId(this.nextIdNumber());
  }

  /** The number of the next id, for models that write the id out only when it is read (`formatId`). */
  public nextIdNumber(): number {
    return ++this.idCounter;
  }

  /** The UUID-shaped id of an id number. */
  public formatId(n: number): string {
    return formatId(n);
  }

  /** A receipt number unique in the simulation, so a receipt handle from one queue is invalid on any other. */
  public nextReceiptNumber(): number {
    return ++this.receiptCounter;
  }

  /** The epoch milliseconds of a virtual time, as AWS reports timestamps. */
  public epoch(virtualMs: number): number {
    return this.epochMs + virtualMs;
  }

  /** Records a trace event at the current virtual time. */
  public record(type: string, resource: string, messageId?: string, reason?: string, detail?: Record<string, unknown>): void {
    this.trace.record(this.clock.now, type, resource, messageId, reason, detail);
  }
}
