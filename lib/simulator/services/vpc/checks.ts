import { Finding } from '../../checks/finding';
import { Check } from '../../world/world';
import { LambdaFunction } from '../lambda/function';
import { functionReachability } from './function-reachability';

/**
 * Every granted service a function in a VPC cannot reach: its code's calls would hang until it times out. One
 * finding per function and service, naming the element that blocks it and the fix.
 */
export const unreachableGrantedService: Check = (world) => {
  const findings: Finding[] = [];
  for (const fn of world.all(LambdaFunction)) {
    const r = functionReachability(world, fn);
    if (!r.inVpc) continue;
    for (const s of r.services) {
      if (s.status !== 'unreachable') continue;
      findings.push({
        code: 'decoupled-sim:vpc-unreachable-grant',
        severity: 'error',
        resources: [s.blockedBy!.element, fn.logicalId],
        message: `${fn.logicalId} is granted ${s.name} (${s.actions.join(', ')}) but cannot reach it: ${s.blockedBy!.reason}. Its calls get no answer and the function times out.`,
        fix: s.blockedBy!.fix,
      });
    }
  }
  return findings;
};

export const VPC_CHECKS: readonly Check[] = [unreachableGrantedService];
