import { evaluatePolicy, PolicyRequest, wildcard } from '../../../lib/simulator/services/iam/policy';

// Whole decisions (decision and reason) of the resource-policy evaluator: the reason is what a refusal shows the user.

const QUEUE_ARN = 'arn:aws:sqs:us-east-1:123456789012:q';
const TOPIC_ARN = 'arn:aws:sns:us-east-1:123456789012:orders';
const service = (context: PolicyRequest['context'] = {}): PolicyRequest =>
  ({ principal: { service: 'sns.amazonaws.com' }, action: 'sqs:SendMessage', resource: QUEUE_ARN, context });
const role = (arn = 'arn:aws:iam::123456789012:role/app', account = '123456789012'): PolicyRequest =>
  ({ principal: { arn, account }, action: 'sqs:SendMessage', resource: QUEUE_ARN, context: {} });
const allow = (statement: Record<string, unknown>) => ({ Statement: [{ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: '*', ...statement }] });
const NO_STATEMENT = `no statement allows sns.amazonaws.com to sqs:SendMessage on ${QUEUE_ARN}`;

describe('IAM resource policy decisions', () => {
  test('GIVEN an allowing statement without Sid THEN the decision names it by its index', () => {
    expect(evaluatePolicy({ Statement: [
      { Effect: 'Allow', Principal: '*', Action: 'sqs:ReceiveMessage', Resource: '*' },
      { Effect: 'Allow', Principal: '*', Action: 'sqs:SendMessage', Resource: '*' },
    ] }, service())).toEqual({ decision: 'Allow', reason: 'statement 1 allows sqs:SendMessage' });
  });

  test('GIVEN two allowing statements THEN the first one is named', () => {
    expect(evaluatePolicy({ Statement: [
      { Sid: 'First', Effect: 'Allow', Principal: '*', Action: 'sqs:*', Resource: '*' },
      { Sid: 'Second', Effect: 'Allow', Principal: '*', Action: 'sqs:SendMessage', Resource: '*' },
    ] }, service())).toEqual({ decision: 'Allow', reason: 'statement First allows sqs:SendMessage' });
  });

  test('GIVEN an Allow and a later Deny THEN the Deny decides, named by its Sid', () => {
    expect(evaluatePolicy({ Statement: [
      { Effect: 'Allow', Principal: '*', Action: 'sqs:SendMessage', Resource: '*' },
      { Sid: 'NoSns', Effect: 'Deny', Principal: { Service: 'sns.amazonaws.com' }, Action: 'sqs:*', Resource: '*' },
    ] }, service())).toEqual({ decision: 'ExplicitDeny', reason: 'statement NoSns denies sqs:SendMessage' });
  });

  test('GIVEN a single Statement object (not a list) THEN it is evaluated', () => {
    expect(evaluatePolicy({ Statement: { Sid: 'One', Effect: 'Allow', Principal: '*', Action: 'sqs:SendMessage', Resource: '*' } }, service()))
      .toEqual({ decision: 'Allow', reason: 'statement One allows sqs:SendMessage' });
  });

  test('GIVEN no policy, a policy without statements or a non-object THEN the decision is an implicit deny with no detail', () => {
    for (const p of [undefined, null, 'text', {}, { Statement: null }, { Statement: [] }]) {
      expect(evaluatePolicy(p, service())).toEqual({ decision: 'ImplicitDeny', reason: NO_STATEMENT });
    }
  });

  test('GIVEN a statement with an Effect other than Allow or Deny THEN it allows nothing', () => {
    expect(evaluatePolicy(allow({ Effect: 'Maybe', Principal: '*' }), service())).toEqual({ decision: 'ImplicitDeny', reason: NO_STATEMENT });
  });

  test('GIVEN uninteresting misses (principal, action, NotAction, NotResource, no action) THEN the reason lists no statement', () => {
    const misses = [
      allow({ Principal: { Service: 'events.amazonaws.com' } }),
      allow({ Principal: 'someone' }),
      allow({ Principal: { Service: ['events.amazonaws.com', 'lambda.amazonaws.com'] } }),
      allow({ Principal: '*', Action: 'sqs:ReceiveMessage' }),
      allow({ Principal: '*', Action: undefined, NotAction: ['sqs:Send*'] }),
      allow({ Principal: '*', Resource: undefined, NotResource: 'arn:aws:sqs:*:*:q' }),
      { Statement: [{ Effect: 'Allow', Principal: '*', Resource: '*' }] },
    ];
    for (const p of misses) expect(evaluatePolicy(p, service())).toEqual({ decision: 'ImplicitDeny', reason: NO_STATEMENT });
  });

  test('GIVEN NotAction or NotResource that leave the request out THEN the statement allows', () => {
    expect(evaluatePolicy(allow({ Principal: '*', Action: undefined, NotAction: 'sqs:Receive*' }), service()).decision).toBe('Allow');
    expect(evaluatePolicy(allow({ Principal: '*', Resource: undefined, NotResource: 'arn:aws:sqs:*:*:other' }), service()).decision).toBe('Allow');
    expect(evaluatePolicy(allow({ Principal: { Service: ['events.amazonaws.com', 'sns.amazonaws.com'] }, Action: ['sqs:ReceiveMessage', 'SQS:sendmessage'] }), service()).decision).toBe('Allow');
  });

  test('GIVEN interesting misses THEN the reason lists each skipped statement with why', () => {
    const doc = { Statement: [
      { Sid: 'Other', Effect: 'Allow', Principal: '*', Action: 'sqs:SendMessage', Resource: 'arn:aws:sqs:us-east-1:123456789012:other' },
      { Effect: 'Allow', NotPrincipal: { AWS: '111111111111' }, Action: 'sqs:SendMessage', Resource: '*' },
      { Effect: 'Allow', Principal: '*', Action: 'sqs:SendMessage', Resource: '*', Condition: { DateLessThan: { 'aws:CurrentTime': '2030-01-01' } } },
      { Sid: 'Src', Effect: 'Allow', Principal: '*', Action: 'sqs:SendMessage', Resource: '*', Condition: { ArnEquals: { 'aws:SourceArn': TOPIC_ARN } } },
      { Effect: 'Allow', Principal: '*', Action: 'sqs:ReceiveMessage', Resource: 'arn:aws:sqs:us-east-1:123456789012:other' },
    ] };
    expect(evaluatePolicy(doc, service({ 'aws:SourceArn': 'arn:aws:sns:us-east-1:123456789012:other' }))).toEqual({
      decision: 'ImplicitDeny',
      reason: `${NO_STATEMENT} (statement Other: resource ${QUEUE_ARN} not listed; statement 1: NotPrincipal is not supported by the simulator; `
        + 'statement 2: condition operator DateLessThan is not supported by the simulator; '
        + 'statement Src: condition ArnEquals aws:SourceArn ["arn:aws:sns:us-east-1:123456789012:orders"] does not hold for "arn:aws:sns:us-east-1:123456789012:other")',
    });
  });

  test('GIVEN an AWS principal THEN the reason names its ARN, and account, root ARN, ARN or "*" match it', () => {
    expect(evaluatePolicy(allow({ Principal: { AWS: '999999999999' } }), role())).toEqual({
      decision: 'ImplicitDeny', reason: `no statement allows arn:aws:iam::123456789012:role/app to sqs:SendMessage on ${QUEUE_ARN}`,
    });
    for (const principal of ['123456789012', 'arn:aws:iam::123456789012:root', 'arn:aws:iam::123456789012:role/app', ['999999999999', '*']]) {
      expect([principal, evaluatePolicy(allow({ Principal: { AWS: principal } }), role()).decision]).toEqual([principal, 'Allow']);
    }
    expect(evaluatePolicy(allow({ Principal: { Service: 'sns.amazonaws.com' } }), role()).decision).toBe('ImplicitDeny');
    expect(evaluatePolicy(allow({ Principal: { AWS: 'arn:aws:iam::123456789012:role/other' } }), role()).decision).toBe('ImplicitDeny');
    expect(evaluatePolicy(allow({ Principal: { AWS: '123456789012' } }), service()).decision).toBe('ImplicitDeny');
  });

  test('GIVEN ForAllValues THEN every value must match, and ForAnyValue needs one', () => {
    const doc = (operator: string) => allow({ Principal: '*', Condition: { [operator]: { 'aws:TagKeys': ['a', 'b'] } } });
    const request = (keys: string[]) => service({ 'aws:TagKeys': keys });
    expect(evaluatePolicy(doc('ForAllValues:StringEquals'), request(['a', 'b'])).decision).toBe('Allow');
    expect(evaluatePolicy(doc('ForAllValues:StringEquals'), request(['a', 'c']))).toEqual({
      decision: 'ImplicitDeny', reason: `${NO_STATEMENT} (statement 0: condition ForAllValues:StringEquals aws:TagKeys ["a","b"] does not hold for ["a","c"])`,
    });
    expect(evaluatePolicy(doc('ForAnyValue:StringEquals'), request(['a', 'c'])).decision).toBe('Allow');
    expect(evaluatePolicy(doc('ForAnyValue:StringEquals'), request(['c', 'd'])).decision).toBe('ImplicitDeny');
    // ForAllValues holds for a missing key (an empty set); ForAnyValue does not.
    expect(evaluatePolicy(doc('ForAllValues:StringEquals'), service()).decision).toBe('Allow');
    expect(evaluatePolicy(doc('ForAnyValue:StringEquals'), service()).decision).toBe('ImplicitDeny');
    // A single context value is a one-element set.
    expect(evaluatePolicy(doc('ForAllValues:StringEquals'), service({ 'aws:TagKeys': 'b' })).decision).toBe('Allow');
  });

  test('GIVEN the Null operator THEN "true" demands a missing key and "false" a present one', () => {
    const doc = (v: string) => allow({ Principal: '*', Condition: { Null: { 'aws:SourceArn': v } } });
    expect(evaluatePolicy(doc('true'), service()).decision).toBe('Allow');
    expect(evaluatePolicy(doc('false'), service({ 'aws:SourceArn': TOPIC_ARN })).decision).toBe('Allow');
    expect(evaluatePolicy(doc('true'), service({ 'aws:SourceArn': TOPIC_ARN }))).toEqual({
      decision: 'ImplicitDeny', reason: `${NO_STATEMENT} (statement 0: condition Null aws:SourceArn ["true"] does not hold for "${TOPIC_ARN}")`,
    });
    expect(evaluatePolicy(doc('false'), service()).reason).toBe(`${NO_STATEMENT} (statement 0: condition Null aws:SourceArn ["false"] does not hold for undefined)`);
  });

  test.each([
    ['StringEquals', 'abc', 'abc', 'ABC'],
    ['StringNotEquals', 'abc', 'xyz', 'abc'],
    ['StringEqualsIgnoreCase', 'abc', 'ABC', 'abd'],
    ['StringNotEqualsIgnoreCase', 'abc', 'abd', 'ABC'],
    ['StringLike', 'a*c', 'abbc', 'abcd'],
    ['StringNotLike', 'a?c', 'abbc', 'abc'],
    ['ArnEquals', 'arn:aws:sns:*:123456789012:orders', TOPIC_ARN, 'arn:aws:sns:us-east-1:999999999999:orders'],
    ['ArnLike', 'arn:aws:sns:us-east-1:123456789012:ord*', TOPIC_ARN, 'arn:aws:sns:us-east-1:123456789012:xorders'],
    ['ArnNotEquals', TOPIC_ARN, 'arn:aws:sns:us-east-1:123456789012:other', TOPIC_ARN],
    ['ArnNotLike', 'arn:aws:sns:*:*:orders', 'arn:aws:sns:us-east-1:1:other', TOPIC_ARN],
    ['ArnLike', 'short*', 'shortname', 'longname'],
    ['Bool', 'TRUE', 'true', 'false'],
    ['NumericEquals', '5', '5.0', '6'],
    ['NumericNotEquals', '5', '6', '5'],
    ['NumericLessThan', '5', '4', '5'],
    ['NumericLessThanEquals', '5', '5', '6'],
    ['NumericGreaterThan', '5', '6', '5'],
    ['NumericGreaterThanEquals', '5', '5', '4'],
    ['IpAddress', '10.0.0.0/8', '10.255.255.255', '11.0.0.0'],
    ['IpAddress', '10.1.2.3', '10.1.2.3', '10.1.2.4'],
    ['IpAddress', '2001:db8::/32', '2001:db8:ffff::1', '2001:db9::1'],
    ['IpAddress', '2001:db8::1', '2001:db8::1', '2001:db8::2'],
    ['NotIpAddress', '10.0.0.0/8', '11.0.0.1', '10.0.0.1'],
    ['NotIpAddress', '10.0.0.0/8', '11.0.0.1', 'not-an-address'],
    ['IpAddress', '10.0.0.0/33', '', '10.0.0.1'],
    ['IpAddress', 'nonsense/8', '', '10.0.0.1'],
  ])('GIVEN %s %s THEN %s holds and %s does not, with the condition in the reason', (operator, expected, holds, fails) => {
    const doc = allow({ Principal: '*', Condition: { [operator]: { 'ctx:key': expected } } });
    if (holds) expect(evaluatePolicy(doc, service({ 'ctx:key': holds })).decision).toBe('Allow');
    expect(evaluatePolicy(doc, service({ 'ctx:key': fails }))).toEqual({
      decision: 'ImplicitDeny',
      reason: `${NO_STATEMENT} (statement 0: condition ${operator} ctx:key ${JSON.stringify([expected])} does not hold for ${JSON.stringify(fails)})`,
    });
  });

  test('GIVEN NotIpAddress and a value that is no address THEN it fails closed; the key missing satisfies it', () => {
    const doc = allow({ Principal: '*', Condition: { NotIpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } });
    expect(evaluatePolicy(doc, service()).decision).toBe('Allow');
  });

  test('GIVEN several condition values THEN positive operators need one to match', () => {
    const doc = allow({ Principal: '*', Condition: { StringEquals: { 'ctx:key': ['x', 'y'] }, NumericLessThan: { 'ctx:n': ['1', '10'] } } });
    expect(evaluatePolicy(doc, service({ 'ctx:key': 'y', 'ctx:n': '5' })).decision).toBe('Allow');
    expect(evaluatePolicy(doc, service({ 'ctx:key': 'y', 'ctx:n': '10' })).reason)
      .toBe(`${NO_STATEMENT} (statement 0: condition NumericLessThan ctx:n ["1","10"] does not hold for "10")`);
  });

  test('wildcards: * spans any run (also across lines), ? one character, actions ignore case, specials are literal', () => {
    expect(wildcard('sqs:*', 'SQS:SendMessage', true)).toBe(true);
    expect(wildcard('sqs:*', 'SQS:SendMessage', false)).toBe(false);
    expect(wildcard('sqs:SendMessage', 'SQS:SENDMESSAGE', true)).toBe(true);
    expect(wildcard('sqs:SendMessage', 'SQS:SENDMESSAGE', false)).toBe(false);
    expect(wildcard('a*', 'a\nb', false)).toBe(true);
    expect(wildcard('a?c', 'abc', false)).toBe(true);
    expect(wildcard('a?c', 'ac', false)).toBe(false);
    expect(wildcard('a.b*', 'axb', false)).toBe(false);
    expect(wildcard('(a)+*', '(a)+z', false)).toBe(true);
    expect(wildcard('x*', 'yx', false)).toBe(false);
    expect(wildcard('*x', 'xy', false)).toBe(false);
  });
});
