import { Duration, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import { AuthorizedApi, AuthorizedApiProps, QueueConsumer, TopicFanOut } from '../../../lib';
import { alarmActions, alarmsOnTheSameMetric } from '../../support/alarms';
import { newFunction, newStack } from './support';

/** The alarms of a template, as [metric, statistic, period, threshold]. */
function alarmsOf(template: Template): unknown[][] {
  return Object.values(template.findResources('AWS::CloudWatch::Alarm'))
    .map((a) => [a.Properties.MetricName, a.Properties.Statistic, a.Properties.Period, a.Properties.Threshold]);
}

/** An API with one function route, and more props. */
function api(stack: Stack, more: Partial<AuthorizedApiProps> = {}): AuthorizedApi {
  return new AuthorizedApi(stack, 'Api', { authorizer: { type: 'iam' }, routes: { 'GET /orders': { function: newFunction(stack, 'Fn') } }, ...more });
}

describe('the server-errors alarm of an AuthorizedApi on its own', () => {
  // GIVEN an API with the default alarms, synthesized once
  let stack: Stack;
  let made: AuthorizedApi;
  let template: Template;
  beforeAll(() => {
    stack = newStack();
    made = api(stack);
    template = Template.fromStack(stack);
  });

  test('fires on any 5XX answer of the stage within a minute', () => {
    expect(alarmsOf(template)).toEqual([['5XXError', 'Sum', 60, 1]]);
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/ApiGateway',
      Dimensions: [{ Name: 'ApiName', Value: stack.resolve(made.restApi.restApiName) }, { Name: 'Stage', Value: stack.resolve(made.stage.stageName) }],
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      EvaluationPeriods: 1,
      TreatMissingData: 'notBreaching',
    });
  });

  test('notifies a topic of its own, encrypted with the API\'s key', () => {
    expect(alarmActions(template)).toEqual([JSON.stringify(stack.resolve(made.alarmTopic!.topicArn))]);
    template.resourceCountIs('AWS::SNS::Topic', 1);
    template.resourceCountIs('AWS::KMS::Key', 1);
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: stack.resolve((made.alarmTopic as sns.Topic).masterKey!.keyArn) });
  });
});

describe('turning the alarm off, or giving its topic', () => {
  test('alarms: false makes no alarm and no topic', () => {
    const stack = newStack();
    const made = api(stack, { alarms: false });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::CloudWatch::Alarm', 0);
    template.resourceCountIs('AWS::SNS::Topic', 0);
    expect([made.alarmTopic, made.serverErrorsAlarm]).toEqual([undefined, undefined]);
  });

  test('a given alarmTopic is notified, and the pattern makes none', () => {
    const stack = newStack();
    const pager = sns.Topic.fromTopicArn(stack, 'Pager', 'arn:aws:sns:eu-west-1:111111111111:pager');
    api(stack, { alarmTopic: pager });
    const template = Template.fromStack(stack);
    expect(alarmActions(template)).toEqual([JSON.stringify('arn:aws:sns:eu-west-1:111111111111:pager')]);
    template.resourceCountIs('AWS::SNS::Topic', 0);
  });
});

describe('an API in front of another pattern\'s queues or topic notifies that pattern\'s alarm topic', () => {
  test('a fan-out: one alarm topic for both, and no metric alarmed twice', () => {
    // GIVEN a fan-out, and an API whose routes send to its queue and publish to its topic
    const stack = newStack('Shop');
    const orders = new TopicFanOut(stack, 'Orders', { subscribers: { intake: {} } });
    const made = new AuthorizedApi(stack, 'Api', {
      authorizer: { type: 'iam' },
      routes: { 'POST /orders': { queue: orders.queue('intake') }, 'POST /events': { topic: orders.topic } },
    });
    const template = Template.fromStack(stack);
    // THEN every alarm of both notifies the fan-out's alarm topic, the only one besides the fan-out's own topic
    expect(made.alarmTopic).toBe(orders.alarmTopic);
    expect(alarmActions(template)).toEqual([JSON.stringify(stack.resolve(orders.alarmTopic!.topicArn))]);
    template.resourceCountIs('AWS::SNS::Topic', 2);
    expect(alarmsOnTheSameMetric(template)).toEqual([]);
  });

  test('a fan-out with its alarms off: its alarm topic is made on first use, with its key', () => {
    const stack = newStack('Shop');
    const orders = new TopicFanOut(stack, 'Orders', { alarms: false, subscribers: { intake: {} } });
    expect(orders.alarmTopic).toBeUndefined();
    const made = new AuthorizedApi(stack, 'Api', { authorizer: { type: 'iam' }, routes: { 'POST /orders': { queue: orders.queue('intake') } } });
    expect(made.alarmTopic).toBe(orders.alarmTopic);
    Template.fromStack(stack).hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: stack.resolve(orders.encryptionKey.keyArn) });
  });

  test('routes to two patterns: the API makes its own alarm topic rather than pick one', () => {
    // GIVEN a fan-out and a QueueConsumer, each with its own alarm topic
    const stack = newStack('Shop');
    const orders = new TopicFanOut(stack, 'Orders', { subscribers: { intake: {} } });
    const returns = new QueueConsumer(stack, 'Returns', {
      functionProps: { handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => ({ batchItemFailures: [] });'), timeout: Duration.seconds(1) },
    });
    // WHEN one API routes to both
    const made = new AuthorizedApi(stack, 'Api', {
      authorizer: { type: 'iam' },
      routes: { 'POST /orders': { queue: orders.queue('intake') }, 'POST /returns': { queue: returns.queue } },
    });
    // THEN its alarm topic is neither's
    expect(made.alarmTopic).toBeDefined();
    expect([orders.alarmTopic, returns.alarmTopic]).not.toContain(made.alarmTopic);
    expect(made.alarmTopic!.node.path).toBe('Shop/Api/AlarmTopic');
  });
});
