import { App, Duration, Stack } from 'aws-cdk-lib';
import * as autoscaling from 'aws-cdk-lib/aws-autoscaling';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { Template } from 'aws-cdk-lib/assertions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { QueueDepthScaling, QueueDepthScalingProps, ValidationError } from '../../../lib';
import { validationErrorOf as errorOf } from '../../support/errors';

/** A VPC, an ECS cluster with a Fargate service, and an Auto Scaling group, in `stack`: the workers to scale. */
export function fleetIn(stack: Stack, clusterProps: ecs.ClusterProps = {}) {
  const vpc = ec2.Vpc.fromVpcAttributes(stack, 'Vpc', { vpcId: 'vpc-1', availabilityZones: ['eu-west-1a'], privateSubnetIds: ['subnet-1'] });
  const cluster = new ecs.Cluster(stack, 'Cluster', { vpc, ...clusterProps });
  const taskDefinition = new ecs.FargateTaskDefinition(stack, 'Task');
  taskDefinition.addContainer('worker', { image: ecs.ContainerImage.fromRegistry('worker') });
  const service = new ecs.FargateService(stack, 'Service', { cluster, taskDefinition });
  const autoScalingGroup = new autoscaling.AutoScalingGroup(stack, 'Group', {
    vpc,
    instanceType: new ec2.InstanceType('m7g.medium'),
    machineImage: ec2.MachineImage.genericLinux({ 'eu-west-1': 'ami-12345678' }),
  });
  return { cluster, service, autoScalingGroup };
}

/** A stack with a VPC, a queue (visibility 120 s, with a dead-letter queue), a Fargate service and an Auto Scaling group. */
export function workers(clusterProps: ecs.ClusterProps = {}) {
  const stack = new Stack(new App(), 'Test', { env: { account: '111111111111', region: 'eu-west-1' } });
  const deadLetterQueue = new sqs.Queue(stack, 'DeadLetterQueue');
  const queue = new sqs.Queue(stack, 'Queue', { visibilityTimeout: Duration.seconds(120), deadLetterQueue: { queue: deadLetterQueue, maxReceiveCount: 5 } });
  return { stack, queue, deadLetterQueue, ...fleetIn(stack, clusterProps) };
}

/** The example: 2 minutes, 4 s per message, 0 to 20 workers. */
export const BASE = {
  acceptableLatency: Duration.minutes(2),
  messageProcessingTime: Duration.seconds(4),
  minCapacity: 0,
  maxCapacity: 20,
} as const;

/** The example on the Fargate service, synthesized: the fixture of the files that assert what it makes. */
export function exampleOnService() {
  const w = workers();
  const scaling = new QueueDepthScaling(w.stack, 'Workers', { queue: w.queue, service: w.service, ...BASE });
  return { w, scaling, template: Template.fromStack(w.stack) };
}

/** Makes the pattern and returns the ValidationError it throws; fails the test if none is thrown. */
export function validationErrorOf(props: Partial<QueueDepthScalingProps>, w = workers()): ValidationError {
  return errorOf(() => new QueueDepthScaling(w.stack, 'Workers', { queue: w.queue, service: w.service, ...BASE, ...props } as QueueDepthScalingProps));
}

/** The pattern's warnings on the stack (aws-cdk-lib's own are left out). */
export function warningsOf(stack: Stack): string[] {
  return stack.node.findAll()
    .flatMap((c) => c.node.metadata.filter((m) => m.type === 'aws:cdk:warning').map((m) => String(m.data)))
    .filter((m) => m.includes('decoupled:queue-depth-scaling/'));
}

/** A Fargate service in `w`'s stack on a cluster imported by name: whether Container Insights is on cannot be read. */
export function serviceOnImportedCluster(w: ReturnType<typeof workers>): ecs.FargateService {
  const cluster = ecs.Cluster.fromClusterAttributes(w.stack, 'ImportedCluster', { clusterName: 'shared', vpc: w.cluster.vpc });
  const taskDefinition = new ecs.FargateTaskDefinition(w.stack, 'Task2');
  taskDefinition.addContainer('worker', { image: ecs.ContainerImage.fromRegistry('worker') });
  return new ecs.FargateService(w.stack, 'Service2', { cluster, taskDefinition });
}
