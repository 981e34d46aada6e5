import { App, Duration, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subs from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Simulation } from '../../../lib/simulator';

// GIVEN a topic with a filtered Lambda subscription (aws-cdk-lib adds the AWS::Lambda::Permission for SNS)
const stack = new Stack(new App(), 'SnsToLambda');
const topic = new sns.Topic(stack, 'Topic');
const failures = new sqs.Queue(stack, 'Failures');
const fn = new lambda.Function(stack, 'Notifier', {
  runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => {}'),
  retryAttempts: 1, onFailure: { bind: () => ({ destination: failures.queueArn }) },
});
failures.grantSendMessages(fn);
topic.addSubscription(new subs.LambdaSubscription(fn, { filterPolicy: { kind: sns.SubscriptionFilter.stringFilter({ allowlist: ['alert'] }) } }));

describe('SNS subscriptions of protocol lambda', () => {
  test('a matching message invokes the function asynchronously with the aws:sns event', async () => {
    const sim = Simulation.fromStack(stack);
    const events: { Records: { EventSource: string; Sns: { Message: string; TopicArn: string; MessageAttributes: unknown } }[] }[] = [];
    sim.onInvoke(fn, (e: (typeof events)[number]) => {
      events.push(e);
    });
    sim.publish(topic, { message: 'disk full', attributes: { kind: 'alert' } });
    sim.publish(topic, { message: 'all good', attributes: { kind: 'info' } });
    await sim.advance(Duration.seconds(1));
    expect(events).toHaveLength(1);
    expect(events[0].Records[0]).toMatchObject({
      EventSource: 'aws:sns',
      Sns: { Message: 'disk full', TopicArn: sim.topic(topic).arn, MessageAttributes: { kind: { Type: 'String', Value: 'alert' } } },
    });
  });

  test('a failing function is retried as an asynchronous invocation, then goes to its on-failure destination', async () => {
    const sim = Simulation.fromStack(stack);
    sim.onInvoke(fn, () => {
      throw new Error('pager service down');
    });
    sim.publish(topic, { message: 'disk full', attributes: { kind: 'alert' } });
    await sim.advance(Duration.minutes(5));
    expect(sim.functionMetrics(fn).totals.invocations).toBe(2);
    expect(JSON.parse(sim.queue(failures).visible[0].body)).toMatchObject({ requestContext: { condition: 'RetriesExhausted' } });
  });

  test('without an AWS::Lambda::Permission for the topic, the delivery fails with the reason', () => {
    const sim = Simulation.fromTemplate({
      Resources: {
        Topic: { Type: 'AWS::SNS::Topic', Properties: {} },
        Fn: { Type: 'AWS::Lambda::Function', Properties: { Handler: 'index.handler', Code: { ZipFile: '' } } },
        Sub: { Type: 'AWS::SNS::Subscription', Properties: { TopicArn: { Ref: 'Topic' }, Protocol: 'lambda', Endpoint: { 'Fn::GetAtt': ['Fn', 'Arn'] } } },
      },
    } as never);
    sim.onInvoke('Fn', () => undefined);
    sim.publish('Topic', { message: 'hi' });
    expect(sim.events({ type: 'sns.lost' })[0].reason).toMatch(/no AWS::Lambda::Permission lets sns.amazonaws.com invoke Fn/);
    expect(sim.findings().map((f) => f.code)).toContain('decoupled-sim:subscription-undeliverable');
    // A standard topic does deliver to Lambda: the fix is about permissions, not a queue in between.
    expect(sim.findings().find((f) => f.code === 'decoupled-sim:subscription-undeliverable')?.fix).not.toMatch(/Subscribe an SQS queue/);
  });

  test('FIFO topics refuse lambda subscriptions: an error finding, and the function is never invoked', async () => {
    const sim = Simulation.fromTemplate({
      Resources: {
        Topic: { Type: 'AWS::SNS::Topic', Properties: { TopicName: 't.fifo', FifoTopic: true, ContentBasedDeduplication: true } },
        Fn: { Type: 'AWS::Lambda::Function', Properties: { Handler: 'index.handler', Code: { ZipFile: '' } } },
        Allow: { Type: 'AWS::Lambda::Permission', Properties: { Action: 'lambda:InvokeFunction', FunctionName: { Ref: 'Fn' }, Principal: 'sns.amazonaws.com', SourceArn: { Ref: 'Topic' } } },
        Sub: { Type: 'AWS::SNS::Subscription', Properties: { TopicArn: { Ref: 'Topic' }, Protocol: 'lambda', Endpoint: { 'Fn::GetAtt': ['Fn', 'Arn'] } } },
      },
    } as never);
    const invoked: unknown[] = [];
    sim.onInvoke('Fn', (e) => void invoked.push(e));
    const [finding] = sim.findings().filter((f) => f.code === 'decoupled-sim:subscription-undeliverable');
    expect(finding).toMatchObject({ severity: 'error', resources: ['Sub', expect.any(String)] });
    expect(finding.message).toMatch(/the FIFO topic Topic delivers only to SQS queues, not to Lambda functions \(use FIFO topic → SQS queue → Lambda\)/);
    // The fix is a queue between topic and function, not a policy: no policy makes SNS deliver from a FIFO topic to Lambda.
    expect(finding.fix).toMatch(/^Subscribe an SQS queue .* to the FIFO topic instead, and consume that queue with the function .*subscribers.<name>.consumer/);
    expect(finding.fix).not.toMatch(/policy/);
    sim.publish('Topic', { message: 'hi', groupId: 'g' });
    await sim.advance(Duration.minutes(1));
    expect(invoked).toEqual([]);
    expect(sim.events({ type: ['sns.delivered', 'sns.lost', 'sns.deliveryFailed'] })).toEqual([]);
  });
});
