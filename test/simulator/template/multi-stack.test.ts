import { App, CfnOutput, Fn, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sources from 'aws-cdk-lib/aws-lambda-event-sources';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subs from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Simulation, TemplateError } from '../../../lib/simulator';
import { queue, template } from '../fixtures/templates';

// Values another stack exports are known only at deploy time: they stay unresolved through every intrinsic that
// holds them (Fn::Join, Fn::Sub, Fn::Select, Fn::Split), and only a property the simulator must read fails, naming them.

/** A producer stack (a topic, a queue, an export) and a consumer stack that uses them the ways CDK apps do. */
function twoStacks() {
  const app = new App();
  const producer = new Stack(app, 'Producer');
  const orders = new sqs.Queue(producer, 'Orders');
  const topic = new sns.Topic(producer, 'Topic');
  new CfnOutput(producer, 'TopicNameOutput', { value: topic.topicName, exportName: 'OrdersTopicName' });

  const consumer = new Stack(app, 'Consumer');
  const fn = new lambda.Function(consumer, 'Worker', {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({});'),
    environment: {
      // An ARN built from another stack's attribute (CDK's cross-stack reference) and from an export.
      ORDERS_PREFIX: `${orders.queueArn}/`,
      TOPIC_ARN: consumer.formatArn({ service: 'sns', resource: Fn.importValue('OrdersTopicName') }),
      FIRST_AZ: Fn.select(0, Fn.split(',', Fn.importValue('OrdersZones'))),
      PLAIN: 'known',
    },
  });
  orders.grantSendMessages(fn);
  fn.addEventSource(new sources.SqsEventSource(orders));
  const inbox = new sqs.Queue(consumer, 'Inbox');
  topic.addSubscription(new subs.SqsSubscription(inbox));
  const local = new sns.Topic(consumer, 'Local');
  local.addSubscription(new subs.SqsSubscription(inbox));
  return { producer, consumer, fn, inbox, local };
}

describe('a two-stack CDK app', () => {
  const { producer, consumer, fn, inbox, local } = twoStacks();
  let sim: Simulation;
  beforeEach(() => {
    sim = Simulation.fromStack(consumer);
  });

  test('the consumer stack simulates: values from the producer stay unresolved, each saying what it waits for', () => {
    const settings = sim.lambdaFunction(fn).settings;
    expect(settings.environment).toEqual({ PLAIN: 'known' });
    expect(settings.unresolvedEnvironment).toEqual({
      ORDERS_PREFIX: expect.stringMatching(/^Fn::Join containing Fn::GetStackOutput "Producer"\."\w+"$/),
      TOPIC_ARN: 'Fn::Join containing Fn::ImportValue "OrdersTopicName"',
      FIRST_AZ: 'Fn::Select from Fn::Split of Fn::ImportValue "OrdersZones"',
    });
  });

  test('a subscription to the producer\'s topic and a mapping on its queue are warnings, not errors: nothing here reaches them', () => {
    const findings = sim.findings();
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(findings.find((f) => f.code === 'decoupled-sim:subscription-topic-outside-template')?.message)
      .toMatch(/to a topic known only at deploy time \(Fn::GetStackOutput "Producer"\.".+"\): nothing in this simulation publishes to it/);
    expect(findings.find((f) => f.code === 'decoupled-sim:mapping-not-simulated')?.message).toMatch(/is not an SQS queue of the template/);
  });

  test('what the consumer stack owns still runs: its own topic delivers to the shared inbox', () => {
    sim.publish(local, { message: 'local' });
    expect(sim.receive(inbox).map((m) => JSON.parse(m.body).Message)).toEqual(['local']);
  });

  test('the producer stack simulates on its own', () => {
    expect(Simulation.fromStack(producer).findings().filter((f) => f.severity === 'error')).toEqual([]);
  });
});

describe('unresolved values through intrinsics', () => {
  const resolveIn = (value: unknown) => Simulation.fromTemplate(template({ Q: queue('q') })).template.resolve(value, { logicalId: 'Test', path: '' });
  const imported = { 'Fn::ImportValue': 'Shared' };

  test.each([
    ['Fn::Join holding one', { 'Fn::Join': ['', ['arn:aws:sqs:us-east-1:123456789012:', imported]] }, 'Fn::Join containing Fn::ImportValue "Shared"'],
    ['Fn::Join of an unresolved list', { 'Fn::Join': [',', { 'Fn::Split': [',', imported] }] }, 'Fn::Join of Fn::Split of Fn::ImportValue "Shared"'],
    ['Fn::Sub naming one as a variable', { 'Fn::Sub': ['${Prefix}-q', { Prefix: imported }] }, 'Fn::Sub containing Fn::ImportValue "Shared"'],
    ['Fn::Select from an unresolved list', { 'Fn::Select': [1, { 'Fn::Split': [',', imported] }] }, 'Fn::Select from Fn::Split of Fn::ImportValue "Shared"'],
    ['Fn::Select at an unresolved index', { 'Fn::Select': [imported, ['a', 'b']] }, 'Fn::Select at Fn::ImportValue "Shared"'],
    ['Fn::ImportValue of a Fn::Sub', { 'Fn::ImportValue': { 'Fn::Sub': '${AWS::StackName}-Arn' } }, 'Fn::ImportValue "SimulatedStack-Arn"'],
  ])('%s stays unresolved', (_, value, description) => {
    expect(String(resolveIn(value))).toBe(`<unresolved ${description}>`);
  });

  test('Fn::Select picks an unresolved item as it is, and a resolved one beside it', () => {
    expect(String(resolveIn({ 'Fn::Select': [0, [imported, 'b']] }))).toBe('<unresolved Fn::ImportValue "Shared">');
    expect(resolveIn({ 'Fn::Select': [1, [imported, 'b']] })).toBe('b');
  });

  test('fails if a property the simulator reads holds one: a TemplateError naming the property and the import', () => {
    const build = () => Simulation.fromTemplate(template({ Q: queue('', { QueueName: { 'Fn::Join': ['-', [imported, 'q']] } }) }));
    expect(build).toThrow(TemplateError);
    expect(build).toThrow('Q.Properties.QueueName: the simulator needs this value but it is only known at deploy time (Fn::Join containing Fn::ImportValue "Shared"); pass the parameter\'s value in the Simulation\'s `parameters`, or simulate the stack that exports it');
  });
});
