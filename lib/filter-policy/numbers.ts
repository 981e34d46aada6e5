import { FILTER_POLICY_LIMITS } from './limits';

const SCALE = 10 ** FILTER_POLICY_LIMITS.numericDecimalDigits;

/**
 * SNS compares numbers to five decimal places within ±10^9, so two numbers that agree to
 * five places are equal. Scaling to an integer keeps every such number exact in a double
 * (10^9 x 10^5 < 2^53), so comparisons of the scaled values are exact.
 * Returns undefined for a number SNS cannot compare numerically.
 */
export function comparableNumber(value: number): number | undefined {
  if (!Number.isFinite(value) || Math.abs(value) > FILTER_POLICY_LIMITS.maxNumericMagnitude) {
    return undefined;
  }
  return Math.round(value * SCALE);
}

/** Two numbers are equal for exact matching if they agree to five places, or are identical beyond the numeric range (e.g. account ids). */
export function numbersEqual(a: number, b: number): boolean {
  const ca = comparableNumber(a);
  const cb = comparableNumber(b);
  if (ca === undefined || cb === undefined) {
    return a === b;
  }
  return ca === cb;
}
