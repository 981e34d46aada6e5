import { Duration } from 'aws-cdk-lib';
import { CloudFormationTemplate, Simulation, TemplateError } from '../../../lib/simulator';
import { QUEUE_NAME, visibleAlarm } from '../fixtures/scaling';

const MINUTE = 60_000;

function template(alarms: Record<string, ReturnType<typeof visibleAlarm>>, extra: CloudFormationTemplate['Resources'] = {}): CloudFormationTemplate {
  return { Resources: { Jobs: { Type: 'AWS::SQS::Queue', Properties: { QueueName: QUEUE_NAME } }, ...alarms, ...extra } };
}

/** Sends `n` messages at the current time. */
function send(sim: Simulation, n: number): void {
  for (let i = 0; i < n; i++) sim.send('Jobs', { body: `m${i}` });
}

function drain(sim: Simulation): void {
  for (let got = sim.receive('Jobs', { maxMessages: 10 }); got.length > 0; got = sim.receive('Jobs', { maxMessages: 10 })) {
    for (const m of got) sim.delete('Jobs', m.receiptHandle);
  }
}

describe('CloudWatch alarms', () => {
  test('goes to ALARM when M of the last N datapoints breach (at the limit, not one below), back to OK when fewer do; the history says why', () => {
    // GIVEN an alarm on 5 visible messages or more, 2 of 3 one-minute datapoints
    const sim = Simulation.fromTemplate(template({ Deep: visibleAlarm({ Threshold: 5, EvaluationPeriods: 3, DatapointsToAlarm: 2 }) }));
    // WHEN 5 messages wait from 0:30 to 3:10 (sampled at 1:00, 2:00 and 3:00)
    sim.advance(Duration.seconds(30));
    send(sim, 5);
    sim.advance(Duration.seconds(160));
    drain(sim);
    sim.advance(Duration.minutes(4));
    // THEN OK at 1:00 (data), still OK at 2:00 (1 of 2 needed), ALARM at 3:00, OK at 6:00 when one datapoint of 3 is left
    const alarm = sim.cloudwatch.alarm('Deep');
    expect(alarm.history.map((h) => [h.time / MINUTE, h.from, h.to])).toEqual([[1, 'INSUFFICIENT_DATA', 'OK'], [3, 'OK', 'ALARM'], [6, 'ALARM', 'OK']]);
    expect(alarm.history[1].reason).toBe('Threshold Crossed: 2 out of the last 3 datapoints [0, 5, 5] were greater than or equal to the threshold (5)');
    expect(alarm.history[1].values).toEqual([0, 5, 5]);
    expect(sim.events({ type: 'cloudwatch.alarmStateChanged', resource: 'Deep' })).toHaveLength(3);
  });

  test('compares as its operator says: at the threshold, only the "or equal" operators breach', () => {
    const compare = (ComparisonOperator: string) => visibleAlarm({ Threshold: 5, ComparisonOperator });
    const sim = Simulation.fromTemplate(template({
      Ge: compare('GreaterThanOrEqualToThreshold'), Gt: compare('GreaterThanThreshold'), Le: compare('LessThanOrEqualToThreshold'), Lt: compare('LessThanThreshold'),
    }));
    send(sim, 5);
    sim.advance(Duration.minutes(2));
    expect(['Ge', 'Gt', 'Le', 'Lt'].map((a) => sim.cloudwatch.alarm(a).state)).toEqual(['ALARM', 'OK', 'ALARM', 'OK']);
  });

  test.each([
    ['missing', 'INSUFFICIENT_DATA'],
    ['notBreaching', 'OK'],
    ['breaching', 'ALARM'],
    ['ignore', 'INSUFFICIENT_DATA'],
  ])('with no data at all, TreatMissingData %s leaves the alarm in %s; runUntilIdle still ends', (TreatMissingData, state) => {
    // GIVEN an alarm on a queue no metric is published for
    const sim = Simulation.fromTemplate(template({ A: visibleAlarm({ TreatMissingData, Dimensions: [{ Name: 'QueueName', Value: 'elsewhere' }], EvaluationPeriods: 3 }) }));
    // WHEN the simulation runs until nothing is left to do
    sim.runUntilIdle();
    // THEN the alarm settled, and evaluation stopped after its window held still
    expect(sim.cloudwatch.alarm('A').state).toBe(state);
    expect(sim.now).toBeLessThanOrEqual(10 * MINUTE);
  });

  test('notifies an SNS topic of the template on each transition, and only then; an action elsewhere is traced as not simulated', () => {
    // GIVEN an alarm whose ALARM and OK actions name a topic (subscribed by a queue) and an EC2 stop action
    const topicArn = { Ref: 'Topic' };
    const sim = Simulation.fromTemplate(template({
      Deep: visibleAlarm({ AlarmName: 'deep', AlarmActions: [topicArn, 'arn:aws:automate:us-east-1:ec2:stop'], OKActions: [topicArn] }),
    }, {
      Topic: { Type: 'AWS::SNS::Topic' },
      Inbox: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'inbox' } },
      Sub: { Type: 'AWS::SNS::Subscription', Properties: { TopicArn: topicArn, Protocol: 'sqs', Endpoint: { 'Fn::GetAtt': ['Inbox', 'Arn'] }, RawMessageDelivery: true } },
      InboxPolicy: {
        Type: 'AWS::SQS::QueuePolicy',
        Properties: { Queues: [{ Ref: 'Inbox' }], PolicyDocument: { Statement: [{ Effect: 'Allow', Principal: { Service: 'sns.amazonaws.com' }, Action: 'sqs:SendMessage', Resource: '*' }] } },
      },
    }));
    // WHEN the queue holds a message from 1:30 for three minutes, then is drained
    sim.advance(Duration.seconds(90));
    send(sim, 1);
    sim.advance(Duration.minutes(3));
    drain(sim);
    sim.advance(Duration.minutes(3));
    // THEN the inbox got OK (first data), ALARM and OK again: three notifications, not one per evaluation in ALARM
    const notes = sim.receive('Inbox', { maxMessages: 10 }).map((m) => JSON.parse(m.body));
    expect(notes.map((n) => [n.OldStateValue, n.NewStateValue])).toEqual([['INSUFFICIENT_DATA', 'OK'], ['OK', 'ALARM'], ['ALARM', 'OK']]);
    expect(notes[1]).toMatchObject({ AlarmName: 'deep', AWSAccountId: '123456789012', Region: 'US East (N. Virginia)', AlarmArn: 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:deep' });
    expect(sim.events({ type: 'cloudwatch.actionNotSimulated' }).map((e) => e.reason)).toEqual(['arn:aws:automate:us-east-1:ec2:stop is not an SNS topic or a scaling policy of the template']);
  });

  test('metricData gives the series of metric math over what the services published', () => {
    // GIVEN 4 messages sent at 0:01 (after the sample at 0:00)
    const sim = Simulation.fromTemplate(template({ Deep: visibleAlarm({}) }));
    sim.advance(Duration.seconds(1));
    send(sim, 4);
    sim.advance(Duration.minutes(3));
    const points = sim.cloudwatch.metricData([
      { id: 'v', metric: { namespace: 'AWS/SQS', metricName: 'ApproximateNumberOfMessagesVisible', dimensions: { QueueName: QUEUE_NAME }, stat: 'Maximum' }, returnData: false },
      { id: 'twice', expression: 'v * 2', returnData: true },
    ], { end: Duration.minutes(3) });
    // THEN the period from 0:00 holds the sample taken then (none visible), the next two hold 4
    expect(points).toEqual([{ time: 0, value: 0 }, { time: MINUTE, value: 8 }, { time: 2 * MINUTE, value: 8 }]);
  });

  test('an action known only at deploy (an alarm topic exported by another stack) is traced as not simulated, not refused', () => {
    // GIVEN an alarm whose action is another stack's exported topic, as a shared alarm topic is referenced
    const sim = Simulation.fromTemplate(template({ Deep: visibleAlarm({ Threshold: 1, AlarmActions: [{ 'Fn::ImportValue': 'Shared:AlarmTopicArn' }] }) }));
    // WHEN a message waits over a sample
    send(sim, 1);
    sim.advance(Duration.minutes(2));
    // THEN the alarm fires, and its notification is traced as an action outside the template
    expect(sim.cloudwatch.alarm('Deep').state).toBe('ALARM');
    expect(sim.events({ type: 'cloudwatch.actionNotSimulated', resource: 'Deep' }).map((e) => e.detail)).toEqual([expect.objectContaining({ state: 'ALARM' })]);
  });

  test.each([
    ['a percentile statistic', { ExtendedStatistic: 'p99', Statistic: undefined }, 'Deep.Properties.ExtendedStatistic: the percentile p99 is not one the simulator computes'],
    ['an anomaly detection band', { ComparisonOperator: 'LessThanLowerOrGreaterThanUpperThreshold' }, 'Deep.Properties.ComparisonOperator: LessThanLowerOrGreaterThanUpperThreshold is not simulated'],
    ['a metric math function it does not evaluate', {
      Namespace: undefined, MetricName: undefined, Dimensions: undefined, Statistic: undefined, Period: undefined,
      Metrics: [{ Id: 'e', Expression: 'SUM(METRICS())', ReturnData: true }],
    }, 'Deep.Properties.Metrics: query e: the function SUM is not one the simulator evaluates'],
  ])('fails with a TemplateError naming the property if the alarm uses %s', (_what, props, message) => {
    const build = () => Simulation.fromTemplate(template({ Deep: visibleAlarm(props) }));
    expect(build).toThrow(TemplateError);
    expect(build).toThrow(message);
  });
});
