import { Datapoint, MetricSource, MetricUnit } from '../world/metrics';
import { MINUTE_MS } from './busy-meter';
import { QueueWorkerFleet } from './fleet';

/**
 * CPUUtilization of a fleet (AWS/ECS per service, AWS/EC2 per Auto Scaling group): the workers' average over the
 * period, `idle` percent plus `busy - idle` times the fraction of their slots that were busy. A period in which no
 * worker ran has no datapoint, as AWS publishes nothing then.
 */
export class CpuUtilizationSource implements MetricSource {
  public readonly metricName = 'CPUUtilization';
  public readonly unit: MetricUnit = 'None';

  constructor(
    public readonly namespace: string,
    public readonly dimensions: Readonly<Record<string, string>>,
    private readonly fleet: QueueWorkerFleet,
    private readonly now: () => number,
  ) {}

  public datapoints(startMs: number, endMs: number, periodMs: number): Datapoint[] {
    if (periodMs % MINUTE_MS !== 0) throw new Error(`CPUUtilization is kept per minute; a period of ${periodMs} ms is not whole minutes`);
    const now = this.now();
    const meter = this.fleet.meter;
    meter.flush(now);
    // A fleet nobody configured runs idle workers; a configured one uses its loop's settings.
    const b = this.fleet.loop?.behaviour;
    const busy = b?.cpu.busy ?? 100;
    const idle = b?.cpu.idle ?? 1;
    const slots = b?.slots ?? 1;
    const out: Datapoint[] = [];
    for (let p = startMs - (startMs % periodMs); p < Math.min(endMs, now); p += periodMs) {
      const t = meter.totals(p, p + periodMs);
      if (t.runningMs === 0) continue;
      const value = idle + ((busy - idle) * t.busyMs) / slots / t.runningMs;
      out.push({ time: p, sampleCount: 1, sum: value, minimum: value, maximum: value });
    }
    return out;
  }
}
