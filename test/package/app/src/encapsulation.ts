// What the package keeps to itself. Each line fails to compile if it became reachable (tsc reports an
// unused @ts-expect-error), so the internals stay internal. NodeNext resolution only: it reads `exports`.

// @ts-expect-error the simulator has its own entry, decoupled-cdk/simulator
import { Simulation } from 'decoupled-cdk';
// @ts-expect-error ProblemCollector is how the patterns collect problems, not an API
import { ProblemCollector } from 'decoupled-cdk';
// @ts-expect-error createAlarm is the patterns' alarm factory
import { createAlarm } from 'decoupled-cdk';
// @ts-expect-error the built files are reachable only through the two entries
import { warn } from 'decoupled-cdk/dist/lib/core/validation';

export const hidden: unknown[] = [Simulation, ProblemCollector, createAlarm, warn];
