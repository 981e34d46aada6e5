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

/** Runs `f` and returns the error of class `kind` it throws; fails the test if none is thrown (and rethrows any other error). */
export function errorOf<E extends Error>(kind: abstract new (...args: never[]) => E, f: () => unknown): E {
  try {
    f();
  } catch (e) {
    if (e instanceof kind) return e;
    throw e;
  }
  throw new Error(`expected a ${kind.name}, none was thrown`);
}
