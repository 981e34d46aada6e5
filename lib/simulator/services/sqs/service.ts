import { SimulatedEnvironment } from '../../runtime';
import { ResourceNaming, ResourceTypeInfo, TemplateError, TemplateResource, physicalName, regionalArn } from '../../template';
import { Caller, CallResult } from '../../world/calls';
import { ServiceModelFactory, ServiceModule, SimulationWorld } from '../../world/world';
import { InvalidRequestError } from '../../requests';
import { moveTaskSourceArn, sqsMoveTasks } from './move-tasks';
import { roleSendRefusal, serviceSendRefusal } from './access';
import './actions';
import { SQS_CHECKS } from './checks';
import { SqsFacade } from './facade';
import { SqsFifoQueue } from './fifo-queue';
import { publishQueueMetrics } from './metrics';
import { SqsQueue } from './queue';
import { SqsQueueSettings, sqsQueueSettings } from './settings';
import { SqsStandardQueue } from './standard-queue';
import './trace-events';

/** A queue URL as SQS builds it (the current sqs.<region>.amazonaws.com form). */
export function queueUrl(env: SimulatedEnvironment, name: string): string {
  return `https://sqs.${env.region}.${env.urlSuffix}/${env.account}/${name}`;
}

const queueName = (r: ResourceNaming) => physicalName(r, 'QueueName', 80, 'FifoQueue');

const QUEUE: ResourceTypeInfo = {
  type: 'AWS::SQS::Queue',
  ref: (r) => queueUrl(r.env, queueName(r)),
  getAtt: (r, a) => ({ Arn: regionalArn(r, 'sqs', queueName(r)), QueueName: queueName(r), QueueUrl: queueUrl(r.env, queueName(r)) })[a],
};

/** Reads AWS::SQS::Queue's properties into queue settings; AWS's defaults fill the rest. */
export function queueSettingsFromTemplate(r: TemplateResource, world: SimulationWorld): SqsQueueSettings {
  const arn = String(r.getAtt('Arn'));
  const name = String(r.getAtt('QueueName'));
  const seconds = (prop: string) => {
    const v = r.numberProp(prop);
    return v === undefined ? undefined : v * 1000;
  };
  const redrive = r.jsonProp('RedrivePolicy') as { deadLetterTargetArn?: unknown; maxReceiveCount?: unknown } | undefined;
  if (redrive && (typeof redrive.deadLetterTargetArn !== 'string' || redrive.maxReceiveCount === undefined)) {
    throw new TemplateError(r.logicalId, 'Properties.RedrivePolicy', 'needs a deadLetterTargetArn known at synth time and a maxReceiveCount');
  }
  const allow = r.jsonProp('RedriveAllowPolicy') as SqsQueueSettings['redriveAllow'] | undefined;
  // Properties left out of the template are undefined here; dropping them keeps AWS's defaults.
  return sqsQueueSettings(defined({
    logicalId: r.logicalId,
    name,
    arn,
    url: queueUrl(world.template.options.environment, name),
    fifo: r.booleanProp('FifoQueue') ?? false,
    visibilityTimeoutMs: seconds('VisibilityTimeout'),
    retentionMs: seconds('MessageRetentionPeriod'),
    delayMs: seconds('DelaySeconds'),
    maximumMessageSize: r.numberProp('MaximumMessageSize'),
    receiveWaitTimeMs: seconds('ReceiveMessageWaitTimeSeconds'),
    contentBasedDeduplication: r.booleanProp('ContentBasedDeduplication'),
    deduplicationScope: r.stringProp('DeduplicationScope') as SqsQueueSettings['deduplicationScope'] | undefined,
    kmsMasterKeyId: r.stringProp('KmsMasterKeyId'),
    redrive: redrive ? { deadLetterTargetArn: redrive.deadLetterTargetArn as string, maxReceiveCount: Number(redrive.maxReceiveCount) } : undefined,
    redriveAllow: allow,
  }));
}

/** The role a call is made with, whose permissions the move task and purge checks read. */
function roleOf(caller: Caller): string | undefined {
  return caller.kind === 'role' ? caller.roleArn : undefined;
}

/** Performs an operation that throws AWS's error as an `InvalidRequestError`, as a call's result. */
function served<T>(perform: () => T): CallResult<T> {
  try {
    return { ok: true, output: perform() };
  } catch (e) {
    if (e instanceof InvalidRequestError) return { ok: false, reason: e.message };
    throw e;
  }
}

function defined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

const QUEUE_MODEL: ServiceModelFactory = {
  type: 'AWS::SQS::Queue',
  create(r, world) {
    const s = queueSettingsFromTemplate(r, world);
    const queue = s.fifo ? new SqsFifoQueue(world.runtime, s) : new SqsStandardQueue(world.runtime, s);
    world.indexArn(s.arn, queue);
    world.indexArn(s.url, queue);
    publishQueueMetrics(world.metrics, queue);
    return queue;
  },
  link(world) {
    for (const q of world.all(SqsQueue)) linkRedrive(q, world);
  },
};

/** Connects a queue to its DLQ and applies the DLQ's RedriveAllowPolicy, as SQS does when the policy is set. */
function linkRedrive(q: SqsQueue, world: SimulationWorld): void {
  const redrive = q.settings.redrive;
  if (!redrive) return;
  const dlq = world.byArnOf(redrive.deadLetterTargetArn, SqsQueue);
  q.deadLetterQueue = dlq;
  if (!dlq) return;
  // SQS rejects such a RedrivePolicy at CreateQueue/SetQueueAttributes, so the deployed queue would have no redrive:
  // messages stay in the source queue however often they are received. A finding reports each case.
  if (dlq.fifo !== q.fifo) {
    q.redriveBlocked = `${dlq.logicalId} is ${dlq.fifo ? 'FIFO' : 'standard'} and ${q.logicalId} is not; a DLQ must be of its source's type`;
    return;
  }
  const allow = dlq.settings.redriveAllow;
  if (allow?.redrivePermission === 'denyAll') q.redriveBlocked = `${dlq.logicalId}'s RedriveAllowPolicy is denyAll`;
  if (allow?.redrivePermission === 'byQueue' && !(allow.sourceQueueArns ?? []).includes(q.arn)) {
    q.redriveBlocked = `${dlq.logicalId}'s RedriveAllowPolicy (byQueue) does not list ${q.logicalId}`;
  }
}

const QUEUE_POLICY_MODEL: ServiceModelFactory = {
  type: 'AWS::SQS::QueuePolicy',
  create: () => ({}),
  // Attached once every queue exists: a policy may come before its queue in the template.
  link(world) {
    for (const r of world.template.ofType('AWS::SQS::QueuePolicy')) {
      const queues = r.prop('Queues');
      if (!Array.isArray(queues)) throw new TemplateError(r.logicalId, 'Properties.Queues', 'must be a list of queue URLs');
      const document = r.jsonProp('PolicyDocument');
      queues.forEach((url, i) => {
        const q = typeof url === 'string' ? world.byArnOf(url, SqsQueue) : undefined;
        if (!q) throw new TemplateError(r.logicalId, `Properties.Queues[${i}]`, `no queue in the template has the URL ${String(url)}`);
        q.policies.push({ logicalId: r.logicalId, document });
      });
    }
  },
};

// One queue, one policy (the newer resource type); on AWS it replaces the queue's policy as a QueuePolicy does.
const QUEUE_INLINE_POLICY_MODEL: ServiceModelFactory = {
  type: 'AWS::SQS::QueueInlinePolicy',
  create: () => ({}),
  link(world) {
    for (const r of world.template.ofType('AWS::SQS::QueueInlinePolicy')) {
      const url = r.stringProp('Queue');
      const q = url === undefined ? undefined : world.byArnOf(url, SqsQueue);
      if (!q) throw new TemplateError(r.logicalId, 'Properties.Queue', `no queue in the template has the URL ${String(url)}`);
      q.policies.push({ logicalId: r.logicalId, document: r.jsonProp('PolicyDocument') });
    }
  },
};

/**
 * SQS: standard and FIFO queues, their policies and redrive. Serves `sqs:SendMessage` to other services: a
 * service principal (SNS for a topic) needs the queue policy and the queue's key policy to allow it; a role
 * (a function's, an API integration's) needs its identity policies (the IAM guard), no deny in the queue policy,
 * and the queue key's permission to generate a data key and decrypt. Serves the message move task actions and
 * `sqs:PurgeQueue` (services/sqs/move-tasks.ts), which check everything a role caller needs (move-task-permissions.ts).
 */
export const SQS_SERVICE: ServiceModule<SqsFacade> = {
  name: 'sqs',
  resourceTypes: [QUEUE],
  models: [QUEUE_MODEL, QUEUE_POLICY_MODEL, QUEUE_INLINE_POLICY_MODEL],
  install(world) {
    const find = (resource: string) => world.byArnOf(resource, SqsQueue);
    const logicalIdOf = (q: SqsQueue) => q.logicalId;
    const arnOf = (q: SqsQueue) => q.arn;
    world.calls.serve('sqs:SendMessage', {
      find,
      logicalIdOf,
      arnOf,
      authorize: (caller, q) => (caller.kind === 'service' ? serviceSendRefusal(world, q, caller.principal, caller.sourceArn) : roleSendRefusal(world, q, caller.roleArn)),
      handle(_caller, q, input) {
        const sent = q.send(input);
        return sent.ok ? { ok: true, output: { messageId: sent.messageId } } : { ok: false, reason: sent.reason };
      },
    });
    const tasks = sqsMoveTasks(world);
    world.calls.serve('sqs:StartMessageMoveTask', { find, logicalIdOf, arnOf, handle: (caller, q, input) => served(() => ({ taskHandle: tasks.start(q, input, roleOf(caller)).plan.handle })) });
    world.calls.serve('sqs:ListMessageMoveTasks', { find, logicalIdOf, arnOf, handle: (caller, q, input) => served(() => ({ results: tasks.list(q, input.maxResults, roleOf(caller)) })) });
    world.calls.serve('sqs:CancelMessageMoveTask', {
      find,
      logicalIdOf,
      arnOf,
      handle: (caller, q, input) => served(() => {
        if (moveTaskSourceArn(input.taskHandle) !== q.arn) throw new InvalidRequestError('ResourceNotFoundException', `${input.taskHandle} is not a task of ${q.logicalId}`);
        return { approximateNumberOfMessagesMoved: tasks.cancel(input.taskHandle, roleOf(caller)) };
      }),
    });
    world.calls.serve('sqs:PurgeQueue', {
      find,
      logicalIdOf,
      arnOf,
      handle: (caller, q) => served(() => {
        tasks.purge(q, roleOf(caller));
        return {};
      }),
    });
  },
  checks: SQS_CHECKS,
  facade: (context) => new SqsFacade(context),
};
