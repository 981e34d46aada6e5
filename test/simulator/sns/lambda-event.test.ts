import { Duration } from 'aws-cdk-lib';
import { Simulation } from '../../../lib/simulator';
import { template, topic } from '../fixtures/templates';

// The aws:sns event SNS hands a Lambda subscription, field by field, and the lambda subscriptions SNS refuses.

const FN_ARN = 'arn:aws:lambda:us-east-1:123456789012:function:worker';
const TOPIC_ARN = 'arn:aws:sns:us-east-1:123456789012:alerts';
const fn = { Type: 'AWS::Lambda::Function', Properties: { FunctionName: 'worker', Handler: 'index.handler', Code: { ZipFile: '' } } };
const permission = { Type: 'AWS::Lambda::Permission', Properties: { Action: 'lambda:InvokeFunction', FunctionName: FN_ARN, Principal: 'sns.amazonaws.com', SourceArn: { Ref: 'T' } } };
const lambdaSubscription = (endpoint: unknown, topicId = 'T') => ({ Type: 'AWS::SNS::Subscription', Properties: { TopicArn: { Ref: topicId }, Protocol: 'lambda', Endpoint: endpoint } });

describe('SNS to Lambda', () => {
  test('the function gets the whole aws:sns event: ids, subject, timestamp, URLs and attributes', async () => {
    // GIVEN a topic with a lambda subscription the function's permission allows
    const s = Simulation.fromTemplate(template({ T: topic('alerts'), Worker: fn, P: permission, Sub: lambdaSubscription(FN_ARN) }));
    const events: unknown[] = [];
    s.onInvoke('Worker', (e) => {
      events.push(e);
    });
    // WHEN a message with a subject and attributes is published at 1.5 s, and one without
    await s.advance(Duration.millis(1500));
    const { messageId } = s.publish('T', { message: 'disk full', subject: 'Alert', attributes: { level: 'high', count: 3 } });
    const second = s.publish('T', { message: 'plain' });
    await s.advance(Duration.seconds(1));
    // THEN each event is what SNS sends
    const subscriptionArn = String(s.template.resource('Sub')!.ref);
    const record = (id: string, subject: string | null, message: string, attributes: object) => ({
      Records: [{
        EventSource: 'aws:sns', EventVersion: '1.0', EventSubscriptionArn: subscriptionArn,
        Sns: {
          Type: 'Notification', MessageId: id, TopicArn: TOPIC_ARN, Subject: subject, Message: message, Timestamp: '2026-01-01T00:00:01.500Z',
          SignatureVersion: '1', Signature: 'SIMULATED', SigningCertUrl: 'https://sns.us-east-1.amazonaws.com/SimpleNotificationService-simulated.pem',
          UnsubscribeUrl: `https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=${subscriptionArn}`,
          MessageAttributes: attributes,
        },
      }],
    });
    expect(events).toEqual([
      record(messageId, 'Alert', 'disk full', { level: { Type: 'String', Value: 'high' }, count: { Type: 'Number', Value: '3' } }),
      record(second.messageId, null, 'plain', {}),
    ]);
    expect(s.events({ type: 'sns.delivered' }).map((e) => [e.resource, e.messageId, e.detail])).toEqual([
      ['Sub', messageId, { function: 'Worker' }],
      ['Sub', second.messageId, { function: 'Worker' }],
    ]);
  });

  test('fails if the endpoint is not a function of the template: an error finding, and the message is lost', () => {
    const elsewhere = 'arn:aws:lambda:us-east-1:123456789012:function:elsewhere';
    const s = Simulation.fromTemplate(template({ T: topic('alerts'), Sub: lambdaSubscription(elsewhere) }));
    expect(s.findings().filter((f) => f.code === 'decoupled-sim:subscription-undeliverable').map((f) => [f.resources, f.message])).toEqual([
      [['Sub', elsewhere], `SNS can never deliver through Sub: the endpoint ${elsewhere} is not a function in the template`],
    ]);
    s.publish('T', { message: 'm' });
    expect(s.events({ type: 'sns.lost' }).map((e) => e.reason)).toEqual([`the endpoint ${elsewhere} is not a function in the template; the subscription has no DLQ`]);
  });

  test('fails if the topic is FIFO: SNS refuses the subscription, and the fix names the queue in between', () => {
    const s = Simulation.fromTemplate(template({ T: topic('alerts.fifo', { FifoTopic: true }), Worker: fn, Sub: lambdaSubscription(FN_ARN) }));
    expect(s.findings().filter((f) => f.code === 'decoupled-sim:subscription-undeliverable')).toEqual([{
      code: 'decoupled-sim:subscription-undeliverable', severity: 'error', resources: ['Sub', FN_ARN],
      message: 'SNS can never deliver through Sub: SNS refuses to create it: the FIFO topic T delivers only to SQS queues, not to Lambda functions (use FIFO topic → SQS queue → Lambda)',
      fix: 'Subscribe an SQS queue (FIFO, or standard if order and deduplication do not matter) to the FIFO topic instead, '
        + 'and consume that queue with the function through an event source mapping: TopicFanOut makes both with subscribers.<name>.consumer.',
    }]);
    expect(s.topic('T').subscriptions).toEqual([]);
  });

  test('a lambda subscription of a standard topic gets the queue fix when its permission is missing', () => {
    const s = Simulation.fromTemplate(template({ T: topic('alerts'), Worker: fn, Sub: lambdaSubscription(FN_ARN) }));
    const [f] = s.findings().filter((x) => x.code === 'decoupled-sim:subscription-undeliverable' && x.resources[0] === 'Sub');
    expect(f.fix).toBe('Allow sns.amazonaws.com sqs:SendMessage in the queue policy with aws:SourceArn = the topic ARN, and, for an SSE-KMS queue, use a customer managed key whose policy lets sns.amazonaws.com call kms:GenerateDataKey* and kms:Decrypt.');
    expect(f.message).toBe(`SNS can never deliver through Sub: no AWS::Lambda::Permission lets sns.amazonaws.com invoke Worker from ${TOPIC_ARN}`);
    // THEN a lambda subscription without a DLQ gets no subscription-without-dlq warning (its failures are Lambda's to handle)
    expect(s.findings().filter((x) => x.code === 'decoupled-sim:subscription-without-dlq')).toEqual([]);
  });
});
