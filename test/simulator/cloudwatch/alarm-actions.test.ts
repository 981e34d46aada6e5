import { Duration } from 'aws-cdk-lib';
import { CloudFormationTemplate, Simulation, SimulationOptions } from '../../../lib/simulator';
import { alarmNotification } from '../../../lib/simulator/services/cloudwatch/alarm-actions';
import { QUEUE_NAME, serviceTemplate, stepScaling, targetTracking, BACKLOG_PER_WORKER, visibleAlarm } from '../fixtures/scaling';

// What an alarm's actions do: the notification it publishes to a topic, failures, scaling policies, actions disabled.

const MINUTE = 60_000;
type Resources = NonNullable<CloudFormationTemplate['Resources']>;

/** A queue `jobs`, a topic (FIFO or not) delivering to the queue `inbox` (SNS envelopes), and the given alarms. */
function template(alarms: Resources, fifo = false): CloudFormationTemplate {
  return {
    Resources: {
      Jobs: { Type: 'AWS::SQS::Queue', Properties: { QueueName: QUEUE_NAME } },
      Topic: { Type: 'AWS::SNS::Topic', Properties: fifo ? { TopicName: 'alerts.fifo', FifoTopic: true } : { TopicName: 'alerts' } },
      Inbox: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'inbox' } },
      Sub: { Type: 'AWS::SNS::Subscription', Properties: { TopicArn: { Ref: 'Topic' }, Protocol: 'sqs', Endpoint: { 'Fn::GetAtt': ['Inbox', 'Arn'] } } },
      InboxPolicy: {
        Type: 'AWS::SQS::QueuePolicy',
        Properties: { Queues: [{ Ref: 'Inbox' }], PolicyDocument: { Statement: [{ Effect: 'Allow', Principal: { Service: 'sns.amazonaws.com' }, Action: 'sqs:SendMessage', Resource: '*' }] } },
      },
      ...alarms,
    },
  };
}

/** A message visible at the sample of 1:00 only; the simulation then runs to 4:00. */
function blip(resources: Resources, options: SimulationOptions = {}, fifo = false): Simulation {
  const sim = Simulation.fromTemplate(template(resources, fifo), options);
  sim.advance(Duration.seconds(1));
  sim.send('Jobs', { body: 'one' });
  sim.advance(Duration.minutes(1));
  const [m] = sim.receive('Jobs');
  sim.delete('Jobs', m.receiptHandle);
  sim.advance(Duration.seconds(179));
  return sim;
}

const envelopes = (sim: Simulation) => sim.receive('Inbox', { maxMessages: 10 }).map((m) => JSON.parse(m.body) as { Subject: string; Message: string });

describe('alarm actions', () => {
  test('publishes CloudWatch\'s notification to a topic of the template: the subject and every field of the message', () => {
    // GIVEN an alarm notifying the topic on ALARM and OK, in a Region CloudWatch names
    const sim = blip({
      Deep: visibleAlarm({ AlarmName: 'deep', AlarmDescription: 'jobs wait', EvaluationPeriods: 2, DatapointsToAlarm: 1, TreatMissingData: 'notBreaching', AlarmActions: [{ Ref: 'Topic' }], OKActions: [{ Ref: 'Topic' }] }),
    }, { environment: { account: '111122223333', region: 'eu-west-1', partition: 'aws', urlSuffix: 'amazonaws.com' } });
    // THEN OK at 1:00, ALARM at 2:00, OK at 4:00: three notifications
    const notes = envelopes(sim);
    const topic = 'arn:aws:sns:eu-west-1:111122223333:alerts';
    expect(notes.map((n) => n.Subject)).toEqual(['OK: "deep" in EU (Ireland)', 'ALARM: "deep" in EU (Ireland)', 'OK: "deep" in EU (Ireland)']);
    expect(JSON.parse(notes[1].Message)).toEqual({
      AlarmName: 'deep',
      AlarmDescription: 'jobs wait',
      AWSAccountId: '111122223333',
      NewStateValue: 'ALARM',
      NewStateReason: 'Threshold Crossed: 1 out of the last 2 datapoints [0, 1] was greater than or equal to the threshold (1)',
      StateChangeTime: '2026-01-01T00:02:00.000+0000',
      Region: 'EU (Ireland)',
      AlarmArn: 'arn:aws:cloudwatch:eu-west-1:111122223333:alarm:deep',
      OldStateValue: 'OK',
      OKActions: [topic],
      AlarmActions: [topic],
      InsufficientDataActions: [],
      Trigger: {
        Period: 60, EvaluationPeriods: 2, DatapointsToAlarm: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold', Threshold: 1, TreatMissingData: 'notBreaching',
        Metrics: 'AWS/SQS ApproximateNumberOfMessagesVisible (Maximum)',
      },
    });
    // AND each publication is traced with the topic's message id
    const invoked = sim.events({ type: 'cloudwatch.actionInvoked', resource: 'Deep' });
    expect(invoked.map((e) => [e.time / MINUTE, e.detail])).toEqual([
      [1, { alarm: 'deep', state: 'OK', target: topic, snsMessageId: expect.any(String) }],
      [2, { alarm: 'deep', state: 'ALARM', target: topic, snsMessageId: expect.any(String) }],
      [4, { alarm: 'deep', state: 'OK', target: topic, snsMessageId: expect.any(String) }],
    ]);
    expect(new Set(invoked.map((e) => e.detail!.snsMessageId)).size).toBe(3);
  });

  test('names a Region CloudWatch has no name for by its code, and notifies INSUFFICIENT_DATA actions; no description is null', () => {
    // GIVEN an alarm with missing data 'missing': ALARM at 2:00, INSUFFICIENT_DATA again once the metric is missing
    const sim = blip({
      Deep: visibleAlarm({
        AlarmName: 'deep', InsufficientDataActions: [{ Ref: 'Topic' }],
        Namespace: undefined, MetricName: undefined, Dimensions: undefined, Statistic: undefined, Period: undefined,
        Metrics: [{ Id: 'v', MetricStat: { Metric: { Namespace: 'AWS/SQS', MetricName: 'ApproximateNumberOfMessagesVisible', Dimensions: [{ Name: 'QueueName', Value: QUEUE_NAME }] }, Stat: 'Maximum', Period: 60 }, ReturnData: false }, { Id: 'e', Expression: 'IF(v > 0, v)', ReturnData: true }],
      }),
    }, { environment: { account: '123456789012', region: 'ap-south-2', partition: 'aws', urlSuffix: 'amazonaws.com' } });
    // THEN the topic heard only the return to INSUFFICIENT_DATA at 3:00
    const notes = envelopes(sim);
    expect(notes.map((n) => n.Subject)).toEqual(['INSUFFICIENT_DATA: "deep" in ap-south-2']);
    const message = JSON.parse(notes[0].Message);
    expect([message.Region, message.AlarmDescription, message.OldStateValue, message.NewStateReason, message.InsufficientDataActions, message.Trigger.Metrics])
      .toEqual(['ap-south-2', null, 'ALARM', 'Insufficient Data: 1 datapoints were unknown', ['arn:aws:sns:ap-south-2:123456789012:alerts'], 'IF(v > 0, v)']);
  });

  test.each([
    ['us-east-1', 'US East (N. Virginia)'],
    ['us-west-2', 'US West (Oregon)'],
    ['eu-west-1', 'EU (Ireland)'],
    ['eu-central-1', 'EU (Frankfurt)'],
    ['sa-east-1', 'sa-east-1'],
  ])('names the Region %s as CloudWatch does in subjects and messages: %s', (region, name) => {
    const sim = Simulation.fromTemplate(template({ Deep: visibleAlarm({ AlarmName: 'deep' }) }), { environment: { account: '123456789012', region, partition: 'aws', urlSuffix: 'amazonaws.com' } });
    const alarm = sim.cloudwatch.alarm('Deep');
    const { subject, message } = alarmNotification(sim.world, alarm, { time: 0, alarm: 'deep', from: 'INSUFFICIENT_DATA', to: 'OK', reason: 'r', values: [] });
    expect([subject, JSON.parse(message).Region, JSON.parse(message).StateChangeTime]).toEqual([`OK: "deep" in ${name}`, name, '2026-01-01T00:00:00.000+0000']);
  });

  test('cuts the subject at SNS\'s 100 characters', () => {
    const sim = Simulation.fromTemplate(template({ Deep: visibleAlarm({ AlarmName: 'x'.repeat(120) }) }));
    const alarm = sim.cloudwatch.alarm('Deep');
    const change = { time: MINUTE, alarm: alarm.name, from: 'OK' as const, to: 'ALARM' as const, reason: 'r', values: [] };
    const { subject } = alarmNotification(sim.world, alarm, change);
    expect(subject).toBe(`ALARM: "${'x'.repeat(92)}`);
    expect(subject).toHaveLength(100);
  });

  test('does nothing with ActionsEnabled false, though the state changes', () => {
    const sim = blip({ Deep: visibleAlarm({ ActionsEnabled: false, TreatMissingData: 'notBreaching', AlarmActions: [{ Ref: 'Topic' }, 'arn:aws:automate:us-east-1:ec2:stop'], OKActions: [{ Ref: 'Topic' }] }) });
    expect(sim.cloudwatch.alarm('Deep').history.map((h) => h.to)).toEqual(['OK', 'ALARM', 'OK']);
    expect(envelopes(sim)).toEqual([]);
    expect(sim.events({ type: ['cloudwatch.actionInvoked', 'cloudwatch.actionFailed', 'cloudwatch.actionNotSimulated'] })).toEqual([]);
  });

  test('traces a publication the topic refuses (a FIFO topic wants a message group) as a failed action, with the topic\'s reason', () => {
    const sim = blip({ Deep: visibleAlarm({ AlarmName: 'deep', AlarmActions: [{ Ref: 'Topic' }] }) }, {}, true);
    expect(sim.events({ type: 'cloudwatch.actionFailed', resource: 'Deep' }).map((e) => [e.time / MINUTE, e.reason, e.detail])).toEqual([
      [2, 'InvalidParameter: Publish to Topic rejected: a FIFO topic needs a MessageGroupId', { alarm: 'deep', state: 'ALARM', target: 'arn:aws:sns:us-east-1:123456789012:alerts.fifo' }],
    ]);
    expect(sim.events({ type: 'cloudwatch.actionInvoked' })).toEqual([]);
  });

  test('traces an action outside the template (an ARN, or one known only at deploy, by what it is) on each transition into its state only, with the state', () => {
    const sim = blip({ Deep: visibleAlarm({ AlarmName: 'deep', EvaluationPeriods: 2, AlarmActions: ['arn:aws:automate:us-east-1:ec2:stop'], OKActions: ['arn:aws:ssm:us-east-1:123456789012:opsitem:3', { 'Fn::ImportValue': 'Shared:Topic' }] }) });
    expect(sim.events({ type: 'cloudwatch.actionNotSimulated', resource: 'Deep' }).map((e) => [e.time / MINUTE, e.reason, e.detail])).toEqual([
      [1, 'arn:aws:ssm:us-east-1:123456789012:opsitem:3 is not an SNS topic or a scaling policy of the template', { alarm: 'deep', state: 'OK' }],
      [1, 'Fn::ImportValue "Shared:Topic" is not an SNS topic or a scaling policy of the template', { alarm: 'deep', state: 'OK' }],
    ]);
  });

  test('runs a step scaling policy at every evaluation while in ALARM; a target tracking policy named as an action fails each time, saying why', () => {
    // GIVEN an alarm always in ALARM (no message visible <= 0) running a +1 step policy and the target tracking policy
    const sim = Simulation.fromTemplate(serviceTemplate({
      desiredCount: 1,
      extra: {
        Up: stepScaling('up', [{ MetricIntervalUpperBound: 0, ScalingAdjustment: 1 }], { Cooldown: 0 }),
        Tracking: targetTracking(10, BACKLOG_PER_WORKER),
        Empty: visibleAlarm({ AlarmName: 'empty', Threshold: 0, ComparisonOperator: 'LessThanOrEqualToThreshold', AlarmActions: [{ Ref: 'Up' }, { Ref: 'Tracking' }] }),
      },
    }));
    // WHEN three minutes pass
    sim.advance(Duration.minutes(3));
    // THEN the step policy added one at each evaluation (1:00, 2:00, 3:00)
    expect(sim.autoscaling.activities().filter((a) => a.policy === 'up').map((a) => [a.time / MINUTE, a.from, a.to, a.alarm])).toEqual([[1, 1, 2, 'empty'], [2, 2, 3, 'empty'], [3, 3, 4, 'empty']]);
    // AND the target tracking policy refused each of them
    const tracking = sim.autoscaling.policy('Tracking').arn;
    expect(sim.events({ type: 'cloudwatch.actionFailed', resource: 'Empty' }).map((e) => [e.time / MINUTE, e.reason, e.detail])).toEqual([1, 2, 3].map((t) => [
      t, 'tracking is a target tracking policy: only the alarms Auto Scaling made for it run it', { alarm: 'empty', target: tracking },
    ]));
  });
});
