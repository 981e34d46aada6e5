import { SimulationWorld } from '../world/world';
import { Finding } from './finding';

/** Every finding of every service's checks, errors first; within a severity, in the order services and their checks are listed. */
export function runChecks(world: SimulationWorld): Finding[] {
  const all = world.checks.flatMap((check) => check(world));
  return [...all.filter((f) => f.severity === 'error'), ...all.filter((f) => f.severity === 'warning')];
}
