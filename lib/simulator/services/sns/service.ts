import { FilterScope } from '../../../filter-policy';
import { ResourceNaming, ResourceTypeInfo, TemplateError, TemplateResource, deterministicUuid, isUnresolved, physicalName, regionalArn } from '../../template';
import { ServiceModule } from '../../world/world';
import './actions';
import { SNS_CHECKS } from './checks';
import { SnsFacade } from './facade';
import { SnsSubscription, SnsTopic } from './topic';
import './trace-events';

const topicName = (r: ResourceNaming) => physicalName(r, 'TopicName', 256, 'FifoTopic');

const TOPIC: ResourceTypeInfo = {
  type: 'AWS::SNS::Topic',
  ref: (r) => regionalArn(r, 'sns', topicName(r)),
  getAtt: (r, a) => ({ TopicArn: regionalArn(r, 'sns', topicName(r)), TopicName: topicName(r) })[a],
};

const SUBSCRIPTION: ResourceTypeInfo = {
  type: 'AWS::SNS::Subscription',
  ref: (r) => `${String(r.prop('TopicArn'))}:${deterministicUuid(`${r.stackName}/${r.logicalId}`)}`,
};

function subscriptionFrom(r: TemplateResource, logicalId: string, arn: string, topicArn: string, props: (name: string) => unknown): SnsSubscription {
  const endpoint = props('Endpoint');
  const protocol = props('Protocol');
  if (typeof endpoint !== 'string' || typeof protocol !== 'string') throw new TemplateError(r.logicalId, 'Properties.Endpoint', 'a subscription needs a Protocol and an Endpoint known at synth time');
  const redrive = props('RedrivePolicy') as { deadLetterTargetArn?: string } | undefined;
  return new SnsSubscription(logicalId, arn, topicArn, protocol, endpoint, props('FilterPolicy') as object | undefined,
    (props('FilterPolicyScope') as FilterScope | undefined) ?? 'MessageAttributes', String(props('RawMessageDelivery')) === 'true', redrive?.deadLetterTargetArn);
}

/**
 * SNS: topics and subscriptions (SQS, Lambda; other protocols traced as not simulated). Delivers to SQS queues
 * directly (a fan-out's hot path) after asking `sqs:SendMessage` once per subscription whether SNS may; invokes
 * functions through `lambda:InvokeFunction`. Serves `sns:Publish` to other services.
 */
export const SNS_SERVICE: ServiceModule<SnsFacade> = {
  name: 'sns',
  resourceTypes: [TOPIC, SUBSCRIPTION],
  models: [
    {
      type: 'AWS::SNS::Topic',
      create(r, world) {
        const topic = new SnsTopic(world.runtime, r.logicalId, String(r.ref), r.booleanProp('FifoTopic') ?? false, r.booleanProp('ContentBasedDeduplication') ?? false,
          r.stringProp('FifoThroughputScope') === 'MessageGroup' ? 'MessageGroup' : 'Topic');
        world.indexArn(topic.arn, topic);
        // Inline subscriptions (the Topic's Subscription property) have no filter, raw delivery or DLQ.
        const inline = (r.prop('Subscription') as Record<string, unknown>[] | undefined) ?? [];
        inline.forEach((s, i) => {
          const id = `${r.logicalId}.Subscription[${i}]`;
          world.models.set(id, subscriptionFrom(r, id, `${topic.arn}:inline-${i}`, topic.arn, (n) => s[n]));
        });
        return topic;
      },
    },
    {
      type: 'AWS::SNS::Subscription',
      create(r) {
        // A topic of another stack (an imported or cross-stack reference) is known only at deploy time: kept as its
        // description, it matches no topic here, and a finding says nothing in this simulation publishes to it.
        const topic = r.prop('TopicArn');
        const topicArn = isUnresolved(topic) ? topic.toString() : r.stringProp('TopicArn')!;
        const subscription = subscriptionFrom(r, r.logicalId, String(r.ref), topicArn, (n) => (n === 'FilterPolicy' || n === 'RedrivePolicy' ? r.jsonProp(n) : r.prop(n)));
        if (isUnresolved(topic)) subscription.unresolvedTopic = topic.description;
        return subscription;
      },
    },
  ],
  install(world) {
    world.calls.serve('sns:Publish', {
      find: (resource) => world.byArnOf(resource, SnsTopic),
      logicalIdOf: (t) => t.logicalId,
      handle(_caller, topic, input) {
        try {
          return { ok: true, output: { messageId: topic.publish(input).messageId } };
        } catch (e) {
          return { ok: false, reason: (e as Error).message };
        }
      },
    });
  },
  checks: SNS_CHECKS,
  facade: (context) => new SnsFacade(context),
};
