import { CloudFormationTemplate, Simulation, TemplateError } from '../../../lib/simulator';
import { ALARM_TYPE } from '../../../lib/simulator/services/cloudwatch/alarm-template';
import { QUEUE_NAME, queueMetric, visibleAlarm } from '../fixtures/scaling';
import { errorOf } from '../../support/errors';

// What an AWS::CloudWatch::Alarm of a template becomes: its settings, its defaults, and every property refused.

type Resources = NonNullable<CloudFormationTemplate['Resources']>;
const template = (resources: Resources): CloudFormationTemplate => ({ Resources: { Jobs: { Type: 'AWS::SQS::Queue', Properties: { QueueName: QUEUE_NAME } }, ...resources } });

/** The TemplateError building the simulation throws, so its location and whole message can be asserted. */
const refusal = (resources: Resources) => errorOf(TemplateError, () => Simulation.fromTemplate(template(resources)));

const math = (...periods: (number | undefined)[]) => ({
  Namespace: undefined, MetricName: undefined, Dimensions: undefined, Statistic: undefined, Period: undefined,
  Metrics: [
    ...periods.map((Period, i) => ({ Id: `m${i}`, MetricStat: { ...queueMetric('ApproximateNumberOfMessagesVisible', 'Maximum'), ...(Period === undefined ? {} : { Period }) }, ReturnData: false })),
    { Id: 'e', Expression: periods.map((_p, i) => `m${i}`).join(' + '), ReturnData: true },
  ],
});

describe('alarms read from a template', () => {
  test('keeps every setting, with the defaults of PutMetricAlarm where the template is silent', () => {
    // GIVEN an alarm naming itself and describing itself, and one that leaves every optional property out
    const sim = Simulation.fromTemplate(template({
      Named: visibleAlarm({ AlarmName: 'deep', AlarmDescription: 'too deep', Period: 300, EvaluationPeriods: 4, Threshold: 7.5, ComparisonOperator: 'LessThanThreshold' }),
      Plain: visibleAlarm({}),
    }));
    // THEN the first keeps what it says; datapointsToAlarm is its EvaluationPeriods, missing data 'missing', actions enabled
    expect(sim.cloudwatch.alarm('Named').settings).toEqual({
      logicalId: 'Named', name: 'deep', arn: 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:deep', description: 'too deep',
      periodMs: 300_000, evaluationPeriods: 4, datapointsToAlarm: 4, threshold: 7.5, comparison: 'LessThanThreshold', treatMissingData: 'missing', actionsEnabled: true,
    });
    // AND the second gets a generated name, which its ARN holds
    const plain = sim.cloudwatch.alarm('Plain');
    expect(plain.name).toMatch(/^SimulatedStack-Plain-[A-Za-z0-9]{12}$/);
    expect(plain.settings).toEqual({
      logicalId: 'Plain', name: plain.name, arn: `arn:aws:cloudwatch:us-east-1:123456789012:alarm:${plain.name}`, description: undefined,
      periodMs: 60_000, evaluationPeriods: 1, datapointsToAlarm: 1, threshold: 1, comparison: 'GreaterThanOrEqualToThreshold', treatMissingData: 'missing', actionsEnabled: true,
    });
    expect(plain.queries.description).toBe('AWS/SQS ApproximateNumberOfMessagesVisible (Maximum)');
    expect(plain.queries.metrics).toEqual([{ namespace: 'AWS/SQS', metricName: 'ApproximateNumberOfMessagesVisible', dimensions: { QueueName: 'jobs' }, stat: 'Maximum' }]);
    expect([plain.state, plain.history, plain.lastValues]).toEqual(['INSUFFICIENT_DATA', [], []]);
  });

  test('keeps DatapointsToAlarm, TreatMissingData and ActionsEnabled false ("M out of N", in the Region the simulation is in)', () => {
    const sim = Simulation.fromTemplate(template({ A: visibleAlarm({ AlarmName: 'a', EvaluationPeriods: 5, DatapointsToAlarm: 2, TreatMissingData: 'breaching', ActionsEnabled: false }) }), {
      environment: { account: '210987654321', region: 'eu-west-3', partition: 'aws', urlSuffix: 'amazonaws.com' },
    });
    expect(sim.cloudwatch.alarm('A').settings).toEqual({
      logicalId: 'A', name: 'a', arn: 'arn:aws:cloudwatch:eu-west-3:210987654321:alarm:a', description: undefined,
      periodMs: 60_000, evaluationPeriods: 5, datapointsToAlarm: 2, threshold: 1, comparison: 'GreaterThanOrEqualToThreshold', treatMissingData: 'breaching', actionsEnabled: false,
    });
  });

  test('Ref is the alarm\'s name, Fn::GetAtt Arn its ARN; it has no other attribute', () => {
    // GIVEN an alarm with a name
    const sim = Simulation.fromTemplate(template({ Deep: visibleAlarm({ AlarmName: 'deep' }) }));
    const r = sim.template.resource('Deep')!;
    // THEN
    expect([r.ref, r.getAtt('Arn')]).toEqual(['deep', 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:deep']);
    const naming = { logicalId: 'Deep', stackName: 'SimulatedStack', env: sim.world.template.options.environment, prop: (name: string) => r.prop(name) };
    expect([ALARM_TYPE.ref(naming), ALARM_TYPE.getAtt!(naming, 'Arn'), ALARM_TYPE.getAtt!(naming, 'AlarmName')]).toEqual(['deep', 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:deep', undefined]);
    expect(ALARM_TYPE.type).toBe('AWS::CloudWatch::Alarm');
  });

  test('a metric math alarm takes the period its metrics share, or 60 seconds when none says', () => {
    const sim = Simulation.fromTemplate(template({ Same: visibleAlarm(math(120, 120)), None: visibleAlarm(math(undefined)) }));
    expect([sim.cloudwatch.alarm('Same').settings.periodMs, sim.cloudwatch.alarm('None').settings.periodMs]).toEqual([120_000, 60_000]);
    expect(sim.cloudwatch.alarm('Same').queries.description).toBe('m0 + m1');
  });

  test.each([
    ['its metrics have different periods', math(60, 300), 'Properties.Metrics', 'every metric of a metric math alarm must have the same period (got 60, 300 s)'],
    ['it has no EvaluationPeriods', { EvaluationPeriods: undefined }, 'Properties.EvaluationPeriods', 'is required'],
    ['it has no Threshold', { Threshold: undefined }, 'Properties.Threshold', 'is required'],
    ['its single metric has no Period', { Period: undefined }, 'Properties.Period', 'is required'],
    ['its single metric has no statistic', { Statistic: undefined }, 'Properties.Statistic',
      'the statistic undefined is not one the simulator computes (Average, Sum, Minimum, Maximum, SampleCount); percentiles need every value, and the simulator keeps statistic sets'],
    ['its single metric has no MetricName', { MetricName: undefined }, 'Properties', 'a metric needs a Namespace and a MetricName known at synth time'],
    ['TreatMissingData is not one of the four', { TreatMissingData: 'zero' }, 'Properties.TreatMissingData', 'must be one of missing, notBreaching, breaching, ignore'],
    ['it compares with an anomaly band', { ComparisonOperator: 'GreaterThanUpperThreshold' }, 'Properties.ComparisonOperator',
      'GreaterThanUpperThreshold is not simulated (only the four threshold comparisons are; anomaly detection bands are not modelled)'],
    ['it uses a percentile', { ExtendedStatistic: 'p90', Statistic: undefined }, 'Properties.ExtendedStatistic',
      'the percentile p90 is not one the simulator computes: it keeps statistic sets (SampleCount, Sum, Minimum, Maximum), not every value'],
    ['its Metrics is not a list', { ...math(60), Metrics: { Id: 'e' } }, 'Properties.Metrics', 'must be a list of metric data queries'],
  ])('fails with a TemplateError at the property if %s', (_what, props, path, problem) => {
    const e = refusal({ Deep: visibleAlarm(props) });
    expect([e.logicalId, e.propertyPath, e.problem]).toEqual(['Deep', path, problem]);
  });
});
