import { CfnResource, Duration, IResolvable, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct, IConstruct } from 'constructs';
import { Limit } from '../../core';
import { MetricQuery, WorkerMetrics } from './backlog-metrics';

/** What the target tracking policy is made of. */
export interface BacklogPolicySpec {
  readonly queries: readonly MetricQuery[];
  readonly targetValue: number;
  readonly warmUp: Duration;
  readonly scaleOutCooldown: Duration;
  readonly scaleInCooldown: Duration;
}

/** What the scale-from-zero step policy is made of. */
export interface ScaleFromZeroSpec {
  readonly warmUp: Duration;
  readonly cooldown: Duration;
}

/**
 * The workers being scaled, whichever kind they are: an ECS service (Application Auto Scaling) or an EC2
 * Auto Scaling group. The pattern talks to this interface only; each kind writes its own CloudFormation.
 */
export interface WorkerFleet {
  /** The prop the user gave the workers in. */
  readonly prop: 'service' | 'autoScalingGroup';
  /** The kind, as people say it: "ECS service", "Auto Scaling group". */
  readonly noun: string;
  readonly defaultStartupTime: Duration;
  /** The most workers the kind allows. */
  readonly capacityLimit: Limit;
  readonly metrics: Pick<WorkerMetrics, 'inService' | 'desired'>;
  /** The role the workers run as, when the pattern can grant to it. */
  readonly role?: iam.IRole;
  /** ECS only: whether Container Insights publishes `RunningTaskCount` for the service. */
  readonly containerInsights?: 'on' | 'off' | 'unknown';
  /** Makes (or takes over) the scalable range. */
  setCapacity(scope: Construct, minCapacity: number, maxCapacity: number): void;
  backlogPolicy(scope: Construct, id: string, spec: BacklogPolicySpec): CfnResource;
  scaleFromZeroPolicy(scope: Construct, id: string, spec: ScaleFromZeroSpec): CfnResource;
  /** What a worker needs to protect itself from scale-in while it holds messages. */
  protectionStatement(): iam.PolicyStatement;
  /** Other scaling policies on CPU or memory on the same workers, by construct path (read when the app is complete). */
  competingPolicies(ours: readonly CfnResource[]): string[];
}

/** Whether two values resolve to the same CloudFormation (a Ref to the same resource, the same literal). */
export function sameResolved(scope: IConstruct, a: unknown, b: unknown): boolean {
  const stack = Stack.of(scope);
  return JSON.stringify(stack.resolve(a)) === JSON.stringify(stack.resolve(b));
}

/** Whether a scaling policy scales on CPU or memory, by its predefined or customized metric. */
export function scalesOnCpuOrMemory(scope: IConstruct, configuration: IResolvable | object | undefined): boolean {
  const text = JSON.stringify(Stack.of(scope).resolve(configuration) ?? {});
  return /CPUUtilization|MemoryUtilization/i.test(text);
}
