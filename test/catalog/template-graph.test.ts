import { App, Duration, Stack, Stage, aws_cloudwatch as cloudwatch, aws_cloudwatch_actions as actions, aws_kms as kms, aws_lambda as lambda, aws_sns as sns, aws_sns_subscriptions as subscriptions, aws_sqs as sqs, cx_api as cxapi } from 'aws-cdk-lib';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Template } from 'aws-cdk-lib/assertions';
import { DiagramTemplate, drawTemplate, resourceLabel, templateGraph } from '../../lib/catalog';

/**
 * What a diagram reads from a template: each kind of connection between the resources it shows, labelled by
 * construct path below the stack (a stack in a stage here), and the key said on the boxes it encrypts.
 * One stack of plain aws-cdk-lib constructs, synthesized once.
 */

const app = new App({ context: { [cxapi.PATH_METADATA_ENABLE_CONTEXT]: true } });
const stack = new Stack(new Stage(app, 'Prod'), 'Orders');
const key = new kms.Key(stack, 'Key');
const topic = new sns.Topic(stack, 'Topic');
const deadLetters = new sqs.Queue(stack, 'DeadLetters', { encryptionMasterKey: key });
const work = new sqs.Queue(stack, 'Work', { encryptionMasterKey: key, deadLetterQueue: { queue: deadLetters, maxReceiveCount: 5 } });
const failedDeliveries = new sqs.Queue(stack, 'FailedDeliveries');
const out = new sqs.Queue(stack, 'Out');
topic.addSubscription(new subscriptions.SqsSubscription(work, {
  rawMessageDelivery: true, deadLetterQueue: failedDeliveries, filterPolicy: { type: sns.SubscriptionFilter.stringFilter({ allowlist: ['placed'] }) },
}));
const handler = new lambda.Function(stack, 'Handler', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => {}') });
handler.addEventSource(new SqsEventSource(work, { batchSize: 10 }));
out.grantSendMessages(handler);
new cloudwatch.Alarm(stack, 'OldestMessage', { metric: work.metricApproximateAgeOfOldestMessage({ period: Duration.minutes(1) }), threshold: 300, evaluationPeriods: 1 })
  .addAlarmAction(new actions.SnsAction(topic));

const template = Template.fromStack(stack).toJSON() as DiagramTemplate;
const graph = templateGraph(template, { stackPath: 'Prod/Orders' });
const label = new Map(graph.nodes.map((n) => [n.id, n.label]));
const edges = graph.edges.map((e) => [label.get(e.source), e.kind, e.label, label.get(e.target)]);

describe('templateGraph', () => {
  test('labels each resource by its construct path below the stack, the stage left out', () => {
    expect([...label.values()].sort()).toEqual(['DeadLetters', 'FailedDeliveries', 'Handler', 'Key', 'OldestMessage', 'Out', 'Topic', 'Work']);
  });

  test('without the stack\'s path, takes the first segment of the path as the stack (a stack at the root of its app)', () => {
    const workId = graph.nodes.find((n) => n.label === 'Work')!.id;
    expect(resourceLabel(template, workId)).toBe('Orders/Work');
    expect(resourceLabel(template, workId, 'Prod/Orders')).toBe('Work');
    expect(resourceLabel({ Resources: { Bare: {} } }, 'Bare')).toBe('Bare');
  });

  test('draws subscriptions with their filter and raw delivery, and the subscription\'s dead-letter queue', () => {
    expect(edges).toContainEqual(['Topic', 'subscription', 'subscription, filtered, raw', 'Work']);
    expect(edges).toContainEqual(['Topic', 'redrive', 'failed deliveries', 'FailedDeliveries']);
  });

  test('draws redrive with maxReceiveCount, and the event source mapping with its batch size', () => {
    expect(edges).toContainEqual(['Work', 'redrive', 'redrive after 5 receives', 'DeadLetters']);
    expect(edges).toContainEqual(['Work', 'event-source', 'event source mapping, batch 10', 'Handler']);
  });

  test('draws grants from the function that assumes the role, and names the actions (the first, and how many more)', () => {
    expect(edges).toContainEqual(['Handler', 'grant', 'sqs:GetQueueAttributes +2', 'Out']);
    expect(edges.filter((e) => e[1] === 'grant' && e[3] === 'Key')).toEqual([]);
  });

  test('draws what an alarm watches and what it notifies', () => {
    expect(edges).toContainEqual(['Work', 'alarm', 'age of oldest message', 'OldestMessage']);
    expect(edges).toContainEqual(['OldestMessage', 'alarm', 'notifies', 'Topic']);
  });

  test('says the key on the boxes it encrypts instead of drawing arrows to it', () => {
    expect(graph.nodes.filter((n) => n.encryptedBy).map((n) => [n.label, n.encryptedBy])).toEqual([['DeadLetters', ['Key']], ['Work', ['Key']]]);
    expect(edges.filter((e) => e[3] === 'Key' || e[0] === 'Key')).toEqual([]);
  });

  test('drawTemplate lays it out into an SVG whose labels are text', async () => {
    const svg = await drawTemplate(template, 'Orders', { stackPath: 'Prod/Orders' });
    expect(svg.match(/<text class="label"[^>]*>([^<]+)<\/text>/g)!.map((t) => t.replace(/<[^>]+>/g, '')).sort()).toEqual([...label.values()].sort());
  });
});
