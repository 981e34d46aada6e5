import { Aws, CfnParameter, Duration, Size, Stack, Token } from 'aws-cdk-lib';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { FunctionSettings, PROP_RULES, formatValue, validateFunctionProps } from '../../lib/core';
import { collect, named } from './problems';

const R = PROP_RULES;

/** A failure destination, so the async settings are checked for their range alone. */
const ON_FAILURE: FunctionSettings = { onFailure: { bind: () => ({ destination: 'arn:aws:sqs:us-east-1:111111111111:failures' }) } };

function check(props: FunctionSettings, stack = new Stack()) {
  return collect((p) => validateFunctionProps(p, props, 'functionProps'), stack);
}

describe('validateFunctionProps: ranges', () => {
  // Each row: a field, its value at a limit (accepted), one step past it (refused), and the rule's words.
  const limits: Array<[field: keyof FunctionSettings, atLimit: unknown, pastLimit: unknown, rule: RegExp]> = [
    ['timeout', Duration.seconds(1), Duration.seconds(0), /outside Timeout's allowed range 1–900 seconds/],
    ['timeout', Duration.minutes(15), Duration.seconds(901), /Timeout's allowed range 1–900 seconds/],
    ['memorySize', 128, 127, /outside MemorySize's allowed range 128–10,240 MB/],
    ['memorySize', 10_240, 10_241, /MemorySize/],
    ['ephemeralStorageSize', Size.mebibytes(512), Size.mebibytes(511), /outside EphemeralStorage's allowed range 512–10,240 MB/],
    ['ephemeralStorageSize', Size.mebibytes(10_240), Size.mebibytes(10_241), /EphemeralStorage/],
    ['reservedConcurrentExecutions', 0, -1, /is below ReservedConcurrentExecutions's minimum 0/],
    ['retryAttempts', 0, -1, /outside MaximumRetryAttempts's allowed range 0–2/],
    ['retryAttempts', 2, 3, /MaximumRetryAttempts/],
    ['maxEventAge', Duration.seconds(60), Duration.seconds(59), /outside MaximumEventAgeInSeconds's allowed range 60–21,600 seconds/],
    ['maxEventAge', Duration.hours(6), Duration.seconds(21_601), /MaximumEventAgeInSeconds/],
  ];

  test.each(limits.map(([field, atLimit]) => [field, formatValue(atLimit), atLimit] as const))('%s at its limit, %s, is accepted', (field, _shown, atLimit) => {
    expect(check({ [field]: atLimit, ...ON_FAILURE })).toEqual([]);
  });

  test.each(limits)('fails if %s is one step past its limit', (field, _atLimit, pastLimit, rule) => {
    const problems = check({ [field]: pastLimit, ...ON_FAILURE });
    expect(named(problems)).toEqual([`functionProps.${field} [${R.functionSettingRange}]`]);
    expect(problems[0].rule).toMatch(rule);
  });

  test.each<[keyof FunctionSettings, unknown, string]>([
    ['timeout', Duration.millis(1500), '1.5s'],
    ['maxEventAge', Duration.millis(60_500), '60.5s'],
    ['memorySize', 256.5, '256.5'],
    ['reservedConcurrentExecutions', 2.5, '2.5'],
    ['retryAttempts', 1.5, '1.5'],
    ['ephemeralStorageSize', Size.kibibytes(600 * 1024 + 1), '600.0009765625 MiB'],
  ])('fails if %s is not a whole number, naming the prop (%s)', (field, value, shown) => {
    const [problem] = check({ [field]: value, ...ON_FAILURE });
    expect(problem).toMatchObject({ prop: `functionProps.${field}`, value: shown, code: R.functionSettingRange });
    expect(problem.rule).toMatch(/is not a whole number/);
  });

  test('a value known only at deploy is not judged', () => {
    const stack = new Stack();
    const n = new CfnParameter(stack, 'N', { type: 'Number' }).valueAsNumber;
    expect(check({ timeout: Duration.seconds(n), memorySize: n, reservedConcurrentExecutions: Token.asNumber(n), ephemeralStorageSize: Size.mebibytes(n) }, stack)).toEqual([]);
  });
});

describe('validateFunctionProps: names and text', () => {
  test('a 64-character function name is accepted; 65 characters or an empty name is not', () => {
    expect(check({ functionName: 'f'.repeat(64) })).toEqual([]);
    expect(check({ functionName: 'f'.repeat(65) })[0].rule).toMatch(/is 65 characters long; FunctionName takes 1–64 characters/);
    expect(named(check({ functionName: '' }))).toEqual([`functionProps.functionName [${R.invalidFunctionName}]`]);
  });

  test('fails if a function name has characters Lambda does not allow', () => {
    const [problem] = check({ functionName: 'pay ments.v2' });
    expect(problem.rule).toMatch(/has characters Lambda does not allow here: " ", "\."/);
  });

  test('a function name with a token is judged on its literal text', () => {
    expect(check({ functionName: `${Aws.STACK_NAME}-payments` })).toEqual([]);
    expect(named(check({ functionName: `${Aws.STACK_NAME}-pay!` }))).toEqual([`functionProps.functionName [${R.invalidFunctionName}]`]);
    expect(check({ functionName: `${Aws.STACK_NAME}${'f'.repeat(65)}` })[0].rule).toMatch(/is at least 65 characters long/);
  });

  test('a 256-character description is accepted; 257 is not', () => {
    expect(check({ description: 'd'.repeat(256) })).toEqual([]);
    expect(check({ description: 'd'.repeat(257) })[0]).toMatchObject({ prop: 'functionProps.description', value: '(257 characters)' });
  });

  test('a 128-character handler is accepted; 129 characters or a space is not', () => {
    expect(check({ handler: `${'h'.repeat(122)}.index` })).toEqual([]);
    expect(named(check({ handler: `${'h'.repeat(123)}.index` }))).toEqual([`functionProps.handler [${R.invalidFunctionName}]`]);
    expect(check({ handler: 'index handler' })[0].rule).toMatch(/" "/);
  });
});

describe('validateFunctionProps: environment', () => {
  test('keys start with a letter and have at least two characters: letters, digits and _', () => {
    expect(check({ environment: { AB: 'x', a1_b: 'y' } })).toEqual([]);
    for (const key of ['A', '1A', 'A-B', '_A']) {
      expect(named(check({ environment: { [key]: 'x' } }))).toEqual([`functionProps.environment.${key} [${R.invalidEnvironment}]`]);
    }
  });

  test('fails if a key is one Lambda reserves', () => {
    const [problem] = check({ environment: { AWS_REGION: 'eu-west-1' } });
    expect(problem.rule).toMatch(/is reserved/);
  });

  // {"K":"…"} is 8 bytes of JSON around the value.
  test('4,096 bytes of variables as JSON is accepted; 4,097 is not', () => {
    expect(check({ environment: { K1: 'v'.repeat(4_096 - 9) } })).toEqual([]);
    const [problem] = check({ environment: { K1: 'v'.repeat(4_096 - 8) } });
    expect(problem).toMatchObject({ prop: 'functionProps.environment', code: R.invalidEnvironment });
    expect(problem.rule).toMatch(/is 4097 bytes as JSON; Lambda allows 4096 bytes/);
  });

  test('counts bytes, not characters', () => {
    expect(named(check({ environment: { K1: 'é'.repeat(2_044) } }))).toEqual([`functionProps.environment [${R.invalidEnvironment}]`]);
  });

  test('a value with a token counts its literal text, a lower bound', () => {
    expect(check({ environment: { K1: `${Aws.ACCOUNT_ID}${'v'.repeat(4_000)}` } })).toEqual([]);
    expect(check({ environment: { K1: `${Aws.ACCOUNT_ID}${'v'.repeat(4_089)}` } })).toHaveLength(1);
  });
});

describe('validateFunctionProps: dead-letter target', () => {
  test('fails if a dead-letter queue is given with deadLetterQueueEnabled false', () => {
    const stack = new Stack();
    const queue = new sqs.Queue(stack, 'Dlq');
    expect(named(check({ deadLetterQueue: queue, deadLetterQueueEnabled: false }, stack))).toEqual([`functionProps.deadLetterQueueEnabled [${R.functionDeadLetter}]`]);
    expect(check({ deadLetterQueue: queue, deadLetterQueueEnabled: true }, stack)).toEqual([]);
  });

  test('fails if a dead-letter topic is given with dead-letter queue settings', () => {
    const stack = new Stack();
    const topic = new sns.Topic(stack, 'Dlt');
    expect(named(check({ deadLetterTopic: topic, deadLetterQueueEnabled: true }, stack))).toEqual([`functionProps.deadLetterTopic [${R.functionDeadLetter}]`]);
    expect(named(check({ deadLetterTopic: topic, deadLetterQueue: new sqs.Queue(stack, 'Q') }, stack))).toEqual([`functionProps.deadLetterTopic [${R.functionDeadLetter}]`]);
    expect(check({ deadLetterTopic: topic }, stack)).toEqual([]);
  });
});

describe('validateFunctionProps: asynchronous invocations', () => {
  test('fails if retryAttempts or maxEventAge is given without onFailure, naming each', () => {
    const problems = check({ retryAttempts: 0, maxEventAge: Duration.hours(1) });
    expect(named(problems)).toEqual([`functionProps.retryAttempts [${R.functionAsyncDestination}]`, `functionProps.maxEventAge [${R.functionAsyncDestination}]`]);
    expect(problems[0].rule).toMatch(/without functionProps.onFailure: an event that fails them is dropped.*Serverless-LambdaAsyncFailureDestination/);
    expect(problems[0].fix).toMatch(/Give functionProps.onFailure/);
  });

  test('accepts them with onFailure', () => {
    expect(check({ retryAttempts: 0, maxEventAge: Duration.hours(1), ...ON_FAILURE })).toEqual([]);
  });
});

test('no props, nothing to check', () => {
  expect(collect((p) => validateFunctionProps(p, undefined, 'functionProps'))).toEqual([]);
});
