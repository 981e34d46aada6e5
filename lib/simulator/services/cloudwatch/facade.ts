import { Duration } from 'aws-cdk-lib';
import { ResourceRef } from '../../resource-ref';
import { FacadeContext } from '../../world/world';
import { TimePoint } from '../../world/time-series';
import { AlarmStateChange, CloudWatchAlarm } from './alarm';
import { MathSettings } from './math/evaluate';
import { MetricDataQuery, MetricQuerySet } from './math/metric-queries';
import { cloudWatch } from './state';

/** A span of virtual time and the period of the datapoints to read in it. */
export interface MetricDataSpan {
  /** @default - virtual time 0 */
  readonly start?: Duration;
  /** @default - now */
  readonly end?: Duration;
  /** @default Duration.minutes(1) */
  readonly period?: Duration;
}

/** `sim.cloudwatch`: alarms (the template's and those Auto Scaling made), their history, metric math. */
export class CloudWatchFacade {
  constructor(private readonly context: FacadeContext) {}

  /** An alarm of the template, by construct, path or logical id. */
  public alarm(ref: ResourceRef): CloudWatchAlarm {
    return this.context.model(ref, CloudWatchAlarm, 'a CloudWatch alarm');
  }

  /** Every alarm evaluated: the template's, then those target tracking policies made, in creation order. */
  public alarms(): readonly CloudWatchAlarm[] {
    return cloudWatch(this.context.world).evaluator.alarms;
  }

  /** Every state change of every alarm, in time order. */
  public history(): AlarmStateChange[] {
    return this.alarms().flatMap((a) => a.history).sort((a, b) => a.time - b.time);
  }

  /** Sets what CloudWatch does where AWS does not say (AWS-FACTS §11). */
  public configure(settings: Partial<MathSettings>): void {
    const state = cloudWatch(this.context.world);
    state.math = { ...state.math, ...settings };
  }

  /**
   * The series `GetMetricData` would return for the query with `returnData` (metric math over the metrics the
   * services publish), one point per period with a value. Gauges have datapoints only for minutes CloudWatch sampled.
   */
  public metricData(queries: readonly MetricDataQuery[], span: MetricDataSpan = {}): TimePoint[] {
    this.context.settle();
    const world = this.context.world;
    const period = (span.period ?? Duration.minutes(1)).toMilliseconds();
    const start = span.start?.toMilliseconds() ?? 0;
    const end = span.end?.toMilliseconds() ?? world.runtime.clock.now;
    const count = Math.max(0, Math.floor((end - start) / period));
    const set = new MetricQuerySet(queries, { logicalId: 'metricData', path: 'queries' }, world.metrics, cloudWatch(world));
    const values = set.series(start + count * period, period, count);
    const out: TimePoint[] = [];
    values.forEach((value, i) => {
      if (!Number.isNaN(value)) out.push({ time: start + i * period, value });
    });
    return out;
  }
}
