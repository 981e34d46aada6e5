import { SimulationRuntime } from '../../runtime';
import { MetricQuerySet } from './math/metric-queries';

export type AlarmState = 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';
export type ComparisonOperator = 'GreaterThanOrEqualToThreshold' | 'GreaterThanThreshold' | 'LessThanThreshold' | 'LessThanOrEqualToThreshold';
export type TreatMissingData = 'missing' | 'notBreaching' | 'breaching' | 'ignore';

export const COMPARISONS: Record<ComparisonOperator, { readonly test: (v: number, t: number) => boolean; readonly words: string }> = {
  GreaterThanOrEqualToThreshold: { test: (v, t) => v >= t, words: 'greater than or equal to' },
  GreaterThanThreshold: { test: (v, t) => v > t, words: 'greater than' },
  LessThanThreshold: { test: (v, t) => v < t, words: 'less than' },
  LessThanOrEqualToThreshold: { test: (v, t) => v <= t, words: 'less than or equal to' },
};

/** An alarm's configuration, as PutMetricAlarm takes it (times in virtual ms). */
export interface AlarmSettings {
  /** The logical id of the alarm's resource, or of the scaling policy that made it (target tracking). */
  readonly logicalId: string;
  readonly name: string;
  readonly arn: string;
  readonly description?: string;
  readonly periodMs: number;
  readonly evaluationPeriods: number;
  /** M of "M out of N". @default evaluationPeriods */
  readonly datapointsToAlarm: number;
  readonly threshold: number;
  readonly comparison: ComparisonOperator;
  /** @default 'missing' */
  readonly treatMissingData: TreatMissingData;
  /** @default true */
  readonly actionsEnabled: boolean;
}

/** One state transition, as DescribeAlarmHistory reports it. */
export interface AlarmStateChange {
  /** Virtual ms. */
  readonly time: number;
  readonly alarm: string;
  readonly from: AlarmState;
  readonly to: AlarmState;
  readonly reason: string;
  /** The datapoints evaluated, oldest first (NaN: missing). */
  readonly values: readonly number[];
}

/**
 * What an action did: changed something, changed nothing, or was held back and wants to be invoked again (a
 * cooldown): the evaluator keeps evaluating while any action is held back.
 */
export type ActionEffect = 'changed' | 'unchanged' | 'retryLater';

/** Something an alarm does when it enters a state; Auto Scaling actions also run at every evaluation while it stays. */
export interface AlarmAction {
  /** The ARN the template names, or what the action is. */
  readonly target: string;
  /** Auto Scaling actions are invoked again at each evaluation while the alarm stays in the state (AWS-FACTS §7). */
  readonly repeats: boolean;
  invoke(alarm: CloudWatchAlarm, values: readonly number[], change: AlarmStateChange | undefined): ActionEffect;
}

/** What one evaluation did. */
export interface EvaluationOutcome {
  readonly change: AlarmStateChange | undefined;
  /** The strongest effect of the actions it invoked. */
  readonly effect: ActionEffect;
}

const RANK: Record<ActionEffect, number> = { unchanged: 0, changed: 1, retryLater: 2 };

function format(v: number): string {
  return Number.isNaN(v) ? 'missing' : String(Math.round(v * 1000) / 1000);
}

/**
 * A CloudWatch metric alarm (AWS-FACTS §7): at the end of each period it takes the last `evaluationPeriods`
 * datapoints of its metric or metric math, counts those that breach (missing ones as `treatMissingData` says), and
 * goes to ALARM when at least `datapointsToAlarm` do, to OK when fewer do, to INSUFFICIENT_DATA when all are
 * missing (`missing`; `ignore` keeps the state). Actions run on each transition; Auto Scaling actions again at
 * every evaluation while the alarm stays in the state.
 */
export class CloudWatchAlarm {
  public state: AlarmState = 'INSUFFICIENT_DATA';
  public readonly history: AlarmStateChange[] = [];
  /** The datapoints of the latest evaluation, oldest first. */
  public lastValues: readonly number[] = [];
  public readonly actions: Record<AlarmState, AlarmAction[]> = { OK: [], ALARM: [], INSUFFICIENT_DATA: [] };

  constructor(
    private readonly runtime: SimulationRuntime,
    private current: AlarmSettings,
    public readonly queries: MetricQuerySet,
  ) {}

  public get settings(): AlarmSettings {
    return this.current;
  }

  /** Changes the alarm's configuration (PutMetricAlarm again): only before it was first evaluated. */
  public reconfigure(settings: AlarmSettings): void {
    if (this.evaluated) throw new Error(`the alarm ${this.current.name} has been evaluated already: set its shape before the simulation runs`);
    this.current = settings;
  }

  private evaluated = false;

  public get name(): string {
    return this.settings.name;
  }

  /** Whether the alarm evaluates at `time`: at the end of each of its periods. */
  public due(time: number): boolean {
    return time > 0 && time % this.settings.periodMs === 0;
  }

  /** How long the alarm's window is: a metric that has held still this long cannot change its state any more. */
  public get windowMs(): number {
    return this.settings.periodMs * this.settings.evaluationPeriods;
  }

  public evaluate(time: number): EvaluationOutcome {
    this.evaluated = true;
    const s = this.settings;
    const values = Array.from(this.queries.series(time, s.periodMs, s.evaluationPeriods));
    this.lastValues = values;
    const next = this.nextState(values);
    const from = this.state;
    let change: AlarmStateChange | undefined;
    if (next.state !== from) {
      change = { time, alarm: s.name, from, to: next.state, reason: next.reason, values };
      this.state = next.state;
      this.history.push(change);
      this.runtime.record('cloudwatch.alarmStateChanged', s.logicalId, undefined, next.reason, { alarm: s.name, from, to: next.state });
    }
    let effect: ActionEffect = 'unchanged';
    if (s.actionsEnabled) {
      for (const a of this.actions[this.state]) {
        if (!change && !a.repeats) continue;
        const e = a.invoke(this, values, change);
        if (RANK[e] > RANK[effect]) effect = e;
      }
    }
    return { change, effect };
  }

  private nextState(values: readonly number[]): { state: AlarmState; reason: string } {
    const s = this.settings;
    const { test, words } = COMPARISONS[s.comparison];
    let present = 0;
    let breaching = 0;
    for (const v of values) {
      if (Number.isNaN(v)) {
        if (s.treatMissingData === 'breaching') breaching++;
        if (s.treatMissingData === 'breaching' || s.treatMissingData === 'notBreaching') present++;
        continue;
      }
      present++;
      if (test(v, s.threshold)) breaching++;
    }
    const shown = `[${values.map(format).join(', ')}]`;
    if (breaching >= s.datapointsToAlarm) {
      return { state: 'ALARM', reason: `Threshold Crossed: ${breaching} out of the last ${values.length} datapoints ${shown} ${breaching === 1 ? 'was' : 'were'} ${words} the threshold (${s.threshold})` };
    }
    if (present === 0) {
      if (s.treatMissingData === 'ignore') return { state: this.state, reason: 'every datapoint is missing; treatMissingData ignore keeps the state' };
      return { state: 'INSUFFICIENT_DATA', reason: `Insufficient Data: ${values.length} datapoints were unknown` };
    }
    return { state: 'OK', reason: `Threshold Crossed: ${breaching} out of the last ${values.length} datapoints ${shown} ${breaching === 1 ? 'was' : 'were'} ${words} the threshold (${s.threshold}); ${s.datapointsToAlarm} must be to alarm` };
  }
}
