import { compileFilterPolicy, filterPolicyMatches, FilterScope, validateFilterPolicy } from '../../lib/filter-policy';

type Invalid = [rule: string, policy: object, scope: FilterScope, problem: RegExp];
type Valid = [rule: string, policy: object, scope: FilterScope];

const values = (n: number, prefix = 'v') => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

// Each row is a policy AWS rejects; the AWS reason (recorded in localstack's
// test_sns_filter_policy snapshot unless noted) is in the comment.
const invalid: Invalid[] = [
  // "Match value must be String, number, true, false, or null"
  ['value list holding a list', { key: [['value']] }, 'MessageAttributes', /key "key".*must be a string, number, true, false, null or an operator object/],
  // "Unrecognized match type wrong-operator"
  ['unknown operator', { key: [{ 'wrong-operator': true }] }, 'MessageAttributes', /key "key": "wrong-operator" is not a filter policy operator/],
  // "Only one key allowed in match expression"
  ['two operators in one object', { key: [{ suffix: 'value', prefix: 'value2' }] }, 'MessageAttributes', /exactly one operator/],
  // "suffix match pattern must be a string"
  ['suffix given a number', { key: [{ suffix: 100 }] }, 'MessageAttributes', /"suffix" must be a string, not 100/],
  ['suffix given null', { key: [{ suffix: null }] }, 'MessageAttributes', /"suffix" must be a string, not null/],
  ['suffix given a list', { key: [{ suffix: ['test', 'test2'] }] }, 'MessageAttributes', /"suffix" must be a string/],
  ['prefix given a number', { key: [{ prefix: 1 }] }, 'MessageAttributes', /"prefix" must be a string/],
  ['equals-ignore-case given a number', { key: [{ 'equals-ignore-case': 1 }] }, 'MessageAttributes', /"equals-ignore-case" must be a string/],
  // '"suffix" must be an object or an array': a lone value must be in an array
  ['operator object not in a list', { key: { suffix: 'value' } }, 'MessageAttributes', /nested filter policies/],
  ['lone value not in a list', { key_a: 'value_one' }, 'MessageBody', /key "key_a": must be an array of values.*a lone value must be in an array/],
  ['lone number not in a list', { key_a: 5 }, 'MessageAttributes', /key "key_a": must be an array/],
  // "Empty arrays are not allowed" (aws/event-ruler JsonRuleCompiler)
  ['empty value list', { key: [] }, 'MessageAttributes', /key "key": empty arrays are not allowed/],
  // "Empty objects are not allowed" (aws/event-ruler JsonRuleCompiler)
  ['empty nested object', { key: {} }, 'MessageBody', /empty objects are not allowed/],
  ['empty $or alternative', { $or: [{}, { a: ['x'] }] }, 'MessageAttributes', /the policy: empty objects are not allowed/],
  // "Filter policy scope MessageAttributes does not support nested filter policy"
  ['nesting in MessageAttributes scope', { object: { key: [{ prefix: 'auto-' }] } }, 'MessageAttributes', /key "object": MessageAttributes scope does not support nested/],
  // Numeric: "Invalid member in numeric match: ]"
  ['numeric: empty', { key: [{ numeric: [] }] }, 'MessageAttributes', /"numeric" needs an operator and a number/],
  // "Unrecognized numeric range operator: operator"
  ['numeric: unknown operator', { key: [{ numeric: ['operator'] }] }, 'MessageAttributes', /"operator" is not a numeric operator/],
  // "Invalid member in numeric match: 1"
  ['numeric: value before operator', { key: [{ numeric: [1, '<='] }] }, 'MessageAttributes', /must start with an operator/],
  // "Value of equals must be numeric"
  ['numeric: string value', { key: [{ numeric: ['=', '000'] }] }, 'MessageAttributes', /after "equals" must be a number, not "000"/],
  // "Value of >= must be numeric"
  ['numeric: missing value', { key: [{ numeric: ['>='] }] }, 'MessageAttributes', /after ">=" must be a number/],
  // "Too many elements in numeric expression"
  ['numeric: upper bound first', { key: [{ numeric: ['<', 100, '>', 10] }] }, 'MessageAttributes', /only a lower bound/],
  // "Bad numeric range operator: >"
  ['numeric: two lower bounds', { key: [{ numeric: ['>=', 1, '>', 2] }] }, 'MessageAttributes', /second operator of a numeric range must be < or <=, not ">"/],
  // "Bottom must be less than top"
  ['numeric: bounds in the wrong order', { key: [{ numeric: ['>', 3, '<', 1] }] }, 'MessageAttributes', /lower bound 3 must be less than the upper bound 1/],
  ['numeric: equal bounds', { key: [{ numeric: ['>=', 3, '<=', 3] }] }, 'MessageAttributes', /lower bound 3 must be less than/],
  // "Value of <= must be numeric"
  ['numeric: missing upper value', { key: [{ numeric: ['>', 20, '<='] }] }, 'MessageAttributes', /after "<=" must be a number/],
  // "Bad value in numeric range: 30"
  ['numeric: missing upper operator', { key: [{ numeric: ['>', 20, 30] }] }, 'MessageAttributes', /needs an upper-bound operator/],
  // "Bad numeric range operator: test"
  ['numeric: unknown upper operator', { key: [{ numeric: ['>', 20, 'test'] }] }, 'MessageAttributes', /must be < or <=, not "test"/],
  // "Value of > must be numeric"
  ['numeric: string bounds', { key: [{ numeric: ['>', '20', '<', '30'] }] }, 'MessageAttributes', /after ">" must be a number/],
  ['numeric: string upper bound', { key: [{ numeric: ['>', 20, '<', '30'] }] }, 'MessageAttributes', /after "<" must be a number/],
  // "Too many terms in numeric range expression"
  ['numeric: three bounds', { key: [{ numeric: ['>', 20, '<', 30, '<', 50] }] }, 'MessageAttributes', /at most two operator\/value pairs/],
  // AWS "Filter policy constraints": numbers from -10^9 to 10^9
  ['numeric: beyond 1e9', { key: [{ numeric: ['>', 1e10] }] }, 'MessageAttributes', /outside the range SNS compares numerically/],
  ['numeric: one past 1e9', { key: [{ numeric: ['=', 1_000_000_001] }] }, 'MessageAttributes', /1000000001 is outside the range SNS compares numerically \(-1000000000 to 1000000000\)/],
  ['numeric: one past -1e9', { key: [{ numeric: ['>', -1_000_000_001, '<', 0] }] }, 'MessageAttributes', /-1000000001 is outside the range/],
  ['numeric: upper bound one past 1e9', { key: [{ numeric: ['>', 0, '<=', 1_000_000_001] }] }, 'MessageAttributes', /1000000001 is outside the range/],
  ['anything-but: a number one past 1e9', { key: [{ 'anything-but': 1_000_000_001 }] }, 'MessageAttributes', /anything-but number 1000000001 is outside -1000000000 to 1000000000/],
  ['anything-but: a listed number one past -1e9', { key: [{ 'anything-but': [1, -1_000_000_001] }] }, 'MessageAttributes', /anything-but number -1000000001 is outside/],
  ['numeric: not an array', { key: [{ numeric: 5 }] }, 'MessageAttributes', /"numeric" takes an array/],
  // "exists match pattern must be either true or false."
  ['exists: null', { key: [{ exists: null }] }, 'MessageAttributes', /"exists" must be true or false, not null/],
  ['exists: string', { key: [{ exists: 'no' }] }, 'MessageAttributes', /"exists" must be true or false, not "no"/],
  // "Unsupported anything-but pattern: wrong-operator"
  ['anything-but: unknown inner operator', { key: [{ 'anything-but': { 'wrong-operator': null } }] }, 'MessageAttributes', /"wrong-operator" cannot be used inside "anything-but"/],
  // "Unsupported anything-but pattern: exists"
  ['anything-but: exists inside', { key: [{ 'anything-but': { exists: false } }] }, 'MessageAttributes', /"exists" cannot be used inside "anything-but"/],
  // "Unsupported anything-but pattern: suffix" (EventBridge takes it; SNS does not)
  ['anything-but: suffix inside', { key: [{ 'anything-but': { suffix: 'test' } }] }, 'MessageAttributes', /key "key": Unsupported anything-but pattern: suffix/],
  // "prefix match pattern must be a string"
  ['anything-but: prefix not a string', { key: [{ 'anything-but': { prefix: false } }] }, 'MessageAttributes', /anything-but "prefix" must be a string, not false/],
  // event-ruler: "Null prefix/suffix not allowed"
  ['anything-but: empty prefix', { key: [{ 'anything-but': { prefix: '' } }] }, 'MessageAttributes', /anything-but "prefix" must not be empty/],
  // event-ruler: "Inside anything but list, either all values are number or string, mixed type is not supported"
  ['anything-but: mixed list', { key: [{ 'anything-but': ['a', 1] }] }, 'MessageAttributes', /only strings or only numbers/],
  ['anything-but: empty list', { key: [{ 'anything-but': [] }] }, 'MessageAttributes', /needs at least one value/],
  // event-ruler: "Inside anything-but list, start|null|boolean is not supported."
  ['anything-but: boolean', { key: [{ 'anything-but': true }] }, 'MessageAttributes', /true, false and null are not allowed/],
  // event-ruler CIDR: malformed blocks
  ['cidr: no prefix length', { ip: [{ cidr: '10.0.0.1' }] }, 'MessageAttributes', /not a CIDR block/],
  ['cidr: bad address', { ip: [{ cidr: '10.0.0.256/24' }] }, 'MessageAttributes', /not a valid IPv4 or IPv6 address/],
  ['cidr: prefix too long', { ip: [{ cidr: '10.0.0.0/33' }] }, 'MessageAttributes', /from 0 to 32/],
  ['cidr: IPv6 prefix too long', { ip: [{ cidr: '2001:db8::/129' }] }, 'MessageAttributes', /from 0 to 128/],
  ['cidr: not a string', { ip: [{ cidr: 10 }] }, 'MessageAttributes', /"cidr" must be a string/],
  ['cidr: a prefix length that is not a number', { ip: [{ cidr: '10.0.0.0/a' }] }, 'MessageAttributes', /from 0 to 32/],
  ['cidr: a prefix length of four digits', { ip: [{ cidr: '10.0.0.0/0032' }] }, 'MessageAttributes', /from 0 to 32/],
  ['value: Infinity is not a JSON number', { n: [Infinity] }, 'MessageAttributes', /key "n": Infinity is not a JSON number/],
  ['value: an operator object naming no operator', { n: [{}] }, 'MessageAttributes', /key "n": an operator object must name one operator/],
  ['value: an operator object with an unknown second key', { n: [{ prefix: 'a', wrong: 1 }] }, 'MessageAttributes', /exactly one operator; put \{"prefix": \.\.\.\} and \{"wrong": \.\.\.\} as separate list elements/],
  ['anything-but: an object with two operators', { k: [{ 'anything-but': { prefix: 'a', wildcard: 'b' } }] }, 'MessageAttributes', /an "anything-but" object takes exactly one of prefix, wildcard, equals-ignore-case/],
  ['anything-but: equals-ignore-case given a number', { k: [{ 'anything-but': { 'equals-ignore-case': 5 } }] }, 'MessageAttributes', /anything-but "equals-ignore-case" takes a string or a list of strings, not 5/],
  ['anything-but: equals-ignore-case given an empty list', { k: [{ 'anything-but': { 'equals-ignore-case': [] } }] }, 'MessageAttributes', /takes a string or a list of strings, not \[\]/],
  ['anything-but: a bad wildcard', { k: [{ 'anything-but': { wildcard: 'a**' } }] }, 'MessageAttributes', /key "k": wildcard pattern "a\*\*" has consecutive/],
  ['anything-but: empty prefix', { k: [{ 'anything-but': { prefix: '' } }] }, 'MessageAttributes', /anything-but "prefix" must not be empty/],
  ['anything-but: a list holding an object', { k: [{ 'anything-but': [{ a: 1 }] }] }, 'MessageAttributes', /only strings or only numbers, not \[\{"a":1\}\]/],
  ['anything-but: a list holding Infinity', { k: [{ 'anything-but': [1, Infinity] }] }, 'MessageAttributes', /only strings or only numbers/],
  ['anything-but: null', { k: [{ 'anything-but': null }] }, 'MessageAttributes', /true, false and null are not allowed/],
  ['wildcard: a trailing backslash', { k: [{ wildcard: 'a\\' }] }, 'MessageAttributes', /backslash that escapes neither/],
  ['nested $or names its place', { a: { $or: [{ b: ['x'] }] } }, 'MessageBody', /key "a.\$or": "\$or" must be an array of at least 2 objects/],
  ['six keys names them', { k1: ['1'], k2: ['2'], k3: ['3'], k4: ['4'], k5: ['5'], k6: ['6'] }, 'MessageAttributes', /6 keys \(k1, k2, k3, k4, k5, k6\); SNS allows at most 5/],
  // event-ruler README: wildcard escaping rules
  ['wildcard: consecutive stars', { k: [{ wildcard: 'a**b' }] }, 'MessageAttributes', /consecutive "\*"/],
  ['wildcard: bad escape', { k: [{ wildcard: 'a\\b' }] }, 'MessageAttributes', /backslash that escapes neither/],
  // event-ruler: "There must have at least 2 Objects in $or relationship."
  ['$or with one object', { $or: [{ a: ['x'] }] }, 'MessageAttributes', /"\$or" must be an array of at least 2 objects/],
  ['$or not an array', { $or: { a: ['x'] } }, 'MessageAttributes', /"\$or" must be an array/],
  ['$or holding a value', { $or: [{ a: ['x'] }, 'b'] }, 'MessageAttributes', /"\$or" must be an array/],
  // event-ruler: reserved field names inside $or
  ['$or alternative keyed by an operator name', { $or: [{ numeric: [1] }, { prefix: ['abc'] }] }, 'MessageAttributes', /"numeric" is an operator name/],
  // "Filter policy can not have more than 5 keys"
  ['six keys (MessageAttributes)', { key1: ['1'], key2: ['2'], key3: ['3'], key4: ['4'], key5: ['5'], key6: ['6'] }, 'MessageAttributes', /6 keys.*at most 5/],
  ['six keys (MessageBody)', { key_a: ['1'], key_b: ['2'], key_c: ['3'], key_d: ['4'], key_e: ['5'], key_f: ['6'] }, 'MessageBody', /6 top-level keys.*at most 5/],
  // "Filter policy is too complex"
  ['151 values for one key', { key: values(151) }, 'MessageAttributes', /151 combinations.*at most 150/],
  ['100 x 51 values', { key1: values(100), key2: values(51) }, 'MessageAttributes', /5100 combinations/],
  // AWS "Filter policy constraints" nested example: 3 x 4 x 2 x 3 x 1 x 3 = 216
  ['nested levels multiply', { key_a: { key_b: { key_c: values(4) } }, key_d: { key_e: values(3) }, key_f: values(3) }, 'MessageBody', /216 combinations/],
  // AWS "$or" complexity example: (4 x 6) + (4 x 4 x 4) + (4 x 4 x 4) = 152
  ['$or alternatives add up', {
    source: values(4), $or: [{ metricName: values(6) }, { metricType: values(4), $or: [{ metricId: [1, 2, 3, 4] }, { spaceId: [1, 2, 3, 4] }] }],
  }, 'MessageAttributes', /152 combinations/],
  // (3 x 4 x 2) + (3 x 4 x 6) + (2 x 4 x 2) + (2 x 4 x 6) = 160
  ['$or in a nested body policy', {
    $or: [{ metricName: values(3) }, { namespace: values(2) }],
    detail: { scope: values(2), $or: [{ source: values(1) }, { type: values(3) }] },
  }, 'MessageBody', /160 combinations/],
  // AWS "Filter policy constraints": "The maximum size of a filter policy is 256 KB."
  ['larger than 256 KB', { key: ['x'.repeat(300 * 1024)] }, 'MessageAttributes', /bytes as JSON; SNS allows at most 262144 bytes/],
  ['not an object', [] as unknown as object, 'MessageAttributes', /must be a JSON object/],
  ['unknown scope', { a: ['x'] }, 'Body' as FilterScope, /scope must be MessageAttributes or MessageBody/],
];

const valid: Valid[] = [
  // An empty policy is a subscription without a filter (AWS "Amazon SNS message filtering").
  ['empty policy (MessageAttributes)', {}, 'MessageAttributes'],
  ['empty policy (MessageBody)', {}, 'MessageBody'],
  ['flat policy', { attr: ['match-this'] }, 'MessageBody'],
  ['nested policy in MessageBody scope', { object: { key: [{ prefix: 'auto-' }] } }, 'MessageBody'],
  ['null and anything-but in one list (AWS-recorded)', { attr1: [null, { 'anything-but': 'whatever' }] }, 'MessageAttributes'],
  ['anything-but prefix (AWS-recorded)', { key: [{ 'anything-but': { prefix: 'test-' } }] }, 'MessageAttributes'],
  ['anything-but list (AWS-recorded)', { key: [{ 'anything-but': ['test', 'test2'] }] }, 'MessageAttributes'],
  ['anything-but string (AWS-recorded)', { key: [{ 'anything-but': 'test' }] }, 'MessageAttributes'],
  ['anything-but numbers', { key: [{ 'anything-but': [100, 500] }] }, 'MessageAttributes'],
  ['anything-but wildcard', { key: [{ 'anything-but': { wildcard: '*.txt' } }] }, 'MessageAttributes'],
  ['anything-but empty wildcard', { key: [{ 'anything-but': { wildcard: '' } }] }, 'MessageAttributes'],
  ['wildcard escapes', { key: [{ wildcard: 'a\\*b\\\\c*' }] }, 'MessageAttributes'],
  ['exactly 256 KB', { k: ['x'.repeat(256 * 1024 - 10)] }, 'MessageAttributes'],
  ['exists combined with another value in the list', { key: [{ exists: false }, { numeric: ['>', 5] }] }, 'MessageAttributes'],
  ['numeric range', { attr1: [{ numeric: ['>', 0, '<=', 100] }] }, 'MessageAttributes'],
  ['numeric at the 1e9 limit', { n: [{ numeric: ['<=', 1e9] }] }, 'MessageAttributes'],
  ['numeric range from -1e9 to 1e9', { n: [{ numeric: ['>=', -1e9, '<=', 1e9] }] }, 'MessageAttributes'],
  ['anything-but numbers at the limits', { n: [{ 'anything-but': [-1e9, 1e9] }] }, 'MessageAttributes'],
  // A plain number is also matched as text, so one beyond the numeric range is kept, not refused (aws/event-ruler
  // JsonRuleCompiler: "the number might not be representable as a ComparableNumber, for example an AWS account
  // number, so make that condition survivable"; localstack, recording against AWS, notes that SNS accepts it).
  ['exact number beyond 1e9 (account id)', { account: [123456789012] }, 'MessageAttributes'],
  ['cidr IPv6', { ip: [{ cidr: '2001:db8::/32' }] }, 'MessageAttributes'],
  ['five keys', { key1: ['1'], key2: ['2'], key3: ['3'], key4: ['4'], key5: ['5'] }, 'MessageAttributes'],
  ['150 values for one key', { key: values(150) }, 'MessageAttributes'],
  // AWS "$or" complexity example accepted at exactly 150: (3 x 6) + (3 x 4 x 4) + (3 x 4 x 7)
  ['$or at exactly 150 combinations', {
    source: values(3), $or: [{ metricName: values(6) }, { metricType: values(4), $or: [{ metricId: [1, 2, 3, 4] }, { spaceId: [1, 2, 3, 4, 5, 6, 7] }] }],
  }, 'MessageAttributes'],
  // Only parent keys count for nested policies: 3 x 4 x 2 x 3 = 72 (AWS constraints example)
  ['nested policy, 72 combinations', { key_a: { key_b: { key_c: values(4) } }, key_d: { key_e: values(3) } }, 'MessageBody'],
  ['five parent keys with many nested keys', { a: { x: ['1'], y: ['1'] }, b: { x: ['1'], y: ['1'] }, c: ['1'], d: ['1'], e: ['1'] }, 'MessageBody'],
  ['$or alternatives each within five keys', { a: ['1'], b: ['1'], c: ['1'], $or: [{ d: ['1'], e: ['1'] }, { f: ['1'], g: ['1'] }] }, 'MessageAttributes'],
];

describe('validateFilterPolicy', () => {
  test.each(invalid)('rejects %s', (_rule, policy, scope, problem) => {
    const problems = validateFilterPolicy(policy, scope);
    expect(problems).toEqual(expect.arrayContaining([expect.stringMatching(problem)]));
  });

  test.each(valid)('accepts %s', (_rule, policy, scope) => {
    expect(validateFilterPolicy(policy, scope)).toEqual([]);
  });

  test('reports every problem at once, each naming its key', () => {
    const problems = validateFilterPolicy({ a: [{ exists: 'yes' }], b: [{ numeric: ['>', 'x'] }], c: [] });
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/^key "a"/);
    expect(problems[1]).toMatch(/^key "b"/);
    expect(problems[2]).toMatch(/^key "c"/);
  });

  test('the scope defaults to MessageAttributes (nesting is rejected)', () => {
    expect(validateFilterPolicy({ a: { b: ['x'] } })).toHaveLength(1);
  });

  test('nesting in MessageAttributes scope is reported once, however deep', () => {
    expect(validateFilterPolicy({ a: { b: ['x'] }, c: { d: { e: ['y'] } } })).toEqual([
      'key "a": MessageAttributes scope does not support nested filter policies; use FilterPolicyScope MessageBody to filter on nested properties',
    ]);
  });

  test('a policy of six body keys counts top-level keys only', () => {
    expect(validateFilterPolicy({ a: { x: ['1'], y: ['1'], z: ['1'] }, b: ['1'] }, 'MessageBody')).toEqual([]);
  });
});

describe('compileFilterPolicy', () => {
  test('fails if the policy is invalid, listing the problems', () => {
    expect(() => compileFilterPolicy({ key: [], other: [{ bogus: 1 }] })).toThrow(
      /Invalid SNS filter policy \(MessageAttributes scope\):\n {2}- key "key": empty arrays[\s\S]*key "other": "bogus"/);
  });

  test('filterPolicyMatches fails on an invalid policy too', () => {
    expect(() => filterPolicyMatches({ key: 'x' }, { attributes: { key: { Type: 'String', Value: 'x' } } })).toThrow(/must be an array/);
  });

  test('keeps the policy and scope it was compiled from', () => {
    const policy = { a: ['x'] };
    const compiled = compileFilterPolicy(policy, 'MessageBody');
    expect(compiled.policy).toBe(policy);
    expect(compiled.scope).toBe('MessageBody');
    expect(compileFilterPolicy(policy).scope).toBe('MessageAttributes');
  });
});
