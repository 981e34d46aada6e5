import { ValidationError } from '../../lib';

/** Runs `f` and returns the ValidationError it throws; fails the test if none is thrown (and rethrows any other error). */
export function validationErrorOf(f: () => unknown): ValidationError {
  try {
    f();
  } catch (e) {
    if (e instanceof ValidationError) return e;
    throw e;
  }
  throw new Error('expected a ValidationError, none was thrown');
}
