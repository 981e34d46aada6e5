import { Duration } from 'aws-cdk-lib';
import { ResourceRef, identify } from '../simulator/resource-ref';
import { mappedQueues } from '../simulator/services/event-source-mapping/facade';
import { ReplayConsumer } from './consumer';
import { ReplayError } from './errors';
import { fleetConsumer, hasFleet } from './fleet-consumer';
import { lambdaConsumer } from './lambda-consumer';

/** What `decoupled replay` knows of a stack's consumer: the queue, and the processing times it was given. */
export interface StackConsumerOptions {
  /**
   * The queue the arrivals go to: its construct, construct path or logical id.
   * @default - the one queue a Lambda event source mapping consumes; else the queue of the stack's scaled fleet
   */
  readonly queue?: ResourceRef;
  /**
   * What a Lambda invocation takes whatever its batch holds (a scaled fleet's workers take none).
   * @default Duration.millis(100)
   */
  readonly timePerInvocation?: Duration;
  /**
   * What each record adds to an invocation, or what a fleet's worker takes per message (needed for a fleet).
   * @default - 0 for a Lambda consumer; a fleet fails without it
   */
  readonly timePerMessage?: Duration;
}

/**
 * The consumer the stack has, chosen when the simulation is built: its Lambda function when an event source
 * mapping consumes the queue (`lambdaConsumer`), else its ECS service or Auto Scaling group (`fleetConsumer`), whose
 * workers take `timePerMessage` a message.
 */
export function stackConsumer(options: StackConsumerOptions = {}): ReplayConsumer {
  return {
    attach(simulation) {
      const mapped = mappedQueues(simulation.world);
      const wanted = options.queue === undefined ? undefined : identify(options.queue, simulation.world.template);
      const lambdaQueue = wanted === undefined ? mapped.length > 0 : mapped.some((m) => m.queue.logicalId === wanted);
      if (lambdaQueue || !hasFleet(simulation)) return lambdaConsumer(options).attach(simulation);
      if (options.timePerMessage === undefined) {
        throw new ReplayError(
          'stack',
          `${simulation.template.stackName}'s queue is consumed by a scaled fleet, whose workers' time per message the template does not tell`,
          'Give what one message takes a worker with --time-per-message (its p50: 4s, 250ms), or timePerMessage',
        );
      }
      return fleetConsumer({ queue: options.queue, timePerMessage: options.timePerMessage }).attach(simulation);
    },
  };
}
