import { Duration } from 'aws-cdk-lib';
import { CloudFormationTemplate, Simulation } from '../../../lib/simulator';
import { QUEUE_NAME, queueMetric, visibleAlarm } from '../fixtures/scaling';

// When an alarm evaluates, what state it goes to and the reason CloudWatch gives, and when evaluation stops.

const MINUTE = 60_000;
type Resources = NonNullable<CloudFormationTemplate['Resources']>;
const template = (resources: Resources): CloudFormationTemplate => ({ Resources: { Jobs: { Type: 'AWS::SQS::Queue', Properties: { QueueName: QUEUE_NAME } }, ...resources } });

/** An alarm on metric math over the queue's visible messages (Maximum, one minute). */
function mathAlarm(expression: string, props: Record<string, unknown>) {
  return visibleAlarm({
    Namespace: undefined, MetricName: undefined, Dimensions: undefined, Statistic: undefined, Period: undefined,
    Metrics: [{ Id: 'v', MetricStat: { ...queueMetric('ApproximateNumberOfMessagesVisible', 'Maximum'), Period: 60 }, ReturnData: false }, { Id: 'e', Expression: expression, ReturnData: true }],
    ...props,
  });
}

function send(sim: Simulation, n: number): void {
  for (let i = 0; i < n; i++) sim.send('Jobs', { body: `m${i}` });
}

function drain(sim: Simulation): void {
  for (let got = sim.receive('Jobs', { maxMessages: 10 }); got.length > 0; got = sim.receive('Jobs', { maxMessages: 10 })) {
    for (const m of got) sim.delete('Jobs', m.receiptHandle);
  }
}

const history = (sim: Simulation, alarm: string) => sim.cloudwatch.alarm(alarm).history.map((h) => [h.time / MINUTE, h.from, h.to, h.reason]);

describe('alarm evaluation', () => {
  test('gives CloudWatch\'s reasons: values rounded to three decimals, missing ones named, "was" for one datapoint and "were" for others', () => {
    // GIVEN an alarm on a third of the visible messages above 1, 1 of 2 datapoints
    const sim = Simulation.fromTemplate(template({ Third: mathAlarm('v / 3', { EvaluationPeriods: 2, DatapointsToAlarm: 1, Threshold: 1, ComparisonOperator: 'GreaterThanThreshold' }) }));
    // WHEN 4 messages wait from 0:01 to 2:01 (sampled at 1:00 and 2:00)
    sim.advance(Duration.seconds(1));
    send(sim, 4);
    sim.advance(Duration.minutes(2));
    drain(sim);
    sim.advance(Duration.minutes(3));
    // THEN OK at 1:00 (the period before time 0 is missing), ALARM at 2:00, OK at 5:00 once neither datapoint of the window (3:00, 4:00) is 1.333
    expect(history(sim, 'Third')).toEqual([
      [1, 'INSUFFICIENT_DATA', 'OK', 'Threshold Crossed: 0 out of the last 2 datapoints [missing, 0] were greater than the threshold (1); 1 must be to alarm'],
      [2, 'OK', 'ALARM', 'Threshold Crossed: 1 out of the last 2 datapoints [0, 1.333] was greater than the threshold (1)'],
      [5, 'ALARM', 'OK', 'Threshold Crossed: 0 out of the last 2 datapoints [0, 0] were greater than the threshold (1); 1 must be to alarm'],
    ]);
    expect(sim.cloudwatch.alarm('Third').history[1].values).toEqual([0, 4 / 3]);
    expect(sim.cloudwatch.alarm('Third').lastValues).toEqual([0, 0]);
    // AND its shape can no longer change
    const third = sim.cloudwatch.alarm('Third');
    expect(() => third.reconfigure(third.settings)).toThrow(new Error(`the alarm ${third.name} has been evaluated already: set its shape before the simulation runs`));
    // AND each change is in the trace, with the reason and the states
    expect(sim.events({ type: 'cloudwatch.alarmStateChanged', resource: 'Third' }).map((e) => [e.time / MINUTE, e.reason, e.detail])).toEqual(
      sim.cloudwatch.alarm('Third').history.map((h) => [h.time / MINUTE, h.reason, { alarm: h.alarm, from: h.from, to: h.to }]),
    );
  });

  test('"was"/"were" and the "or equal" words of each operator in ALARM reasons', () => {
    const sim = Simulation.fromTemplate(template({
      Two: visibleAlarm({ EvaluationPeriods: 2, Threshold: 2, ComparisonOperator: 'GreaterThanOrEqualToThreshold' }),
      Le: visibleAlarm({ Threshold: 0, ComparisonOperator: 'LessThanOrEqualToThreshold' }),
      Lt: visibleAlarm({ Threshold: 0.5, ComparisonOperator: 'LessThanThreshold' }),
    }));
    sim.advance(Duration.seconds(1));
    send(sim, 2);
    sim.advance(Duration.minutes(3));
    expect(history(sim, 'Two').slice(-1)).toEqual([[3, 'OK', 'ALARM', 'Threshold Crossed: 2 out of the last 2 datapoints [2, 2] were greater than or equal to the threshold (2)']]);
    expect(history(sim, 'Le')[0]).toEqual([1, 'INSUFFICIENT_DATA', 'ALARM', 'Threshold Crossed: 1 out of the last 1 datapoints [0] was less than or equal to the threshold (0)']);
    expect(history(sim, 'Lt')[0]).toEqual([1, 'INSUFFICIENT_DATA', 'ALARM', 'Threshold Crossed: 1 out of the last 1 datapoints [0] was less than the threshold (0.5)']);
  });

  test.each([
    ['missing', [
      [2, 'INSUFFICIENT_DATA', 'ALARM', 'Threshold Crossed: 1 out of the last 1 datapoints [1] was greater than or equal to the threshold (1)'],
      [3, 'ALARM', 'INSUFFICIENT_DATA', 'Insufficient Data: 1 datapoints were unknown'],
    ]],
    ['notBreaching', [
      [1, 'INSUFFICIENT_DATA', 'OK', 'Threshold Crossed: 0 out of the last 1 datapoints [missing] were greater than or equal to the threshold (1); 1 must be to alarm'],
      [2, 'OK', 'ALARM', 'Threshold Crossed: 1 out of the last 1 datapoints [1] was greater than or equal to the threshold (1)'],
      [3, 'ALARM', 'OK', 'Threshold Crossed: 0 out of the last 1 datapoints [missing] were greater than or equal to the threshold (1); 1 must be to alarm'],
    ]],
    ['breaching', [
      [1, 'INSUFFICIENT_DATA', 'ALARM', 'Threshold Crossed: 1 out of the last 1 datapoints [missing] was greater than or equal to the threshold (1)'],
    ]],
    ['ignore', [
      [2, 'INSUFFICIENT_DATA', 'ALARM', 'Threshold Crossed: 1 out of the last 1 datapoints [1] was greater than or equal to the threshold (1)'],
    ]],
  ])('TreatMissingData %s: what a missing datapoint before and after a breach does', (TreatMissingData, expected) => {
    // GIVEN an alarm on the visible messages where there are some, missing where there are none
    const sim = Simulation.fromTemplate(template({ A: mathAlarm('IF(v > 0, v)', { TreatMissingData }) }));
    // WHEN a message is visible at the sample of 1:00 only
    sim.advance(Duration.seconds(1));
    send(sim, 1);
    sim.advance(Duration.minutes(1));
    drain(sim);
    sim.advance(Duration.minutes(3));
    // THEN the datapoints [missing] at 1:00, [1] at 2:00, [missing] from 3:00 move the alarm as the setting says
    expect(history(sim, 'A')).toEqual(expected);
  });

  test('an alarm evaluates at the end of each of its periods, never at time 0', () => {
    // GIVEN alarms of one and of two minutes that go OK at their first evaluation
    const sim = Simulation.fromTemplate(template({
      One: visibleAlarm({ TreatMissingData: 'notBreaching', Threshold: 5 }),
      Two: visibleAlarm({ TreatMissingData: 'notBreaching', Threshold: 5, Period: 120 }),
    }));
    sim.advance(Duration.seconds(150));
    // THEN
    expect(history(sim, 'One').map((h) => h[0])).toEqual([1]);
    expect(history(sim, 'Two').map((h) => h[0])).toEqual([2]);
    const two = sim.cloudwatch.alarm('Two');
    expect([two.due(0), two.due(MINUTE), two.due(2 * MINUTE), two.due(4 * MINUTE), two.windowMs]).toEqual([false, false, true, true, 120_000]);
  });

  test.each([
    ['one period', { EvaluationPeriods: 1 }, 2],
    ['three periods', { EvaluationPeriods: 3 }, 4],
    ['two periods of two minutes', { EvaluationPeriods: 2, Period: 120 }, 6],
  ])('runUntilIdle stops once the window of the longest alarm (%s) and one period more held still', (_what, props, minutes) => {
    // GIVEN an alarm on a metric nobody publishes
    const sim = Simulation.fromTemplate(template({ A: visibleAlarm({ ...props, Dimensions: [{ Name: 'QueueName', Value: 'elsewhere' }] }) }));
    // WHEN nothing else happens
    sim.runUntilIdle();
    // THEN the minute clock stopped exactly then
    expect(sim.now).toBe(minutes * MINUTE);
  });

  test('a minute in which anything else was scheduled counts as activity: the window is measured from the last such minute', () => {
    // GIVEN a one-minute alarm on a metric nobody publishes, and a message delayed until 5:01
    const sim = Simulation.fromTemplate(template({ A: visibleAlarm({ Dimensions: [{ Name: 'QueueName', Value: 'elsewhere' }] }) }));
    sim.send('Jobs', { body: 'later', delay: Duration.seconds(301) });
    sim.advance(Duration.seconds(302));
    drain(sim);
    // WHEN the simulation runs until idle
    sim.runUntilIdle();
    // THEN the last minute with the delivery pending was 5:00: two quiet minutes after it, 7:00
    expect(sim.now).toBe(7 * MINUTE);
  });

  test('a change of state keeps the minute clock going for another window', () => {
    // GIVEN a one-minute alarm on a message visible at the sample of 2:00 only
    const sim = Simulation.fromTemplate(template({ A: visibleAlarm({ TreatMissingData: 'notBreaching' }) }));
    sim.advance(Duration.seconds(61));
    send(sim, 1);
    sim.advance(Duration.minutes(1));
    drain(sim);
    // WHEN the simulation runs until idle
    sim.runUntilIdle();
    // THEN the last change (OK at 4:00) and two quiet minutes: it stops at 6:00
    expect(history(sim, 'A').map((h) => [h[0], h[2]])).toEqual([[1, 'OK'], [3, 'ALARM'], [4, 'OK']]);
    expect(sim.now).toBe(6 * MINUTE);
  });
});
