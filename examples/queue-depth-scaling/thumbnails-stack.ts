import { Duration, RemovalPolicy, Stack, StackProps } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { DEAD_LETTER_QUEUE_HAS_NO_REDRIVE, QueueDepthScaling } from '../../lib';
import { acknowledge, createEncryptionKey, secureDeadLetterQueueProps, secureQueueProps } from '../../lib/core';

/** Where the example's workers run: the private subnets of a VPC your platform already has. */
export interface ThumbnailsStackProps extends StackProps {
  /** @default - the `thumbnailsVpc` context values, or placeholders that synthesize but do not deploy */
  readonly vpc?: ec2.IVpc;
}

/**
 * Uploaded images queue up and are turned into thumbnails by Fargate workers that scale on the backlog per
 * worker: from zero when nothing waits, up to 20 when a burst arrives, each message done within 2 minutes.
 */
export class ThumbnailsStack extends Stack {
  public readonly queue: sqs.Queue;
  public readonly service: ecs.FargateService;
  public readonly scaling: QueueDepthScaling;

  constructor(scope: Construct, id: string, props: ThumbnailsStackProps = {}) {
    super(scope, id, props);
    const vpc = props.vpc ?? importedVpc(this);
    const key = createEncryptionKey(this, 'Key', { description: 'Encrypts the thumbnail queues, logs and alarm topic', removalPolicy: RemovalPolicy.DESTROY });
    // AWS Control Tower's proactive controls: createEncryptionKey lets only AWS services create grants on the key
    // (CT.KMS.PR.3), and the dead-letter queue says it is one (CT.SQS.PR.1).
    const deadLetterQueue = new sqs.Queue(this, 'DeadLetterQueue', {
      ...secureDeadLetterQueueProps(key, false),
      redriveAllowPolicy: { redrivePermission: sqs.RedrivePermission.ALLOW_ALL },
    });
    acknowledge(deadLetterQueue, DEAD_LETTER_QUEUE_HAS_NO_REDRIVE);
    this.queue = new sqs.Queue(this, 'Queue', {
      ...secureQueueProps(key, false),
      visibilityTimeout: Duration.seconds(60),
      deadLetterQueue: { queue: deadLetterQueue, maxReceiveCount: 5 },
    });
    this.service = thumbnailWorkers(this, vpc, this.queue, key);

    // README: queue-depth-scaling
    this.scaling = new QueueDepthScaling(this, 'Workers', {
      queue: this.queue,
      service: this.service,
      // A thumbnail may take 2 minutes from upload to done; one takes 4 seconds to render.
      acceptableLatency: Duration.minutes(2),
      messageProcessingTime: Duration.seconds(4),
      messagesInParallelPerWorker: 1,
      // No task runs while nothing is uploaded; at most 20 render at once.
      minCapacity: 0,
      maxCapacity: 20,
      encryptionKey: key,
    });
    // this.scaling.targetBacklogPerWorker === 30
    // README: end
  }
}

function importedVpc(scope: Construct): ec2.IVpc {
  const context = (key: string, fallback: string[]): string[] => scope.node.tryGetContext(`thumbnailsVpc:${key}`) ?? fallback;
  return ec2.Vpc.fromVpcAttributes(scope, 'Vpc', {
    vpcId: context('vpcId', ['vpc-0123456789abcdef0'])[0],
    availabilityZones: context('availabilityZones', ['eu-west-1a', 'eu-west-1b']),
    privateSubnetIds: context('privateSubnetIds', ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1']),
    privateSubnetRouteTableIds: context('privateSubnetRouteTableIds', ['rtb-0123456789abcdef0', 'rtb-0123456789abcdef1']),
  });
}

/** A Fargate service whose tasks run the worker loop (worker/worker.ts) on the queue. */
function thumbnailWorkers(scope: Construct, vpc: ec2.IVpc, queue: sqs.IQueue, key: kms.IKey): ecs.FargateService {
  const cluster = new ecs.Cluster(scope, 'Cluster', { vpc });
  const logGroup = new logs.LogGroup(scope, 'WorkerLogs', {
    encryptionKey: key,
    retention: logs.RetentionDays.ONE_YEAR,
    removalPolicy: RemovalPolicy.DESTROY,
  });
  // The execution role's permissions live in a customer-managed policy (the NIST, HIPAA and PCI packs reject
  // inline ones), so the role takes no grants of its own.
  const executionRole = new iam.Role(scope, 'WorkerExecutionRole', { assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com') });
  new iam.ManagedPolicy(scope, 'WorkerExecutionPolicy', {
    roles: [executionRole],
    statements: [new iam.PolicyStatement({ actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [logGroup.logGroupArn] })],
  });
  const taskDefinition = new ecs.FargateTaskDefinition(scope, 'Worker', {
    cpu: 256,
    memoryLimitMiB: 512,
    executionRole: executionRole.withoutPolicyUpdates(),
  });
  acknowledge(taskDefinition, {
    id: 'AwsSolutions-ECS2',
    reason: 'The two variables are the queue URL and the processing time, neither a secret; a worker that needs one reads it from Secrets Manager (ecs.Secret).',
  });
  taskDefinition.addContainer('worker', {
    image: ecs.ContainerImage.fromRegistry('public.ecr.aws/docker/library/node:22-alpine'),
    command: ['node', 'worker.js'],
    memoryLimitMiB: 512,
    environment: { QUEUE_URL: queue.queueUrl, MESSAGE_PROCESSING_SECONDS: '4' },
    logging: ecs.LogDrivers.awsLogs({ logGroup, streamPrefix: 'worker' }),
    readonlyRootFilesystem: true,
    user: '1000',
  });
  return new ecs.FargateService(scope, 'Service', {
    cluster,
    taskDefinition,
    vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
    platformVersion: ecs.FargatePlatformVersion.LATEST,
    minHealthyPercent: 100,
    // A deployment whose tasks cannot start fails in minutes and rolls back, instead of retrying for hours.
    circuitBreaker: { rollback: true },
  });
}
