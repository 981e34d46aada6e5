import { Duration } from 'aws-cdk-lib';
import { CloudFormationTemplate, Simulation } from '../../../lib/simulator';
import { CLOUDWATCH_SERVICE } from '../../../lib/simulator/services/cloudwatch/service';
import { QUEUE_NAME, queueMetric, visibleAlarm } from '../fixtures/scaling';

// sim.cloudwatch: the alarms, their merged history, the settings of metric math, and GetMetricData.

const MINUTE = 60_000;
type Resources = NonNullable<CloudFormationTemplate['Resources']>;
const template = (resources: Resources): CloudFormationTemplate => ({ Resources: { Jobs: { Type: 'AWS::SQS::Queue', Properties: { QueueName: QUEUE_NAME } }, ...resources } });
const VISIBLE = { id: 'v', metric: { namespace: 'AWS/SQS', metricName: 'ApproximateNumberOfMessagesVisible', dimensions: { QueueName: QUEUE_NAME }, stat: 'Maximum' as const }, returnData: true };

function send(sim: Simulation, n: number): void {
  for (let i = 0; i < n; i++) sim.send('Jobs', { body: `m${i}` });
}

describe('the CloudWatch facade', () => {
  test('lists the template\'s alarms in template order, and every state change of every alarm in time order', () => {
    // GIVEN a one-minute alarm and a two-minute one, both going OK then ALARM
    const sim = Simulation.fromTemplate(template({
      Slow: visibleAlarm({ AlarmName: 'slow', Period: 120, TreatMissingData: 'notBreaching' }),
      Fast: visibleAlarm({ AlarmName: 'fast', TreatMissingData: 'notBreaching' }),
    }));
    expect(sim.cloudwatch.alarms().map((a) => a.name)).toEqual(['slow', 'fast']);
    // WHEN a message waits from 2:30
    sim.advance(Duration.seconds(150));
    send(sim, 1);
    sim.advance(Duration.minutes(3));
    // THEN fast: OK 1:00, ALARM 4:00; slow: OK 2:00, ALARM 4:00 (the two-minute period from 2:00 holds the sample of 3:00)
    expect(sim.cloudwatch.history().map((h) => [h.time / MINUTE, h.alarm, h.to])).toEqual([[1, 'fast', 'OK'], [2, 'slow', 'OK'], [4, 'slow', 'ALARM'], [4, 'fast', 'ALARM']]);
    expect(CLOUDWATCH_SERVICE.name).toBe('cloudwatch');
  });

  test('configure sets the result of a division by zero for the alarms already built', () => {
    // GIVEN two simulations of an alarm on "visible / 0 > 1", one set to infinity
    const build = (infinity: boolean) => {
      const sim = Simulation.fromTemplate(template({
        Div: visibleAlarm({
          Namespace: undefined, MetricName: undefined, Dimensions: undefined, Statistic: undefined, Period: undefined, TreatMissingData: 'notBreaching',
          Metrics: [{ Id: 'v', MetricStat: { ...queueMetric('ApproximateNumberOfMessagesVisible', 'Maximum'), Period: 60 }, ReturnData: false }, { Id: 'e', Expression: 'v / 0', ReturnData: true }],
        }),
      }));
      if (infinity) sim.cloudwatch.configure({ divisionByZero: 'infinity' });
      sim.advance(Duration.seconds(1));
      send(sim, 1);
      sim.advance(Duration.minutes(2));
      return sim.cloudwatch.alarm('Div').state;
    };
    // THEN 1 / 0 is missing (not breaching) by default, infinite (breaching) once set
    expect([build(false), build(true)]).toEqual(['OK', 'ALARM']);
  });

  test('metricData reads from time 0 to now in one-minute periods by default; start, end and period choose the span', () => {
    // GIVEN 3 messages from 0:01 and 2 more from 2:01
    const sim = Simulation.fromTemplate(template({ A: visibleAlarm({}) }));
    sim.advance(Duration.seconds(1));
    send(sim, 3);
    sim.advance(Duration.minutes(2));
    send(sim, 2);
    sim.advance(Duration.seconds(119));
    // THEN one point per sampled minute (0:00 0, 1:00 3, 2:00 3, 3:00 5), none for the minute not yet over
    expect(sim.cloudwatch.metricData([VISIBLE])).toEqual([{ time: 0, value: 0 }, { time: MINUTE, value: 3 }, { time: 2 * MINUTE, value: 3 }, { time: 3 * MINUTE, value: 5 }]);
    expect(sim.cloudwatch.metricData([VISIBLE], { start: Duration.minutes(1), end: Duration.minutes(3) })).toEqual([{ time: MINUTE, value: 3 }, { time: 2 * MINUTE, value: 3 }]);
    expect(sim.cloudwatch.metricData([VISIBLE], { period: Duration.minutes(2) })).toEqual([{ time: 0, value: 3 }, { time: 2 * MINUTE, value: 5 }]);
    expect(sim.cloudwatch.metricData([VISIBLE], { start: Duration.minutes(3), end: Duration.minutes(2) })).toEqual([]);
  });
});
