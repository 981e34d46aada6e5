import { createHash } from 'crypto';
import { CompiledFilterPolicy, FilterScope, compileFilterPolicy, validateFilterPolicy } from '../../../filter-policy';
import { SNS_LIMITS } from '../../../core/limits';
import { SimulationRuntime } from '../../runtime';
import { TraceCounter } from '../../trace';
import { InvalidRequestError, RequestRejection, publishRejection } from '../../requests';
import { ServiceCaller } from '../../world/calls';
import { SimulationWorld } from '../../world/world';
import { SnsLambdaTarget, snsLambdaTarget } from './lambda-delivery';
import { EnvelopeWriter } from './envelope';
import { PublishedMessage, SnsPublishInput } from './published-message';
import { DeduplicationWindow } from '../sqs/deduplication';
import { SqsMessage } from '../sqs/message';
import { SqsQueue } from '../sqs/queue';

const SNS_PRINCIPAL = 'sns.amazonaws.com';

/** An SQS subscription of a topic, with its filter compiled once and its deliverability decided once. */
export class SnsSubscription {
  public queue: SqsQueue | undefined = undefined;
  public deadLetterQueue: SqsQueue | undefined = undefined;
  /** The function of a `lambda` subscription (invoked asynchronously through Lambda's action: sns/lambda-delivery.ts). */
  public lambda: SnsLambdaTarget | undefined = undefined;
  /** Why SNS cannot deliver to the endpoint (queue policy, key policy, FIFO mismatch), decided when linked. */
  public refusal: string | undefined = undefined;
  /** Why SNS cannot write to the subscription's DLQ, if it has one. */
  public deadLetterRefusal: string | undefined = undefined;
  /** The subscription of the same topic, protocol and endpoint that SNS returns instead of creating this one. */
  public sameAs: SnsSubscription | undefined = undefined;
  /** The attributes this one sets differently from `sameAs`: then SNS refuses it ("already exists with different attributes"). */
  public conflictingAttributes: string[] = [];
  /** Why the endpoint is outside the simulation (an http, email, sms… subscription). */
  public notSimulated: string | undefined = undefined;
  /**
   * The topic ARN's description when it is known only at deploy time (another stack's topic, through
   * Fn::ImportValue or Fn::GetStackOutput): nothing in this simulation publishes to it, and nothing is decided.
   */
  public unresolvedTopic: string | undefined = undefined;
  public readonly filter: CompiledFilterPolicy | undefined;
  /** Why SNS rejects the filter policy, if it does: then the subscription is never created and receives nothing. */
  public readonly filterRejected: string | undefined;
  /** Why the filter let a message through or not, written once for the trace. */
  public readonly filteredOutReason: string;

  constructor(
    public readonly logicalId: string,
    public readonly arn: string,
    public readonly topicArn: string,
    public readonly protocol: string,
    public readonly endpoint: string,
    public readonly filterPolicy: object | undefined,
    public readonly filterScope: FilterScope,
    public readonly rawMessageDelivery: boolean,
    public readonly deadLetterTargetArn: string | undefined,
  ) {
    const problems = filterPolicy ? validateFilterPolicy(filterPolicy, filterScope) : [];
    this.filterRejected = problems.length > 0 ? problems.join('; ') : undefined;
    this.filter = filterPolicy && !this.filterRejected ? compileFilterPolicy(filterPolicy, filterScope) : undefined;
    this.filteredOutReason = `the ${filterScope} filter policy does not match`;
  }

  public link(world: SimulationWorld): void {
    if (this.unresolvedTopic !== undefined) return;
    const topic = world.byArnOf(this.topicArn, SnsTopic);
    // Subscribe is idempotent for a topic, protocol and endpoint: a second resource gets the first's subscription
    // (with other attributes, SNS refuses it). Either way one subscription delivers, once.
    this.sameAs = topic?.subscriptions.find((s) => s.protocol === this.protocol && s.endpoint === this.endpoint);
    if (this.sameAs) this.conflictingAttributes = differingAttributes(this.sameAs, this);
    // SNS refuses to create a subscription with an invalid filter policy (a finding says why): nothing reaches it.
    if (this.protocol === 'lambda' && topic?.fifo) {
      // Subscribe refuses it (AWS-FACTS §2.5): the subscription never exists, so nothing is delivered or lost.
      this.refusal = `SNS refuses to create it: the FIFO topic ${topic.logicalId} delivers only to SQS queues, not to Lambda functions (use FIFO topic → SQS queue → Lambda)`;
      return;
    }
    if (!this.filterRejected && !this.sameAs) topic?.subscriptions.push(this);
    // SNS calls the endpoint's service as itself, for this topic: queue, key and Lambda policies name it so.
    const caller: ServiceCaller = { kind: 'service', principal: SNS_PRINCIPAL, sourceArn: this.topicArn, sourceAccount: world.template.options.environment.account };
    if (this.protocol === 'lambda') {
      const target = snsLambdaTarget(world, caller, this.arn, this.endpoint);
      if (typeof target === 'string') this.refusal = target;
      else this.lambda = target;
    } else if (this.protocol === 'sqs') {
      this.queue = world.byArnOf(this.endpoint, SqsQueue);
      // Policies are static in a template: decided once per subscription, not per message.
      if (this.queue) this.refusal = this.fifoMismatch(topic, this.queue) ?? world.calls.bind(caller, 'sqs:SendMessage', this.endpoint).refusal;
      else this.refusal = `the endpoint ${this.endpoint} is not a queue in the template`;
    } else {
      // HTTP(S), email, SMS, mobile push and Firehose endpoints live outside the template: deliveries are traced, not judged.
      this.notSimulated = `protocol ${this.protocol} is not simulated (only sqs and lambda); the delivery to ${this.endpoint} is not modelled`;
      return;
    }
    if (this.deadLetterTargetArn) {
      this.deadLetterQueue = world.byArnOf(this.deadLetterTargetArn, SqsQueue);
      this.deadLetterRefusal = this.deadLetterQueue
        ? world.calls.bind(caller, 'sqs:SendMessage', this.deadLetterTargetArn).refusal
        : `the dead-letter queue ${this.deadLetterTargetArn} is not in the template`;
    }
  }

  private fifoMismatch(topic: SnsTopic | undefined, queue: SqsQueue): string | undefined {
    if (topic && !topic.fifo && queue.fifo) return `a standard topic cannot deliver to the FIFO queue ${queue.logicalId}`;
    return undefined;
  }
}

/**
 * The attributes `later` sets to another value than `first` has. SNS compares only the attributes the repeated
 * Subscribe passes; one left out (here: at its default) is not a difference.
 */
function differingAttributes(first: SnsSubscription, later: SnsSubscription): string[] {
  const out: string[] = [];
  if (later.filterPolicy !== undefined && JSON.stringify(later.filterPolicy) !== JSON.stringify(first.filterPolicy)) out.push('FilterPolicy');
  if (later.filterScope !== 'MessageAttributes' && later.filterScope !== first.filterScope) out.push('FilterPolicyScope');
  if (later.rawMessageDelivery && !first.rawMessageDelivery) out.push('RawMessageDelivery');
  if (later.deadLetterTargetArn !== undefined && later.deadLetterTargetArn !== first.deadLetterTargetArn) out.push('RedrivePolicy');
  return out;
}

/** An SNS topic: publishes, filters per subscription and delivers to queues, synchronously at the publish time. */
export class SnsTopic {
  public readonly subscriptions: SnsSubscription[] = [];
  private readonly deduplication = new DeduplicationWindow(SNS_LIMITS.deduplicationInterval.min * 1000);
  private sequence = 0;
  private readonly publishedEvents: TraceCounter;
  private readonly deliveredEvents: TraceCounter;
  private readonly filteredOutEvents: TraceCounter;
  private readonly envelopes: EnvelopeWriter;

  constructor(
    private readonly runtime: SimulationRuntime,
    public readonly logicalId: string,
    public readonly arn: string,
    public readonly fifo: boolean,
    public readonly contentBasedDeduplication: boolean,
    /** FifoThroughputScope: deduplication across the topic, or within each message group (AWS-FACTS §2.5). */
    public readonly deduplicationScope: 'Topic' | 'MessageGroup' = 'Topic',
  ) {
    this.publishedEvents = runtime.trace.counter('sns.published');
    this.deliveredEvents = runtime.trace.counter('sns.delivered');
    this.filteredOutEvents = runtime.trace.counter('sns.filteredOut');
    this.envelopes = new EnvelopeWriter(arn, runtime.environment.region);
  }

  /** Publishes; returns the message id, or throws AWS's error (an `InvalidRequestError`) for a publish AWS would reject. */
  public publish(input: SnsPublishInput): { readonly messageId: string; readonly sequenceNumber?: string; readonly deduplicated: boolean } {
    const rejection = this.check(input);
    if (rejection) {
      this.runtime.record('sns.publishFailed', this.logicalId, undefined, rejection.reason, { code: rejection.code });
      throw new InvalidRequestError(rejection.code, `Publish to ${this.logicalId} rejected: ${rejection.reason}`);
    }
    const now = this.runtime.clock.now;
    const messageId = this.runtime.nextId();
    let deduplicationId: string | undefined;
    let sequenceNumber: string | undefined;
    if (this.fifo) {
      deduplicationId = input.deduplicationId ?? createHash('sha256').update(input.message, 'utf8').digest('hex');
      const key = this.deduplicationScope === 'MessageGroup' ? `${input.groupId}\u0000${deduplicationId}` : deduplicationId;
      if (this.deduplication.isDuplicate(key, now)) {
        this.runtime.record('sns.deduplicated', this.logicalId, messageId, 'the deduplication id was published in the last 5 minutes');
        return { messageId, deduplicated: true };
      }
      sequenceNumber = String(++this.sequence).padStart(20, '0');
    }
    const published = new PublishedMessage(input, messageId, this.arn, this.runtime.epoch(now), sequenceNumber, deduplicationId, this.envelopes);
    const trace = this.runtime.trace;
    if (trace.full) this.runtime.record('sns.published', this.logicalId, messageId);
    else this.publishedEvents.n++;
    const subscriptions = this.subscriptions;
    for (let i = 0; i < subscriptions.length; i++) this.deliver(subscriptions[i], published);
    // The published message is the result: it has the id and sequence number, and saves an object per publish.
    return published;
  }

  private check(input: SnsPublishInput): RequestRejection | undefined {
    const invalid = publishRejection(input.message, input.attributes);
    if (invalid) return invalid;
    if (this.fifo && input.groupId === undefined) return { code: 'InvalidParameter', reason: 'a FIFO topic needs a MessageGroupId' };
    if (this.fifo && input.deduplicationId === undefined && !this.contentBasedDeduplication) {
      return { code: 'InvalidParameter', reason: 'the topic has no ContentBasedDeduplication, so each message needs a MessageDeduplicationId' };
    }
    if (!this.fifo && input.deduplicationId !== undefined) return { code: 'InvalidParameter', reason: 'MessageDeduplicationId is only for FIFO topics' };
    if (input.message.length * 3 > SNS_LIMITS.publishSize.max) {
      let size = Buffer.byteLength(input.message, 'utf8');
      for (const [name, a] of Object.entries(input.attributes ?? {})) size += Buffer.byteLength(name) + Buffer.byteLength(a.Type) + Buffer.byteLength(a.Value);
      if (size > SNS_LIMITS.publishSize.max) return { code: 'InvalidParameter', reason: `the message is ${size} bytes; SNS accepts at most ${SNS_LIMITS.publishSize.max}` };
    }
    return undefined;
  }

  private deliver(sub: SnsSubscription, m: PublishedMessage): void {
    const trace = this.runtime.trace;
    // The published message is itself the filter's view of the message (attributes and body).
    if (sub.filter && !sub.filter.matches(m)) {
      if (trace.full) this.runtime.record('sns.filteredOut', sub.logicalId, m.messageId, sub.filteredOutReason);
      else this.filteredOutEvents.n++;
      return;
    }
    if (sub.notSimulated !== undefined) {
      this.runtime.record('sns.notSimulated', sub.logicalId, m.messageId, sub.notSimulated, { protocol: sub.protocol, endpoint: sub.endpoint });
      return;
    }
    let failure = sub.refusal;
    if (failure === undefined && sub.rawMessageDelivery && m.attributeCount > SNS_LIMITS.rawDeliveryAttributes.max) {
      failure = `raw delivery to SQS carries at most ${SNS_LIMITS.rawDeliveryAttributes.max} message attributes`;
    }
    if (failure === undefined && sub.lambda) {
      failure = sub.lambda.deliver(m);
      if (failure === undefined) {
        this.runtime.record('sns.delivered', sub.logicalId, m.messageId, undefined, { function: sub.lambda.functionId });
        return;
      }
    }
    if (failure === undefined) {
      const sent = this.sendTo(sub.queue!, sub, m);
      if (typeof sent !== 'object' || sent instanceof SqsMessage) {
        if (trace.full) this.runtime.record('sns.delivered', sub.logicalId, m.messageId, undefined, { queue: sub.queue!.logicalId, sqsMessageId: typeof sent === 'number' ? this.runtime.formatId(sent) : sent.messageId });
        else this.deliveredEvents.n++;
        return;
      }
      failure = `SQS rejected the message: ${sent.reason}`;
    }
    // A client-side error is not retried (AWS-FACTS §2.4): the message goes to the subscription DLQ or is lost.
    this.runtime.record('sns.deliveryFailed', sub.logicalId, m.messageId, failure, { queue: sub.queue?.logicalId ?? sub.endpoint });
    if (!sub.deadLetterQueue || sub.deadLetterRefusal) {
      const why = sub.deadLetterTargetArn ? `the subscription DLQ cannot take it either: ${sub.deadLetterRefusal}` : 'the subscription has no DLQ';
      this.runtime.record('sns.lost', sub.logicalId, m.messageId, `${failure}; ${why}`);
      return;
    }
    const dl = this.sendTo(sub.deadLetterQueue, sub, m);
    if (typeof dl !== 'object' || dl instanceof SqsMessage) {
      this.runtime.record('sns.deadLettered', sub.logicalId, m.messageId, failure, { queue: sub.deadLetterQueue.logicalId, sqsMessageId: typeof dl === 'number' ? this.runtime.formatId(dl) : dl.messageId });
    } else {
      this.runtime.record('sns.lost', sub.logicalId, m.messageId, `${failure}; the subscription DLQ rejected it: ${dl.reason}`);
    }
  }

  /** Sends to SQS with the envelope deferred: the queue keeps the published message and builds the body when read. */
  private sendTo(queue: SqsQueue, sub: SnsSubscription, m: PublishedMessage) {
    const raw = sub.rawMessageDelivery;
    return queue.enqueue(raw ? m.input.message : m, sub.arn, raw ? m.rawAttributes() : undefined, undefined,
      // The group id reaches FIFO queues only (AWS-FACTS §2.5); SNS passes its deduplication id along.
      queue.fifo ? m.input.groupId : undefined, queue.fifo ? m.deduplicationId ?? m.messageId : undefined, m.messageId);
  }
}
