import { App, Duration, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as ecsPatterns from 'aws-cdk-lib/aws-ecs-patterns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { QueueDepthScaling } from '../lib';

/**
 * The three ways of scaling queue workers the benchmarks compare, each synthesized by its own library: the same
 * queue (visibility timeout 60 s, a DLQ after 5 receives), Fargate workers, 20 at most.
 */
export interface ScalingSubject {
  readonly stack: Stack;
  readonly queue: sqs.IQueue;
  readonly service: ecs.BaseService;
  /** Whether the workers' loop protects itself from scale-in (only the pattern's loop does). */
  readonly protection: boolean;
  /** How the subject is configured, for the report. */
  readonly description: string;
}

export interface SubjectOptions {
  readonly maxCapacity: number;
  readonly processingTime: Duration;
  readonly acceptableLatency: Duration;
}

function base(app: App, id: string): { stack: Stack; cluster: ecs.Cluster; queue: sqs.Queue } {
  const stack = new Stack(app, id);
  const vpc = ec2.Vpc.fromVpcAttributes(stack, 'Vpc', { vpcId: 'vpc-0123456789abcdef0', availabilityZones: ['us-east-1a', 'us-east-1b'], privateSubnetIds: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'] });
  const cluster = new ecs.Cluster(stack, 'Cluster', { vpc });
  const dlq = new sqs.Queue(stack, 'Dlq');
  const queue = new sqs.Queue(stack, 'Queue', { visibilityTimeout: Duration.seconds(60), deadLetterQueue: { queue: dlq, maxReceiveCount: 5 } });
  return { stack, cluster, queue };
}

function fargateService(stack: Stack, cluster: ecs.Cluster): ecs.FargateService {
  const taskDefinition = new ecs.FargateTaskDefinition(stack, 'Worker');
  taskDefinition.addContainer('worker', { image: ecs.ContainerImage.fromRegistry('public.ecr.aws/docker/library/node:22-alpine') });
  return new ecs.FargateService(stack, 'Service', { cluster, taskDefinition });
}

/** (a) QueueDepthScaling, from zero: target = acceptable latency ÷ processing time. */
export function queueDepthScaling(app: App, o: SubjectOptions): ScalingSubject {
  const { stack, cluster, queue } = base(app, 'QueueDepthScalingBench');
  const service = fargateService(stack, cluster);
  const scaling = new QueueDepthScaling(stack, 'Workers', {
    queue, service, acceptableLatency: o.acceptableLatency, messageProcessingTime: o.processingTime, minCapacity: 0, maxCapacity: o.maxCapacity,
  });
  return { stack, queue, service, protection: true, description: `QueueDepthScaling, 0–${o.maxCapacity} tasks, target ${scaling.targetBacklogPerWorker} per task` };
}

/** (b) aws-ecs-patterns' QueueProcessingFargateService with its default scaling steps and CPU policy. */
export function queueProcessingFargateService(app: App, o: SubjectOptions): ScalingSubject {
  const { stack, cluster, queue } = base(app, 'QueueProcessingBench');
  const pattern = new ecsPatterns.QueueProcessingFargateService(stack, 'Service', {
    cluster, queue, image: ecs.ContainerImage.fromRegistry('public.ecr.aws/docker/library/node:22-alpine'), minScalingCapacity: 1, maxScalingCapacity: o.maxCapacity,
  });
  return { stack, queue, service: pattern.service, protection: false, description: `QueueProcessingFargateService, default steps + CPU 50 %, 1–${o.maxCapacity} tasks` };
}

/** (c) CPU target tracking at 50 %. */
export function cpuTargetTracking(app: App, o: SubjectOptions): ScalingSubject {
  const { stack, cluster, queue } = base(app, 'CpuTrackingBench');
  const service = fargateService(stack, cluster);
  service.autoScaleTaskCount({ minCapacity: 1, maxCapacity: o.maxCapacity }).scaleOnCpuUtilization('Cpu', { targetUtilizationPercent: 50 });
  return { stack, queue, service, protection: false, description: `CPU target tracking at 50 %, 1–${o.maxCapacity} tasks` };
}
