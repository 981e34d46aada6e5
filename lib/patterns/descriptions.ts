import { IConstruct } from 'constructs';
import { PatternDescription } from '../core';
import { AuthorizedApi } from './authorized-api/authorized-api';
import { AUTHORIZED_API_PATTERN } from './authorized-api/description';
import { QUEUE_CONSUMER_PATTERN } from './queue-consumer/description';
import { QueueConsumer } from './queue-consumer/queue-consumer';
import { QUEUE_DEPTH_SCALING_PATTERN } from './queue-depth-scaling/description';
import { QueueDepthScaling } from './queue-depth-scaling/queue-depth-scaling';
import { TOPIC_FAN_OUT_PATTERN } from './topic-fan-out/description';
import { TopicFanOut } from './topic-fan-out/topic-fan-out';
import { VPC_FUNCTION_PATTERN } from './vpc-function/description';
import { VpcFunction } from './vpc-function/vpc-function';

/** A pattern construct and how it describes itself. */
export interface RegisteredPattern {
  /** The construct class: an instance of it in a construct tree is an instance of the pattern. */
  readonly construct: abstract new (...args: never[]) => IConstruct;
  readonly description: PatternDescription;
}

/**
 * Every pattern of the library with its description, in the order the catalog lists them. A new pattern adds
 * one line here; the catalog and the command line find its instances in any construct tree through it.
 */
export const PATTERNS: readonly RegisteredPattern[] = [
  { construct: TopicFanOut, description: TOPIC_FAN_OUT_PATTERN },
  { construct: QueueConsumer, description: QUEUE_CONSUMER_PATTERN },
  { construct: QueueDepthScaling, description: QUEUE_DEPTH_SCALING_PATTERN },
  { construct: VpcFunction, description: VPC_FUNCTION_PATTERN },
  { construct: AuthorizedApi, description: AUTHORIZED_API_PATTERN },
];

/** The registered pattern a construct is an instance of, if any. */
export function patternOf(construct: IConstruct): RegisteredPattern | undefined {
  return PATTERNS.find((p) => construct instanceof p.construct);
}
