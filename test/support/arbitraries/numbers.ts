import { Duration, Size } from 'aws-cdk-lib';
import * as fc from 'fast-check';
import { Limit } from '../../../lib/core';
import { Generated, constant, invalid, valid } from './generated';
import { durationTokens, numberTokens, sizeTokens } from './tokens';

/**
 * Values around an AWS range, as property tests need them: both ends of the range, one step past each, anywhere
 * inside and outside, fractions, and tokens. The verdict is the range's alone; a rule that combines fields judges again.
 */

/** The largest value drawn above a range with no upper bound. */
const UNBOUNDED_TOP = 1_000_000;

function upper(limit: Limit): number {
  return Number.isFinite(limit.max) ? limit.max : UNBOUNDED_TOP;
}

/** Whole numbers at and near a limit, fractions, and tokens (counts, sizes in bytes or MB). */
export function counts(limit: Limit): fc.Arbitrary<Generated<number>> {
  const top = upper(limit);
  const inside = (n: number) => constant('valid', String(n), n);
  const outside = (n: number) => constant('invalid', String(n), n);
  const edges = [inside(limit.min), outside(limit.min - 1), ...(Number.isFinite(limit.max) ? [inside(limit.max), outside(limit.max + 1)] : [])];
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...edges) },
    { weight: 3, arbitrary: fc.integer({ min: limit.min, max: top }).map(inside) },
    { weight: 1, arbitrary: fc.integer({ min: limit.min - 1000, max: limit.min - 1 }).map(outside) },
    ...(Number.isFinite(limit.max) ? [{ weight: 1, arbitrary: fc.integer({ min: limit.max + 1, max: limit.max + 100_000 }).map(outside) }] : []),
    { weight: 1, arbitrary: fc.integer({ min: limit.min, max: top - 1 }).map((n) => outside(n + 0.5)) },
    { weight: 1, arbitrary: numberTokens(limit.min) },
  );
}

/** Durations at and near a range in seconds: whole seconds in several units, milliseconds, fractions, tokens. */
export function durations(limit: Limit): fc.Arbitrary<Generated<Duration>> {
  const top = upper(limit);
  const seconds = (n: number, ok: boolean) => (ok ? valid : invalid)(`Duration.seconds(${n})`, () => Duration.seconds(n));
  const edges = [seconds(limit.min, true), seconds(limit.max, true), seconds(limit.max + 1, false), ...(limit.min > 0 ? [seconds(limit.min - 1, false)] : [])];
  const minutes = Math.ceil(limit.min / 60) <= Math.floor(top / 60)
    ? [{ weight: 1, arbitrary: fc.integer({ min: Math.ceil(limit.min / 60), max: Math.floor(top / 60) }).map((m) => valid(`Duration.minutes(${m})`, () => Duration.minutes(m))) }]
    : [];
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...edges) },
    { weight: 3, arbitrary: fc.integer({ min: limit.min, max: top }).map((n) => seconds(n, true)) },
    ...minutes,
    { weight: 1, arbitrary: fc.integer({ min: limit.min, max: top }).map((n) => valid(`Duration.millis(${n * 1000})`, () => Duration.millis(n * 1000))) },
    { weight: 1, arbitrary: fc.integer({ min: top + 1, max: top + 100_000 }).map((n) => seconds(n, false)) },
    { weight: 2, arbitrary: fc.integer({ min: limit.min * 1000, max: top * 1000 }).filter((ms) => ms % 1000 !== 0).map((ms) => invalid(`Duration.millis(${ms})`, () => Duration.millis(ms))) },
    { weight: 1, arbitrary: fc.integer({ min: limit.min, max: top - 1 }).map((n) => invalid(`Duration.seconds(${n + 0.5})`, () => Duration.seconds(n + 0.5))) },
    { weight: 1, arbitrary: durationTokens(limit.min) },
  );
}

/** Sizes at and near a range in MiB: whole MiB, GiB, KiB that are not whole MiB, tokens. */
export function sizes(limit: Limit): fc.Arbitrary<Generated<Size>> {
  const top = upper(limit);
  const mebibytes = (n: number, ok: boolean) => (ok ? valid : invalid)(`Size.mebibytes(${n})`, () => Size.mebibytes(n));
  const edges = [mebibytes(limit.min, true), mebibytes(limit.max, true), mebibytes(limit.max + 1, false), ...(limit.min > 0 ? [mebibytes(limit.min - 1, false)] : [])];
  const gibibytes = Math.ceil(limit.min / 1024) <= Math.floor(top / 1024)
    ? [{ weight: 1, arbitrary: fc.integer({ min: Math.ceil(limit.min / 1024), max: Math.floor(top / 1024) }).map((g) => valid(`Size.gibibytes(${g})`, () => Size.gibibytes(g))) }]
    : [];
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...edges) },
    { weight: 3, arbitrary: fc.integer({ min: limit.min, max: top }).map((n) => mebibytes(n, true)) },
    ...gibibytes,
    { weight: 2, arbitrary: fc.integer({ min: limit.min * 1024, max: top * 1024 }).filter((k) => k % 1024 !== 0).map((k) => invalid(`Size.kibibytes(${k})`, () => Size.kibibytes(k))) },
    { weight: 1, arbitrary: sizeTokens(limit.min) },
  );
}
