import { snsAttributes, sqsAttributes } from '../../lib/simulator/attributes';
import { InvalidRequestError } from '../../lib/simulator/requests';

// Message attribute shorthands as SNS and SQS receive them, and the whole message of each refusal.

function refusal(action: () => unknown): string {
  try {
    action();
  } catch (e) {
    expect(e).toBeInstanceOf(InvalidRequestError);
    expect((e as InvalidRequestError).code).toBe('InvalidParameterValue');
    return (e as Error).message;
  }
  throw new Error('expected an InvalidRequestError');
}

const SHAPES = 'give a string, a number, a boolean, an array of strings, numbers and booleans, bytes (Uint8Array), { Type, Value } or { DataType, StringValue | BinaryValue }';

describe('snsAttributes', () => {
  test('maps every shorthand to its typed SNS form', () => {
    // GIVEN one attribute of each shorthand
    // WHEN they are expanded for SNS
    // THEN each has the type and string value Publish takes
    expect(snsAttributes({
      s: 'text', t: true, f: false, n: 1.5, z: 0, arr: ['a', 1, false, null], bytes: new Uint8Array([0, 255, 1]),
      typed: { Type: 'Number', Value: '7' }, sqsForm: { DataType: 'String', StringValue: 'x' }, sqsBinary: { DataType: 'Binary', BinaryValue: 'AP8B' },
    })).toEqual({
      s: { Type: 'String', Value: 'text' }, t: { Type: 'String', Value: 'true' }, f: { Type: 'String', Value: 'false' },
      n: { Type: 'Number', Value: '1.5' }, z: { Type: 'Number', Value: '0' }, arr: { Type: 'String.Array', Value: '["a",1,false,null]' },
      bytes: { Type: 'Binary', Value: 'AP8B' }, typed: { Type: 'Number', Value: '7' }, sqsForm: { Type: 'String', Value: 'x' }, sqsBinary: { Type: 'Binary', Value: 'AP8B' },
    });
    expect(snsAttributes(undefined)).toBeUndefined();
    expect(snsAttributes({})).toEqual({});
  });

  test('names at the limits: 256 characters pass, 257 fail; periods inside pass', () => {
    const at = 'a'.repeat(256);
    expect(snsAttributes({ [at]: 'x', 'a.b-c_D9': 'y' })).toEqual({ [at]: { Type: 'String', Value: 'x' }, 'a.b-c_D9': { Type: 'String', Value: 'y' } });
    const past = 'a'.repeat(257);
    expect(refusal(() => snsAttributes({ [past]: 'x' }))).toBe(`InvalidParameterValue: message attribute "${past}" has a name SNS and SQS refuse: 1–256 characters among A–Z, a–z, 0–9, _, - and .`);
    expect(refusal(() => snsAttributes({ '': 'x' }))).toBe('InvalidParameterValue: message attribute "" has a name SNS and SQS refuse: 1–256 characters among A–Z, a–z, 0–9, _, - and .');
  });

  test('fails if a name is reserved or has misplaced periods', () => {
    const reserved = (name: string) => `InvalidParameterValue: message attribute "${name}" has a name SNS and SQS refuse: AWS. and Amazon. prefixes are reserved`;
    const periods = (name: string) => `InvalidParameterValue: message attribute "${name}" has a name SNS and SQS refuse: no leading, trailing or successive periods`;
    expect(refusal(() => snsAttributes({ 'aws.x': 'v' }))).toBe(reserved('aws.x'));
    expect(refusal(() => snsAttributes({ 'Amazon.x': 'v' }))).toBe(reserved('Amazon.x'));
    expect(snsAttributes({ awsx: 'v', 'amazonx.y': 'w' })).toEqual({ awsx: { Type: 'String', Value: 'v' }, 'amazonx.y': { Type: 'String', Value: 'w' } });
    expect(refusal(() => snsAttributes({ '.a': 'v' }))).toBe(periods('.a'));
    expect(refusal(() => snsAttributes({ 'a.': 'v' }))).toBe(periods('a.'));
    expect(refusal(() => snsAttributes({ 'a..b': 'v' }))).toBe(periods('a..b'));
  });

  test('fails if a value has no shape SNS takes, describing the value', () => {
    expect(refusal(() => snsAttributes({ a: null as never }))).toBe(`InvalidParameterValue: message attribute "a" is null; ${SHAPES}`);
    expect(refusal(() => snsAttributes({ a: undefined as never }))).toBe(`InvalidParameterValue: message attribute "a" is undefined; ${SHAPES}`);
    expect(refusal(() => snsAttributes({ a: (() => 1) as never }))).toBe(`InvalidParameterValue: message attribute "a" is a function; ${SHAPES}`);
    expect(refusal(() => snsAttributes({ a: { v: 'x' } as never }))).toBe(`InvalidParameterValue: message attribute "a" is {"v":"x"}; ${SHAPES}`);
    expect(refusal(() => snsAttributes({ a: BigInt(1) as never }))).toBe(`InvalidParameterValue: message attribute "a" is bigint; ${SHAPES}`);
    expect(refusal(() => snsAttributes({ a: Symbol('s') as never }))).toBe(`InvalidParameterValue: message attribute "a" is symbol; ${SHAPES}`);
    expect(refusal(() => snsAttributes({ a: Number.POSITIVE_INFINITY }))).toBe('InvalidParameterValue: message attribute "a" is the number Infinity; a Number attribute must be finite');
    expect(refusal(() => snsAttributes({ a: ['x', ['y']] as never }))).toBe('InvalidParameterValue: message attribute "a" is a String.Array holding ["y"]; its items must be strings, numbers, booleans or null');
    // An undefined item is refused too (JSON would send it as null)
    expect(refusal(() => snsAttributes({ a: ['x', undefined] as never }))).toBe('InvalidParameterValue: message attribute "a" is a String.Array holding undefined; its items must be strings, numbers, booleans or null');
    expect(refusal(() => snsAttributes('x' as never))).toBe('InvalidParameterValue: attributes must be an object of attribute names to values, got "x"');
    expect(refusal(() => snsAttributes(null as never))).toBe('InvalidParameterValue: attributes must be an object of attribute names to values, got null');
  });

  test('fails if a typed attribute has a type SNS refuses, a value that is not a string, an empty value or bad base64', () => {
    expect(refusal(() => snsAttributes({ a: { Type: 'Number.int', Value: '1' } as never }))).toBe('InvalidParameterValue: message attribute "a" has the type "Number.int", which SNS does not accept: use String, String.Array, Number, Binary');
    expect(refusal(() => snsAttributes({ a: { Type: 3, Value: '1' } as never }))).toBe('InvalidParameterValue: message attribute "a" has the type 3, which SNS does not accept: use String, String.Array, Number, Binary');
    expect(refusal(() => snsAttributes({ a: { Type: 'String' } as never }))).toBe('InvalidParameterValue: message attribute "a" has the value undefined; a String attribute\'s value is a string');
    expect(refusal(() => snsAttributes({ a: { Type: 'Binary', Value: [1] } as never }))).toBe('InvalidParameterValue: message attribute "a" has the value [1]; a Binary attribute\'s value is a string (base64) or bytes');
    expect(refusal(() => snsAttributes({ a: { Type: 'String', Value: '' } }))).toBe('InvalidParameterValue: message attribute "a" is empty; SNS refuses an attribute without a value');
    expect(refusal(() => snsAttributes({ a: { Type: 'Binary', Value: 'AP8' } }))).toBe('InvalidParameterValue: message attribute "a" is Binary but its value is not base64: pass bytes (a Uint8Array) or their base64');
    // SNS itself does not check a Number's text (SQS does).
    expect(snsAttributes({ a: { Type: 'Number', Value: 'ten' } })).toEqual({ a: { Type: 'Number', Value: 'ten' } });
  });
});

describe('sqsAttributes', () => {
  test('maps shorthands to DataType with StringValue, or BinaryValue for Binary types', () => {
    expect(sqsAttributes({
      s: 'text', n: 3, arr: ['a'], bytes: new Uint8Array([1]), custom: { DataType: 'Binary.png', BinaryValue: 'AQ==' },
      label: { DataType: 'Number.int', StringValue: '10' }, snsForm: { Type: 'String', Value: 'v' },
    })).toEqual({
      s: { DataType: 'String', StringValue: 'text' }, n: { DataType: 'Number', StringValue: '3' }, arr: { DataType: 'String.Array', StringValue: '["a"]' },
      bytes: { DataType: 'Binary', BinaryValue: 'AQ==' }, custom: { DataType: 'Binary.png', BinaryValue: 'AQ==' },
      label: { DataType: 'Number.int', StringValue: '10' }, snsForm: { DataType: 'String', StringValue: 'v' },
    });
    expect(sqsAttributes(undefined)).toBeUndefined();
  });

  test('fails if a type SQS refuses, a Number that is not one, an empty value or bad base64 in a custom Binary type', () => {
    const sqsTypes = 'String, Number or Binary, optionally with a custom label (Number.int)';
    expect(refusal(() => sqsAttributes({ a: { DataType: 'Boolean', StringValue: 'x' } }))).toBe(`InvalidParameterValue: message attribute "a" has the type "Boolean", which SQS does not accept: use ${sqsTypes}`);
    expect(refusal(() => sqsAttributes({ a: { DataType: 'String. x', StringValue: 'x' } }))).toBe(`InvalidParameterValue: message attribute "a" has the type "String. x", which SQS does not accept: use ${sqsTypes}`);
    expect(refusal(() => sqsAttributes({ a: { DataType: `String.${'x'.repeat(251)}`, StringValue: 'x' } }))).toMatch(/has the type "String\.x+", which SQS does not accept/);
    expect(sqsAttributes({ a: { DataType: `String.${'x'.repeat(250)}`, StringValue: 'x' } })).toEqual({ a: { DataType: `String.${'x'.repeat(250)}`, StringValue: 'x' } });
    expect(refusal(() => sqsAttributes({ a: { DataType: 'Number.float', StringValue: '1e' } }))).toBe('InvalidParameterValue: message attribute "a" is Number.float but its value "1e" is not a number');
    expect(refusal(() => sqsAttributes({ a: { DataType: 'String', StringValue: '' } }))).toBe('InvalidParameterValue: message attribute "a" is empty; SQS refuses an attribute without a value');
    expect(refusal(() => sqsAttributes({ a: { DataType: 'Binary.x', BinaryValue: '!!' } }))).toBe('InvalidParameterValue: message attribute "a" is Binary.x but its value is not base64: pass bytes (a Uint8Array) or their base64');
    expect(refusal(() => sqsAttributes({ a: { DataType: 'String' } as never }))).toBe('InvalidParameterValue: message attribute "a" has the value undefined; a String attribute\'s value is a string');
  });
});
