import { App, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { QUEUE_DEPTH_SCALING_RULES as R, QueueConsumer, QueueDepthScaling, SubscriberProps, TopicFanOut, TopicFanOutProps, nagFindings } from '../../../lib';
import { alarmsOnTheSameMetric } from '../../support/alarms';
import { validationErrorOf } from '../../support/errors';
import { BASE, fleetIn } from './support';

/** A fan-out with one subscriber, thumbnails, and a Fargate service, in a fresh stack: the workers are then scaled on the subscriber's queue. */
function fanOut(thumbnails: SubscriberProps = {}, more: Partial<TopicFanOutProps> = {}) {
  const stack = new Stack(new App(), 'Media', { env: { account: '111111111111', region: 'eu-west-1' } });
  const uploads = new TopicFanOut(stack, 'Uploads', { ...more, subscribers: { thumbnails } });
  return { stack, uploads, ...fleetIn(stack) };
}

const visibilityOf = (queue: sqs.IQueue) => (queue.node.defaultChild as sqs.CfnQueue).visibilityTimeout;
const cfnAlarm = (alarm?: cloudwatch.Alarm) => alarm?.node.defaultChild as cloudwatch.CfnAlarm;

/** The alarm actions of every alarm in the template but the scale-from-zero one (whose action is the step policy). */
function notificationActions(template: Template, scaling: QueueDepthScaling): string[] {
  const wake = scaling.scaleFromZeroAlarm && Stack.of(scaling).getLogicalId(cfnAlarm(scaling.scaleFromZeroAlarm));
  const alarms = Object.entries(template.findResources('AWS::CloudWatch::Alarm')).filter(([id]) => id !== wake);
  return [...new Set(alarms.flatMap(([, a]) => (a.Properties.AlarmActions as unknown[]).map((action) => JSON.stringify(action))))];
}

describe('QueueDepthScaling on a fan-out subscriber\'s queue (two constructs)', () => {
  // GIVEN the fan-out with defaults, and Fargate workers scaled on its thumbnails queue; synthesized once
  // (in beforeAll, so a throw fails the tests)
  let stack: Stack;
  let uploads: TopicFanOut;
  let scaling: QueueDepthScaling;
  let template: Template;
  beforeAll(() => {
    const made = fanOut();
    ({ stack, uploads } = made);
    scaling = new QueueDepthScaling(stack, 'Workers', { queue: uploads.queue('thumbnails'), service: made.service, ...BASE });
    template = Template.fromStack(stack);
  });

  test('reuses the fan-out\'s key and alarm topic: one of each in the stack, every alarm notifies that topic', () => {
    expect(scaling.alarmTopic).toBe(uploads.alarmTopic);
    template.resourceCountIs('AWS::KMS::Key', 1);
    // The fan-out's topic and its alarm topic.
    template.resourceCountIs('AWS::SNS::Topic', 2);
    expect(notificationActions(template, scaling)).toEqual([JSON.stringify(stack.resolve(uploads.alarmTopic!.topicArn))]);
  });

  test('makes no alarm the fan-out already made: no two alarms on one metric, dead-letter depth and oldest age are the fan-out\'s', () => {
    expect(alarmsOnTheSameMetric(template)).toEqual([]);
    expect(scaling.deadLetterQueue).toBe(uploads.deadLetterQueue('thumbnails'));
    expect(uploads.alarms('thumbnails')).toContain(scaling.alarms?.deadLetterQueueDepth);
    expect(uploads.alarms('thumbnails')).toContain(scaling.alarms?.oldestMessageAge);
  });

  test('the one age alarm fires whenever either would: the 2-minute latency above the fan-out\'s 15 minutes, after one period', () => {
    const age = cfnAlarm(scaling.alarms?.oldestMessageAge);
    expect([age.threshold, age.comparisonOperator, age.evaluationPeriods]).toEqual([120, 'GreaterThanThreshold', 1]);
    expect(age.alarmDescription).toContain('Messages for subscriber \'thumbnails\' wait longer than 15 minutes');
    expect(age.alarmDescription).toContain('acceptable latency (2 minutes)');
  });

  test('leaves the queue\'s visibility timeout to SQS when its default (30 s) covers 2 x 4 s', () => {
    expect(visibilityOf(uploads.queue('thumbnails'))).toBeUndefined();
  });

  test('the five cdk-nag packs report no error on what the two patterns made (the test\'s own workers aside)', () => {
    const ours = nagFindings(stack).filter((f) => f.severity === 'error' && /^Media\/(Uploads|Workers)\//.test(f.constructPath));
    expect(ours.map((f) => `${f.rule} ${f.constructPath}`)).toEqual([]);
  });
});

describe('QueueDepthScaling on a fan-out subscriber\'s queue, configured', () => {
  const scale = (f: ReturnType<typeof fanOut>, more: Partial<typeof BASE> & { alarmTopic?: sns.ITopic } = {}) =>
    new QueueDepthScaling(f.stack, 'Workers', { queue: f.uploads.queue('thumbnails'), service: f.service, ...BASE, ...more });

  test('fails if the fan-out\'s queueProps.visibilityTimeout is one second short of 2 x messageProcessingTime, naming that prop on the fan-out', () => {
    // GIVEN a thumbnails queue whose visibility timeout the user set to 7 s, and 4 s per message
    const f = fanOut({ queueProps: { visibilityTimeout: Duration.seconds(7) } });
    // WHEN the workers are scaled on it THEN the error is the fan-out's prop, at the fan-out's path
    const e = validationErrorOf(() => scale(f));
    expect(e.problems.map((p) => [p.code, p.path, p.prop])).toEqual([[R.visibilityTimeout, 'Media/Uploads', 'subscribers.thumbnails.queueProps.visibilityTimeout']]);
    expect(e.message).toBe('Media/Workers has an invalid setting:\n'
      + '  ✖ Media/Uploads: subscribers.thumbnails.queueProps.visibilityTimeout 7s is shorter than 2 x messageProcessingTime (4s) = 8s: a slow message reappears while a worker still holds it, '
      + 'and is processed twice. Raise Media/Uploads subscribers.thumbnails.queueProps.visibilityTimeout to at least 8s, or lower messageProcessingTime if it is overstated. '
      + '[decoupled:queue-depth-scaling/visibility-timeout]');
  });

  test('accepts the fan-out\'s queueProps.visibilityTimeout at exactly 2 x messageProcessingTime, and keeps it', () => {
    const f = fanOut({ queueProps: { visibilityTimeout: Duration.seconds(8) } });
    expect(() => scale(f)).not.toThrow();
    expect(visibilityOf(f.uploads.queue('thumbnails'))).toBe(8);
  });

  test('derives the visibility timeout the fan-out left to SQS when the workers need more: 2 x 20 s', () => {
    const f = fanOut();
    scale(f, { messageProcessingTime: Duration.seconds(20) });
    expect(visibilityOf(f.uploads.queue('thumbnails'))).toBe(40);
  });

  test.each([[15, undefined], [16, 32]])('with %i s per message, leaves SQS\'s default 30 s alone when it is exactly 2 x the processing time, and derives it one second past (%s)', (processing, expected) => {
    const f = fanOut();
    scale(f, { messageProcessingTime: Duration.seconds(processing) });
    expect(visibilityOf(f.uploads.queue('thumbnails'))).toBe(expected);
  });

  test('a fan-out with its alarms off still shares its topic: made on first use, encrypted with its key', () => {
    // GIVEN a fan-out that makes no alarm
    const f = fanOut({}, { alarms: false });
    // WHEN the workers are scaled on its queue
    const scaling = scale(f);
    // THEN the workers' alarms notify the fan-out's topic, and the stack has one key
    expect(scaling.alarmTopic).toBeDefined();
    expect(scaling.alarmTopic).toBe(f.uploads.alarmTopic);
    const template = Template.fromStack(f.stack);
    template.resourceCountIs('AWS::KMS::Key', 1);
    expect(notificationActions(template, scaling)).toEqual([JSON.stringify(f.stack.resolve(f.uploads.alarmTopic!.topicArn))]);
  });

  test('an alarm topic given to the workers wins over the fan-out\'s', () => {
    const f = fanOut();
    const pager = new sns.Topic(f.stack, 'Pager');
    expect(scale(f, { alarmTopic: pager }).alarmTopic).toBe(pager);
  });
});

describe('QueueDepthScaling on a QueueConsumer\'s queue', () => {
  const FUNCTION_PROPS = { handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => ({ batchItemFailures: [] });'), timeout: Duration.seconds(1) };

  function consumer(queueProps?: sqs.QueueProps) {
    const stack = new Stack(new App(), 'Media', { env: { account: '111111111111', region: 'eu-west-1' } });
    const intake = new QueueConsumer(stack, 'Intake', { functionProps: FUNCTION_PROPS, queueProps });
    return { stack, intake, ...fleetIn(stack) };
  }

  test('reuses the consumer\'s key and alarm topic, and merges the dead-letter and age alarms with its own', () => {
    const { stack, intake, service } = consumer();
    const scaling = new QueueDepthScaling(stack, 'Workers', { queue: intake.queue, service, ...BASE });
    expect(scaling.alarmTopic).toBe(intake.alarmTopic);
    expect(scaling.alarms?.deadLetterQueueDepth).toBe(intake.alarms.deadLetterQueueDepth);
    expect(scaling.alarms?.oldestMessageAge).toBe(intake.alarms.oldestMessageAge);
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::KMS::Key', 1);
    expect(alarmsOnTheSameMetric(template)).toEqual([]);
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([{ Action: 'kms:Decrypt', Effect: 'Allow', Resource: stack.resolve(intake.encryptionKey!.keyArn) }]) },
    });
  });

  test('fails if the consumer\'s queueProps.visibilityTimeout is short for the workers, naming that prop on the consumer', () => {
    const { stack, intake, service } = consumer({ visibilityTimeout: Duration.seconds(7) });
    const e = validationErrorOf(() => new QueueDepthScaling(stack, 'Workers', { queue: intake.queue, service, ...BASE }));
    expect(e.problems.map((p) => [p.path, p.prop])).toEqual([['Media/Intake', 'queueProps.visibilityTimeout']]);
  });

  test('a queue of the user\'s, not a pattern\'s, is still named as the queue\'s own setting', () => {
    const stack = new Stack(new App(), 'Media', { env: { account: '111111111111', region: 'eu-west-1' } });
    const { service } = fleetIn(stack);
    const queue = new sqs.Queue(stack, 'Queue', { visibilityTimeout: Duration.seconds(7) });
    const e = validationErrorOf(() => new QueueDepthScaling(stack, 'Workers', { queue, service, ...BASE }));
    expect(e.problems.map((p) => [p.path, p.prop])).toEqual([['Media/Workers', 'queue visibilityTimeout']]);
  });
});
