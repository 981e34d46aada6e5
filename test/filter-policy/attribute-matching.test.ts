import { compileFilterPolicy, filterPolicyMatches, FilterMessage } from '../../lib/filter-policy';
import { attrs } from './messages';

type Row = [rule: string, policy: object, message: FilterMessage, expected: boolean];

function check(policy: object, message: FilterMessage, expected: boolean): void {
  expect(filterPolicyMatches(policy, message)).toBe(expected);
  // The compiled form must agree with the interpreted one on every row.
  expect(compileFilterPolicy(policy).matches(message)).toBe(expected);
}

// AWS "String value matching" (exact matching example: customer_interests rugby/tennis).
const exact: Row[] = [
  ['exact: String value listed', { customer_interests: ['rugby', 'tennis'] }, attrs({ customer_interests: 'rugby' }), true],
  ['exact: second listed value (list = OR)', { customer_interests: ['rugby', 'tennis'] }, attrs({ customer_interests: 'tennis' }), true],
  ['exact: String.Array with a listed element', { customer_interests: ['rugby', 'tennis'] }, attrs({ customer_interests: ['rugby', 'tennis'] }), true],
  ['exact: unlisted String value', { customer_interests: ['rugby', 'tennis'] }, attrs({ customer_interests: 'baseball' }), false],
  ['exact: String.Array without a listed element', { customer_interests: ['rugby', 'tennis'] }, attrs({ customer_interests: ['baseball'] }), false],
  ['exact: case-sensitive', { customer_interests: ['rugby'] }, attrs({ customer_interests: 'Rugby' }), false],
  ['exact: key missing from the message', { customer_interests: ['rugby'] }, attrs({ other: 'rugby' }), false],
  ['exact: keys not in the policy are ignored', { a: ['x'] }, attrs({ a: 'x', b: 'y' }), true],
  ['exact: a number matches a Number attribute', { price: [301.5] }, attrs({ price: { Type: 'Number', Value: '3.015e2' } }), true],
  ['exact: a number does not match a String attribute', { price: [5] }, attrs({ price: '5' }), false],
  ['exact: a string does not match a Number attribute', { price: ['5'] }, attrs({ price: 5 }), false],
  ['exact: numbers compare to 5 decimals', { price: [1.000001] }, attrs({ price: 1.000002 }), true],
  ['exact: numbers differing at 5 decimals differ', { price: [1.00001] }, attrs({ price: 1.00002 }), false],
  ['exact: large numbers (account ids) compare exactly', { account: [123456789012] }, attrs({ account: 123456789012 }), true],
  ['exact: String.Array number element matches a number', { ids: [7] }, attrs({ ids: { Type: 'String.Array', Value: '["a", 7]' } }), true],
  ['exact: String.Array true element matches true', { flags: [true] }, attrs({ flags: { Type: 'String.Array', Value: '[false, true]' } }), true],
  ['exact: String.Array null element matches null', { v: [null] }, attrs({ v: { Type: 'String.Array', Value: '[null]' } }), true],
  ['exact: the string "true" is not true', { v: [true] }, attrs({ v: 'true' }), false],
  ['exact: null does not match a missing key', { attr1: [null, { 'anything-but': 'whatever' }] }, attrs({ other: 'x' }), false],
  ['exact: Binary is never matched by value', { b: ['aGk='] }, attrs({ b: { Type: 'Binary', Value: 'aGk=' } }), false],
  ['exact: a String with an operator in the list', { v: ['a', { prefix: 'x' }] }, attrs({ v: 'xy' }), true],
  ['exact: a Number literal and a numeric operator', { n: [5, { numeric: ['>', 100] }] }, attrs({ n: 5 }), true],
  ['exact: true among the literals', { v: [true, 'a'] }, attrs({ v: { Type: 'String.Array', Value: '[true]' } }), true],
  ['exact: a Number attribute that is not a number', { n: [5] }, attrs({ n: { Type: 'Number', Value: 'abc' } }), false],
  ['exact: a Number attribute that is blank', { n: [0] }, attrs({ n: { Type: 'Number', Value: ' ' } }), false],
  ['exact: two Number attributes read one after the other', { a: [1], b: [2] }, attrs({ a: 1, b: 2 }), true],
  ['String.Array: not JSON, present for exists', { v: [{ exists: true }] }, attrs({ v: { Type: 'String.Array', Value: '[oops' } }), true],
  ['String.Array: not JSON, no value to match', { v: ['oops'] }, attrs({ v: { Type: 'String.Array', Value: '[oops' } }), false],
  ['String.Array: a JSON object is not an array', { v: ['a'] }, attrs({ v: { Type: 'String.Array', Value: '{"a":1}' } }), false],
  ['String.Array: a JSON object is present for exists', { v: [{ exists: true }] }, attrs({ v: { Type: 'String.Array', Value: '{"a":1}' } }), true],
  ['String.Array: objects inside are skipped', { v: ['a'] }, attrs({ v: { Type: 'String.Array', Value: '[{"x":1}, "a"]' } }), true],
  ['String.Array: only nulls is not present for exists', { v: [{ exists: true }] }, attrs({ v: { Type: 'String.Array', Value: '[null]' } }), false],
  ['String.Array: a value is present for exists', { v: [{ exists: true }] }, attrs({ v: { Type: 'String.Array', Value: '[null, 1]' } }), true],
  ['String.Array: an object alone is not present for exists', { v: [{ exists: true }] }, attrs({ v: { Type: 'String.Array', Value: '[{"x":1}]' } }), false],
];

// AWS "String value matching": prefix, suffix, equals-ignore-case, wildcard.
const stringOperators: Row[] = [
  ['prefix: matches', { customer_interests: [{ prefix: 'bas' }] }, attrs({ customer_interests: 'baseball' }), true],
  ['prefix: no match', { customer_interests: [{ prefix: 'bas' }] }, attrs({ customer_interests: 'rugby' }), false],
  ['prefix: String.Array element', { customer_interests: [{ prefix: 'bas' }] }, attrs({ customer_interests: ['rugby', 'basketball'] }), true],
  ['prefix: never a Number attribute', { n: [{ prefix: '1' }] }, attrs({ n: 123 }), false],
  ['suffix: matches', { customer_interests: [{ suffix: 'ball' }] }, attrs({ customer_interests: 'baseball' }), true],
  ['suffix: no match', { customer_interests: [{ suffix: 'ball' }] }, attrs({ customer_interests: 'rugby' }), false],
  ['equals-ignore-case: matches another case', { customer_interests: [{ 'equals-ignore-case': 'tennis' }] }, attrs({ customer_interests: 'TeNnIs' }), true],
  ['equals-ignore-case: different word', { customer_interests: [{ 'equals-ignore-case': 'tennis' }] }, attrs({ customer_interests: 'tennis2' }), false],
  ['wildcard: * spans characters', { source: [{ wildcard: 'Simple*Service' }] }, attrs({ source: 'SimpleNotificationService' }), true],
  ['wildcard: * matches nothing too', { source: [{ wildcard: 'Simple*Service' }] }, attrs({ source: 'SimpleService' }), true],
  ['wildcard: anchored at both ends', { source: [{ wildcard: 'Simple*Service' }] }, attrs({ source: 'SimpleServiceX' }), false],
  ['wildcard: escaped * is literal', { v: [{ wildcard: 'a\\*b' }] }, attrs({ v: 'a*b' }), true],
  ['wildcard: escaped * does not span', { v: [{ wildcard: 'a\\*b' }] }, attrs({ v: 'axb' }), false],
];

// AWS "String value matching" / "Numeric value matching": anything-but.
const anythingBut: Row[] = [
  ['anything-but list: unlisted value', { customer_interests: [{ 'anything-but': ['rugby', 'tennis'] }] }, attrs({ customer_interests: 'baseball' }), true],
  ['anything-but list: listed value', { customer_interests: [{ 'anything-but': ['rugby', 'tennis'] }] }, attrs({ customer_interests: 'rugby' }), false],
  ['anything-but list: String.Array with one unlisted element', { customer_interests: [{ 'anything-but': ['rugby', 'tennis'] }] }, attrs({ customer_interests: ['rugby', 'baseball'] }), true],
  ['anything-but list: String.Array with only listed elements', { customer_interests: [{ 'anything-but': ['rugby', 'tennis'] }] }, attrs({ customer_interests: ['rugby', 'tennis'] }), false],
  ['anything-but: key must be present', { customer_interests: [{ 'anything-but': ['rugby'] }] }, attrs({ other: 'x' }), false],
  ['anything-but single string', { state: [{ 'anything-but': 'initializing' }] }, attrs({ state: 'running' }), true],
  ['anything-but single string: equal value', { state: [{ 'anything-but': 'initializing' }] }, attrs({ state: 'initializing' }), false],
  ['anything-but numbers: other number', { price: [{ 'anything-but': [100, 500] }] }, attrs({ price: 200 }), true],
  ['anything-but numbers: listed number', { price: [{ 'anything-but': [100, 500] }] }, attrs({ price: 500 }), false],
  ['anything-but numbers: listed number written differently', { price: [{ 'anything-but': [100] }] }, attrs({ price: { Type: 'Number', Value: '1.0e2' } }), false],
  ['anything-but numbers: a String attribute is not numeric', { price: [{ 'anything-but': [100] }] }, attrs({ price: 'abc' }), false],
  ['anything-but single number', { price: [{ 'anything-but': 100 }] }, attrs({ price: 101 }), true],
  ['anything-but single number: that number', { price: [{ 'anything-but': 100 }] }, attrs({ price: 100 }), false],
  ['anything-but single number: a String attribute is not numeric', { price: [{ 'anything-but': 100 }] }, attrs({ price: '101' }), false],
  ['anything-but numbers: a number beyond 1e9 is none of them', { price: [{ 'anything-but': [100] }] }, attrs({ price: 2e9 }), true],
  ['anything-but strings: a Number attribute is none of them', { price: [{ 'anything-but': ['100'] }] }, attrs({ price: 100 }), true],
  ['anything-but equals-ignore-case: another value', { v: [{ 'anything-but': { 'equals-ignore-case': 'Tennis' } }] }, attrs({ v: 'rugby' }), true],
  ['anything-but equals-ignore-case: the value in another case', { v: [{ 'anything-but': { 'equals-ignore-case': 'Tennis' } }] }, attrs({ v: 'TENNIS' }), false],
  ['anything-but equals-ignore-case list: a listed value', { v: [{ 'anything-but': { 'equals-ignore-case': ['a', 'B'] } }] }, attrs({ v: 'b' }), false],
  ['anything-but equals-ignore-case: a Number attribute', { v: [{ 'anything-but': { 'equals-ignore-case': '1' } }] }, attrs({ v: 1 }), true],
  ['anything-but prefix: a Number attribute', { v: [{ 'anything-but': { prefix: '1' } }] }, attrs({ v: 12 }), true],
  ['anything-but wildcard: another value', { v: [{ 'anything-but': { wildcard: '*.txt' } }] }, attrs({ v: 'a.pdf' }), true],
  ['anything-but wildcard: a matching value', { v: [{ 'anything-but': { wildcard: '*.txt' } }] }, attrs({ v: 'a.txt' }), false],
  ['anything-but wildcard: a Number attribute', { v: [{ 'anything-but': { wildcard: '*' } }] }, attrs({ v: 5 }), true],
  ['anything-but prefix: other prefix', { event: [{ 'anything-but': { prefix: 'order-' } }] }, attrs({ event: 'data-cancelled' }), true],
  ['anything-but prefix: the prefix', { event: [{ 'anything-but': { prefix: 'order-' } }] }, attrs({ event: 'order-cancelled' }), false],
  ['anything-but wildcard: not matching', { file: [{ 'anything-but': { wildcard: '*.txt' } }] }, attrs({ file: 'a.png' }), true],
  ['anything-but wildcard: matching', { file: [{ 'anything-but': { wildcard: '*.txt' } }] }, attrs({ file: 'a.txt' }), false],
  ['anything-but equals-ignore-case', { v: [{ 'anything-but': { 'equals-ignore-case': ['Rugby'] } }] }, attrs({ v: 'RUGBY' }), false],
];

// AWS "Numeric value matching" (price_usd examples).
const numeric: Row[] = [
  ['numeric =: equal', { price_usd: [{ numeric: ['=', 301.5] }] }, attrs({ price_usd: 301.5 }), true],
  ['numeric =: exponent form', { price_usd: [{ numeric: ['=', 301.5] }] }, attrs({ price_usd: { Type: 'Number', Value: '3.015e2' } }), true],
  ['numeric =: other number', { price_usd: [{ numeric: ['=', 301.5] }] }, attrs({ price_usd: 301.6 }), false],
  ['numeric >: above', { price_usd: [{ numeric: ['>', 0] }] }, attrs({ price_usd: 0.00001 }), true],
  ['numeric >: equal is not above', { price_usd: [{ numeric: ['>', 0] }] }, attrs({ price_usd: 0 }), false],
  ['numeric >=: equal', { price_usd: [{ numeric: ['>=', 100] }] }, attrs({ price_usd: 100 }), true],
  ['numeric <: below', { price_usd: [{ numeric: ['<', 10] }] }, attrs({ price_usd: -5 }), true],
  ['numeric <=: equal', { price_usd: [{ numeric: ['<=', 10] }] }, attrs({ price_usd: 10 }), true],
  ['numeric range: inside', { price_usd: [{ numeric: ['>', 0, '<=', 150] }] }, attrs({ price_usd: 150 }), true],
  ['numeric range: open bottom excludes it', { price_usd: [{ numeric: ['>', 0, '<=', 150] }] }, attrs({ price_usd: 0 }), false],
  ['numeric range: above top', { price_usd: [{ numeric: ['>', 0, '<=', 150] }] }, attrs({ price_usd: 150.00001 }), false],
  ['numeric range: recorded 99 in (0, 100]', { attr1: [{ numeric: ['>', 0, '<=', 100] }] }, attrs({ attr1: 99 }), true],
  ['numeric range: recorded 111 outside (0, 100]', { attr1: [{ numeric: ['>', 0, '<=', 100] }] }, attrs({ attr1: 111 }), false],
  ['numeric: a String attribute never matches', { price_usd: [{ numeric: ['>', 0] }] }, attrs({ price_usd: '5' }), false],
  ['numeric: String.Array number elements', { n: [{ numeric: ['>', 10] }] }, attrs({ n: { Type: 'String.Array', Value: '[1, 20]' } }), true],
  ['numeric: beyond 1e9 is not comparable', { n: [{ numeric: ['>', 0] }] }, attrs({ n: 2e9 }), false],
  // Each bound exactly at the value, and the nearest value SNS tells apart (5 decimal places).
  ['numeric < x: x itself is not below', { n: [{ numeric: ['<', 5] }] }, attrs({ n: 5 }), false],
  ['numeric < x: x - 0.00001 is below', { n: [{ numeric: ['<', 5] }] }, attrs({ n: 4.99999 }), true],
  ['numeric < x: x - 0.000001 equals x to 5 places', { n: [{ numeric: ['<', 5] }] }, attrs({ n: 4.999999 }), false],
  ['numeric <= x: x itself', { n: [{ numeric: ['<=', 5] }] }, attrs({ n: 5 }), true],
  ['numeric <= x: x + 0.00001 is above', { n: [{ numeric: ['<=', 5] }] }, attrs({ n: 5.00001 }), false],
  ['numeric > x: x itself is not above', { n: [{ numeric: ['>', -5] }] }, attrs({ n: -5 }), false],
  ['numeric >= x: x itself', { n: [{ numeric: ['>=', -5] }] }, attrs({ n: -5 }), true],
  ['numeric >= x: x - 0.00001 is below', { n: [{ numeric: ['>=', -5] }] }, attrs({ n: -5.00001 }), false],
  ['numeric range: the closed bottom itself', { n: [{ numeric: ['>=', 1, '<', 2] }] }, attrs({ n: 1 }), true],
  ['numeric range: the open top itself', { n: [{ numeric: ['>=', 1, '<', 2] }] }, attrs({ n: 2 }), false],
  ['numeric =: 1e9 is comparable', { n: [{ numeric: ['=', 1e9] }] }, attrs({ n: 1e9 }), true],
  ['numeric <=: -1e9 is comparable', { n: [{ numeric: ['<=', -1e9] }] }, attrs({ n: -1e9 }), true],
  ['numeric: a value just beyond 1e9 is not comparable', { n: [{ numeric: ['>', 0] }] }, attrs({ n: 1_000_000_001 }), false],
];

// An empty policy is a subscription without a filter: SNS delivers every message.
const empty: Row[] = [
  ['empty policy: a message with attributes', {}, attrs({ a: 'x' }), true],
  ['empty policy: a message without attributes', {}, {}, true],
  ['empty policy: an empty attribute map', {}, { attributes: {} }, true],
];

// AWS "Key matching" (store examples) and its note on an empty set of attributes.
const exists: Row[] = [
  ['exists true: key present', { store: [{ exists: true }] }, attrs({ store: 'fans', customer_interests: ['baseball'] }), true],
  ['exists true: key absent', { store: [{ exists: true }] }, attrs({ customer_interests: ['baseball'] }), false],
  ['exists true: Number attribute present', { store: [{ exists: true }] }, attrs({ store: 99, def: 99 }), true],
  ['exists true: Binary attribute present', { store: [{ exists: true }] }, attrs({ store: { Type: 'Binary', Value: 'aGk=' } }), true],
  ['exists false: key absent', { store: [{ exists: false }] }, attrs({ def: 99 }), true],
  ['exists false: key present', { store: [{ exists: false }] }, attrs({ store: 99, def: 99 }), false],
  ['exists false: no attributes at all does not match', { store: [{ exists: false }] }, {}, false],
  ['exists false: an empty attribute map does not match', { store: [{ exists: false }] }, { attributes: {} }, false],
  ['exists false: an empty String.Array counts as absent', { store: [{ exists: false }] }, attrs({ store: [] }), true],
  ['exists false OR a value: value given', { store: [{ exists: false }, 'fans'] }, attrs({ store: 'fans' }), true],
];

// AWS "IP address matching" (cidr), IPv4 and IPv6.
const cidr: Row[] = [
  ['cidr IPv4: inside', { source_ip: [{ cidr: '10.0.0.0/24' }] }, attrs({ source_ip: '10.0.0.255' }), true],
  ['cidr IPv4: outside', { source_ip: [{ cidr: '10.0.0.0/24' }] }, attrs({ source_ip: '10.0.1.0' }), false],
  ['cidr IPv4: odd prefix length', { source_ip: [{ cidr: '10.0.0.0/23' }] }, attrs({ source_ip: '10.0.1.7' }), true],
  ['cidr IPv4: /32 is one address', { source_ip: [{ cidr: '192.168.1.1/32' }] }, attrs({ source_ip: '192.168.1.2' }), false],
  ['cidr IPv6: inside', { source_ip: [{ cidr: '2001:db8::/32' }] }, attrs({ source_ip: '2001:db8:1234::1' }), true],
  ['cidr IPv6: outside', { source_ip: [{ cidr: '2001:db8::/32' }] }, attrs({ source_ip: '2001:db9::1' }), false],
  ['cidr IPv6: full form', { source_ip: [{ cidr: '2001:db8::/64' }] }, attrs({ source_ip: '2001:0db8:0000:0000:ffff:0000:0000:0001' }), true],
  ['cidr: an IPv4 address is never in an IPv6 block', { source_ip: [{ cidr: '::/0' }] }, attrs({ source_ip: '10.0.0.1' }), false],
  ['cidr: a non-address never matches', { source_ip: [{ cidr: '0.0.0.0/0' }] }, attrs({ source_ip: 'localhost' }), false],
  ['cidr IPv4: /0 holds every address', { source_ip: [{ cidr: '0.0.0.0/0' }] }, attrs({ source_ip: '255.255.255.255' }), true],
  ['cidr IPv4: the last address of a /23', { source_ip: [{ cidr: '10.0.0.0/23' }] }, attrs({ source_ip: '10.0.1.255' }), true],
  ['cidr IPv4: the first address past a /23', { source_ip: [{ cidr: '10.0.0.0/23' }] }, attrs({ source_ip: '10.0.2.0' }), false],
  ['cidr IPv4: three parts are not an address', { source_ip: [{ cidr: '0.0.0.0/0' }] }, attrs({ source_ip: '10.0.1' }), false],
  ['cidr IPv4: a part that is not 1 to 3 digits', { source_ip: [{ cidr: '0.0.0.0/0' }] }, attrs({ source_ip: '10.0.0.1234' }), false],
  ['cidr IPv4: a part above 255', { source_ip: [{ cidr: '0.0.0.0/0' }] }, attrs({ source_ip: '10.0.0.256' }), false],
  ['cidr IPv6: a /63 splits a group', { source_ip: [{ cidr: '2001:db8:0:2::/63' }] }, attrs({ source_ip: '2001:db8:0:3::1' }), true],
  ['cidr IPv6: just outside a /63', { source_ip: [{ cidr: '2001:db8:0:2::/63' }] }, attrs({ source_ip: '2001:db8:0:4::1' }), false],
  ['cidr IPv6: :: shortening at the end', { source_ip: [{ cidr: '2001:db8::/32' }] }, attrs({ source_ip: '2001:db8::' }), true],
  ['cidr IPv6: :: shortening at the start', { source_ip: [{ cidr: '::/64' }] }, attrs({ source_ip: '::1' }), true],
  ['cidr IPv6: an IPv4 tail', { source_ip: [{ cidr: '::ffff:10.0.0.0/120' }] }, attrs({ source_ip: '::ffff:10.0.0.7' }), true],
  ['cidr IPv6: an IPv4 tail outside the block', { source_ip: [{ cidr: '::ffff:10.0.0.0/120' }] }, attrs({ source_ip: '::ffff:10.0.1.7' }), false],
  ['cidr IPv6: a full form with an IPv4 tail', { source_ip: [{ cidr: '::/0' }] }, attrs({ source_ip: '0:0:0:0:0:ffff:10.0.0.7' }), true],
  ['cidr IPv6: two :: are not an address', { source_ip: [{ cidr: '::/0' }] }, attrs({ source_ip: '1::2::3' }), false],
  ['cidr IPv6: nine groups are not an address', { source_ip: [{ cidr: '::/0' }] }, attrs({ source_ip: '1:2:3:4:5:6:7:8:9' }), false],
  ['cidr IPv6: seven groups without :: are not an address', { source_ip: [{ cidr: '::/0' }] }, attrs({ source_ip: '1:2:3:4:5:6:7' }), false],
  ['cidr IPv6: eight groups and :: are too many', { source_ip: [{ cidr: '::/0' }] }, attrs({ source_ip: '1:2:3:4::5:6:7:8' }), false],
  ['cidr IPv6: a group of five digits is not an address', { source_ip: [{ cidr: '::/0' }] }, attrs({ source_ip: '12345::1' }), false],
  ['cidr IPv6: a group with a non-hex digit', { source_ip: [{ cidr: '::/0' }] }, attrs({ source_ip: 'g::1' }), false],
  ['cidr IPv6: a bad IPv4 tail', { source_ip: [{ cidr: '::/0' }] }, attrs({ source_ip: '::ffff:10.0.0' }), false],
  ['cidr: a Number attribute is never an address', { source_ip: [{ cidr: '0.0.0.0/0' }] }, attrs({ source_ip: 10 }), false],
];

// AWS "AND/OR logic": keys AND, values OR, "$or" across keys (top level and nested).
const logic: Row[] = [
  ['AND: every key must match', { customer_interests: ['rugby'], price_usd: [{ numeric: ['>', 100] }] }, attrs({ customer_interests: 'rugby', price_usd: 101 }), true],
  ['AND: one key failing fails all', { customer_interests: ['rugby'], price_usd: [{ numeric: ['>', 100] }] }, attrs({ customer_interests: 'rugby', price_usd: 100 }), false],
  ['$or: first alternative', { source: ['aws.cloudwatch'], $or: [{ metricName: ['CPUUtilization'] }, { namespace: ['AWS/EC2'] }] }, attrs({ source: 'aws.cloudwatch', metricName: 'CPUUtilization' }), true],
  ['$or: second alternative', { source: ['aws.cloudwatch'], $or: [{ metricName: ['CPUUtilization'] }, { namespace: ['AWS/EC2'] }] }, attrs({ source: 'aws.cloudwatch', namespace: 'AWS/EC2' }), true],
  ['$or: shared key still required', { source: ['aws.cloudwatch'], $or: [{ metricName: ['CPUUtilization'] }, { namespace: ['AWS/EC2'] }] }, attrs({ source: 'aws.ec2', namespace: 'AWS/EC2' }), false],
  ['$or: no alternative matches', { source: ['aws.cloudwatch'], $or: [{ metricName: ['CPUUtilization'] }, { namespace: ['AWS/EC2'] }] }, attrs({ source: 'aws.cloudwatch', namespace: 'AWS/ES' }), false],
  ['$or nested: inner alternative', { source: ['s'], $or: [{ metricName: ['m'] }, { metricType: ['t'], $or: [{ metricId: [1234] }, { spaceId: [1000] }] }] }, attrs({ source: 's', metricType: 't', spaceId: 1000 }), true],
  ['$or nested: inner alternative missing', { source: ['s'], $or: [{ metricName: ['m'] }, { metricType: ['t'], $or: [{ metricId: [1234] }, { spaceId: [1000] }] }] }, attrs({ source: 's', metricType: 't' }), false],
];

describe('MessageAttributes scope matching', () => {
  test.each(exact)('%s', (_rule, policy, message, expected) => check(policy, message, expected));
  test.each(stringOperators)('%s', (_rule, policy, message, expected) => check(policy, message, expected));
  test.each(anythingBut)('%s', (_rule, policy, message, expected) => check(policy, message, expected));
  test.each(numeric)('%s', (_rule, policy, message, expected) => check(policy, message, expected));
  test.each(exists)('%s', (_rule, policy, message, expected) => check(policy, message, expected));
  test.each(cidr)('%s', (_rule, policy, message, expected) => check(policy, message, expected));
  test.each(logic)('%s', (_rule, policy, message, expected) => check(policy, message, expected));
  test.each(empty)('%s', (_rule, policy, message, expected) => check(policy, message, expected));

  test('the scope defaults to MessageAttributes: the body is not consulted', () => {
    expect(filterPolicyMatches({ a: ['x'] }, { body: '{"a": "x"}' })).toBe(false);
  });
});
