import { Duration } from 'aws-cdk-lib';
import type { Simulation } from '../simulator/simulation';
import { NamedSeries, SeriesPoint } from './plots';

/**
 * Advances a simulation by `step` until `until`, reading each probe after every step: the series a catalog
 * scenario plots (a queue's depth, a function's concurrency). `beforeStep` runs first at each step, to send or
 * receive what the scenario plays at that instant.
 */
export async function sampleEvery(sim: Simulation, options: {
  readonly step: Duration;
  readonly until: Duration;
  readonly probes: Readonly<Record<string, () => number>>;
  readonly beforeStep?: (nowMs: number) => void;
}): Promise<NamedSeries> {
  const series: Record<string, SeriesPoint[]> = Object.fromEntries(Object.keys(options.probes).map((name) => [name, []]));
  const read = () => {
    for (const [name, probe] of Object.entries(options.probes)) series[name].push({ time: sim.now, value: probe() });
  };
  read();
  const end = options.until.toMilliseconds();
  while (sim.now < end) {
    options.beforeStep?.(sim.now);
    await sim.advance(options.step);
    read();
  }
  return series;
}
