import { LAMBDA_LIMITS } from '../../../core/limits';
import { Check } from '../../world/world';
import { LambdaFunction } from './function';
import { lambdaService } from './state';

/** AWS keeps 100 of the account's concurrency unreserved: reservations beyond that fail at deploy. */
export const unreservedConcurrencyTooLow: Check = (world) => {
  const account = lambdaService(world).account;
  const left = account.limit - account.reserved;
  if (left >= LAMBDA_LIMITS.unreservedMinimum.min) return [];
  return [{
    code: 'decoupled-sim:unreserved-concurrency-too-low',
    severity: 'error',
    resources: world.all(LambdaFunction).filter((f) => f.reservedConcurrency !== undefined).map((f) => f.logicalId),
    message: `the functions reserve ${account.reserved} of the account's ${account.limit} concurrent executions, leaving ${left}; Lambda refuses reservations that leave fewer than ${LAMBDA_LIMITS.unreservedMinimum.min} unreserved`,
    fix: 'Lower the reservations, or raise the account concurrency quota first.',
  }];
};

export const LAMBDA_CHECKS: readonly Check[] = [unreservedConcurrencyTooLow];
