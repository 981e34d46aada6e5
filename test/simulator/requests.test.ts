import { InvalidRequestError, checkReceive, isNumberText, publishRejection, tooManyAttributes } from '../../lib/simulator/requests';

// The parameter checks of ReceiveMessage, SendMessage and Publish: each limit, and one past it, with the whole message.

// The ranges as the messages write them, literal so a change of wording is seen.
const RANGES = { max: '1–10', wait: '0–20 seconds', visibility: '0–43,200 seconds' };
const ATTRIBUTE_RANGE = 'MessageAttributes must be 0–10';
const PUBLISH_RANGE = '1–262,144 bytes';

function refusal(action: () => unknown): string {
  try {
    action();
  } catch (e) {
    expect(e).toBeInstanceOf(InvalidRequestError);
    expect(e).toMatchObject({ name: 'InvalidRequestError', code: 'InvalidParameterValue' });
    return (e as Error).message;
  }
  throw new Error('expected an InvalidRequestError');
}

describe('checkReceive', () => {
  test('accepts each parameter at its limits, and absent parameters', () => {
    expect(() => checkReceive(1, 0, 0)).not.toThrow();
    expect(() => checkReceive(10, 20_000, 43_200_000)).not.toThrow();
    expect(() => checkReceive(undefined, undefined, undefined)).not.toThrow();
  });

  test('fails if MaxNumberOfMessages is outside 1–10 or not whole', () => {
    for (const n of [0, 11, 2.5]) {
      expect(refusal(() => checkReceive(n, undefined, undefined))).toBe(`InvalidParameterValue: value ${n} for parameter MaxNumberOfMessages is invalid: it must be ${RANGES.max}`);
    }
  });

  test('fails if WaitTimeSeconds is outside 0–20', () => {
    expect(refusal(() => checkReceive(undefined, 20_001, undefined))).toBe(`InvalidParameterValue: value 20.001 for parameter WaitTimeSeconds is invalid: it must be ${RANGES.wait}`);
    expect(refusal(() => checkReceive(undefined, -1, undefined))).toBe(`InvalidParameterValue: value -0.001 for parameter WaitTimeSeconds is invalid: it must be ${RANGES.wait}`);
  });

  test('fails if VisibilityTimeout is outside 0–43,200 s', () => {
    expect(refusal(() => checkReceive(undefined, undefined, 43_200_001))).toBe(`InvalidParameterValue: value 43200.001 for parameter VisibilityTimeout is invalid: it must be ${RANGES.visibility}`);
    expect(refusal(() => checkReceive(undefined, undefined, -1000))).toBe(`InvalidParameterValue: value -1 for parameter VisibilityTimeout is invalid: it must be ${RANGES.visibility}`);
  });
});

describe('tooManyAttributes', () => {
  const attributes = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`a${i}`, 'v']));
  test('10 attributes pass, 11 fail with the count and the limit; none pass', () => {
    expect(tooManyAttributes(attributes(10))).toBeUndefined();
    expect(tooManyAttributes(undefined)).toBeUndefined();
    expect(tooManyAttributes({})).toBeUndefined();
    expect(tooManyAttributes(attributes(11))).toBe(`the message has 11 message attributes; ${ATTRIBUTE_RANGE}`);
  });
});

describe('publishRejection', () => {
  test('accepts a message with well-formed Number and String.Array attributes', () => {
    expect(publishRejection('m', undefined)).toBeUndefined();
    expect(publishRejection('m', { n: { Type: 'Number', Value: '-1.5e3' }, a: { Type: 'String.Array', Value: '["x",1]' }, s: { Type: 'String', Value: 'not a number' } })).toBeUndefined();
  });

  test('fails if the message is empty', () => {
    expect(publishRejection('', undefined)).toEqual({ code: 'InvalidParameter', reason: `Message must be ${PUBLISH_RANGE}; it is empty` });
  });

  test('fails if a Number attribute is not a number, or a String.Array not a JSON array', () => {
    expect(publishRejection('m', { n: { Type: 'Number', Value: '1,000' } })).toEqual({ code: 'InvalidParameterValue', reason: 'the value "1,000" of message attribute n (Number) is not a number' });
    expect(publishRejection('m', { a: { Type: 'String.Array', Value: '{"x":1}' } })).toEqual({ code: 'InvalidParameterValue', reason: 'the value "{\\"x\\":1}" of message attribute a (String.Array) is not a JSON array' });
    expect(publishRejection('m', { a: { Type: 'String.Array', Value: '[unclosed' } })).toEqual({ code: 'InvalidParameterValue', reason: 'the value "[unclosed" of message attribute a (String.Array) is not a JSON array' });
  });
});

describe('isNumberText', () => {
  test('integers, fractions and exponents are numbers; the rest is not', () => {
    expect(['0', '-7', '+3', '1.', '1.25', '.5', '2e10', '2E-3', '-.5e+2'].map(isNumberText)).toEqual(new Array(9).fill(true));
    expect(['', '.', 'e5', '1e', '1.2.3', ' 1', '1 ', '0x10', 'NaN', 'Infinity', '1,5', '--1'].map(isNumberText)).toEqual(new Array(12).fill(false));
  });
});
