import { SimulationWorld } from '../../world/world';
import { AlarmEvaluator } from './evaluator';
import { DEFAULT_MATH_SETTINGS, MathSettings } from './math/evaluate';
import { MinuteTicker } from './ticker';

/** What CloudWatch holds for one simulation: its minute clock, its alarms, the settings of facts AWS leaves open. */
export class CloudWatchState {
  public readonly ticker: MinuteTicker;
  public readonly evaluator = new AlarmEvaluator();
  public math: MathSettings = DEFAULT_MATH_SETTINGS;
  private evaluating = false;

  constructor(world: SimulationWorld) {
    this.ticker = new MinuteTicker(world.runtime.clock, world.metrics);
  }

  /** Starts evaluating alarms once there is one (a simulation without alarms never samples its metrics). */
  public evaluateAlarms(): void {
    if (this.evaluating) return;
    this.evaluating = true;
    this.ticker.subscribe(this.evaluator);
  }
}

const states = new WeakMap<SimulationWorld, CloudWatchState>();

/** The CloudWatch state of a simulation, made on first use. */
export function cloudWatch(world: SimulationWorld): CloudWatchState {
  let s = states.get(world);
  if (!s) {
    s = new CloudWatchState(world);
    states.set(world, s);
  }
  return s;
}
