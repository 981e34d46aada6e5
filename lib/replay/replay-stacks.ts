import * as fs from 'fs';
import * as path from 'path';
import { Duration } from 'aws-cdk-lib';
import { Simulation } from '../simulator/simulation';
import { ReplayError } from './errors';
import { PlayProgress, SimulatedRun, playArrivals } from './play';
import { stackConsumer } from './stack-consumer';
import { QueueTraffic } from './traffic';

/** The synthesized stacks to play recorded traffic through, and how their consumers behave. */
export interface ReplayStacksOptions {
  /** The cloud assembly folder (`cdk.out`). */
  readonly assembly: string;
  /** Stack names in it: one column of the comparison each. */
  readonly stacks: readonly string[];
  /**
   * The queue of each stack the arrivals go to (construct path or logical id).
   * @default - the one queue a Lambda event source mapping consumes; else the queue of the stack's ECS service or Auto Scaling group
   */
  readonly queue?: string;
  /**
   * What a Lambda invocation takes whatever its batch holds.
   * @default Duration.millis(100)
   */
  readonly timePerInvocation?: Duration;
  /**
   * What each record adds to a Lambda invocation, or what one message takes a worker of a scaled fleet (needed then).
   * @default - 0 for a Lambda consumer; a stack whose queue a scaled fleet consumes fails without it
   */
  readonly timePerMessage?: Duration;
  /**
   * Called as each stack's replay goes on.
   * @default - no progress reported
   */
  readonly onProgress?: (stack: string, progress: PlayProgress) => void;
}

/**
 * Plays the recorded arrivals through each stack of a synthesized app, one after the other. Each stack's queue is
 * consumed as the stack says (`stackConsumer`): by its Lambda function (event source mapping), whose handler
 * succeeds for every record after the given processing time, or by the workers of its ECS service or Auto Scaling
 * group, scaled by its policies, each message taking `timePerMessage`.
 */
export async function replayThroughStacks(traffic: QueueTraffic, options: ReplayStacksOptions): Promise<SimulatedRun[]> {
  if (!fs.existsSync(path.join(options.assembly, 'manifest.json'))) {
    throw new ReplayError('stack', `${options.assembly} is not a synthesized CDK app (no manifest.json there)`, 'Run `npx cdk synth` first, or give the folder it writes to with --app (cdk.out unless cdk.json says otherwise)');
  }
  const runs: SimulatedRun[] = [];
  for (const stack of options.stacks) {
    const template = path.join(options.assembly, `${stack}.template.json`);
    if (!fs.existsSync(template)) {
      const known = fs.readdirSync(options.assembly).filter((f) => f.endsWith('.template.json')).map((f) => f.slice(0, -'.template.json'.length));
      throw new ReplayError('stack', `${options.assembly} has no stack ${stack} (no ${path.basename(template)})`, `Give one of its stacks to --stack: ${known.join(', ') || 'it has none'}`);
    }
    runs.push(await playArrivals({
      arrivals: traffic.arrivals,
      simulate: (o) => Simulation.fromAssembly(options.assembly, stack, o),
      consumer: stackConsumer({ queue: options.queue, timePerInvocation: options.timePerInvocation, timePerMessage: options.timePerMessage }),
      onProgress: options.onProgress && ((p) => options.onProgress!(stack, p)),
    }));
  }
  return runs;
}
