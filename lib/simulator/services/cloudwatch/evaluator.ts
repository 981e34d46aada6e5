import { CloudWatchAlarm } from './alarm';
import { MINUTE_MS, MinuteSubscriber } from './ticker';

/**
 * Evaluates every alarm at the end of each of its periods. It is settled once, for as long as the longest
 * alarm window (and one period more), nothing else was scheduled, no alarm changed state and no action changed
 * anything or was held back: every window then holds values of a world that stands still, and another
 * evaluation would do nothing.
 */
export class AlarmEvaluator implements MinuteSubscriber {
  public readonly alarms: CloudWatchAlarm[] = [];
  private quietSince = 0;
  private lastTick = 0;

  public add(alarm: CloudWatchAlarm): void {
    this.alarms.push(alarm);
    this.quietSince = this.lastTick;
  }

  public tick(time: number, active: boolean): void {
    this.lastTick = time;
    if (active) this.quietSince = time;
    for (const alarm of this.alarms) {
      if (!alarm.due(time)) continue;
      const outcome = alarm.evaluate(time);
      if (outcome.change || outcome.effect !== 'unchanged') this.quietSince = time;
    }
  }

  public settled(): boolean {
    // One more period than the window: the last datapoint of a still world is read a period after it was sampled.
    let window = MINUTE_MS;
    for (const a of this.alarms) window = Math.max(window, a.windowMs + a.settings.periodMs);
    return this.lastTick - this.quietSince >= window;
  }
}
