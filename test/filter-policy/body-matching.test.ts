import { compileFilterPolicy, filterPolicyMatches, FilterMessage } from '../../lib/filter-policy';
import { body } from './messages';

type Row = [rule: string, policy: object, message: FilterMessage, expected: boolean];

function check(policy: object, message: FilterMessage, expected: boolean): void {
  expect(filterPolicyMatches(policy, message, 'MessageBody')).toBe(expected);
  expect(compileFilterPolicy(policy, 'MessageBody').matches(message)).toBe(expected);
}

// localstack test_filter_policy_on_message_body, recorded against AWS (policy from the AWS
// "payload-based message filtering" blog post).
const blogPolicy = {
  object: { key: [{ prefix: 'auto-' }, 'hardcodedvalue'], nested_key: [{ exists: false }] },
  test: [{ exists: false }],
};

// localstack test_filter_policy_on_message_body_array_of_object_attributes (AWS-recorded).
const s3Policy = { Records: { s3: { object: { key: [{ prefix: 'auto-' }] } }, eventName: [{ prefix: 'ObjectCreated:' }] } };
const s3Event = (eventName: string, key: string) => ({
  Records: [{ eventSource: 'aws:s3', eventName, s3: { bucket: { name: 'b' }, object: { key, size: 17 } } }],
});

// Policy from localstack test_filter_policy_on_message_body_or_attribute (its deliveries were
// not recorded, so the expectations below follow the AND/OR rules of AWS "AND/OR logic").
const orPolicy = {
  $or: [{ metricName: ['CPUUtilization', 'ReadLatency'] }, { namespace: ['AWS/EC2', 'AWS/ES'] }],
  detail: { scope: ['Service'], $or: [{ source: ['aws.cloudwatch'] }, { type: ['CloudWatch Alarm State Change'] }] },
};

const nested: Row[] = [
  ['nested key: prefix matches', blogPolicy, body({ object: { key: 'auto-test' } }), true],
  ['nested key: exact value matches', blogPolicy, body({ object: { key: 'hardcodedvalue' } }), true],
  ['nested key: prefix does not match', blogPolicy, body({ object: { key: 'test-auto' } }), false],
  ['nested key: exists false on a present top-level key', blogPolicy, body({ object: { key: 'auto-test' }, test: 'just-exists' }), false],
  ['nested key: exists false on a present nested key', blogPolicy, body({ object: { key: 'auto-test', nested_key: 'just-exists' } }), false],
  ['nested key: required key missing', blogPolicy, body({ object: { test: 'auto-test' } }), false],
  ['nested key: only an exists:false key given', blogPolicy, body({ test: 'auto-test' }), false],
  ['nested key: a key at another depth is another key', { a: { b: ['x'] } }, body({ b: 'x', a: 'x' }), false],
];

const dotted: Row[] = [
  ['dotted policy key matches a nested body', { 'object.nested': ['string.value'] }, body({ object: { nested: 'string.value' } }), true],
  ['dotted policy key matches a dotted body key', { 'object.nested': ['string.value'] }, body({ 'object.nested': 'string.value' }), true],
  ['dotted policy key: other value', { 'object.nested': ['string.value'] }, body({ object: { nested: 'test-auto' } }), false],
  ['deep dotted key: mixed body form 1', { 'object.nested.test': ['v'] }, body({ 'object.nested': { test: 'v' } }), true],
  ['deep dotted key: mixed body form 2', { 'object.nested.test': ['v'] }, body({ object: { 'nested.test': 'v' } }), true],
  ['nested policy matches a dotted body key', { object: { nested: ['v'] } }, body({ 'object.nested': 'v' }), true],
];

const arrays: Row[] = [
  ['array: any element matches', { headers: { 'route-to': ['queue1'] } }, body({ headers: { 'route-to': ['queue1', 'queue2'] } }), true],
  ['array: no element matches', { headers: { 'route-to': ['queue1'] } }, body({ headers: { 'route-to': ['queue3'] } }), false],
  ['array of objects: S3 event created', s3Policy, body(s3Event('ObjectCreated:Put', 'auto-insurance-2314.xml')), true],
  ['array of objects: S3 event removed', s3Policy, body(s3Event('ObjectRemoved:Delete', 'auto-insurance-2314.xml')), false],
  ['array of objects: other key', s3Policy, body(s3Event('ObjectCreated:Put', 'home-insurance-2314.xml')), false],
  ['nested arrays: list of list of objects', s3Policy, body({
    Records: [
      { eventName: 'ObjectCreated:Put', s3: { object: [[{ key: 'auto-insurance-2314.xml' }]] } },
      { eventName: 'ObjectRemoved:Delete', s3: { object: { key: 'home-insurance-2314.xml' } } },
    ],
  }), true],
  ['array consistency: fields from different elements do not combine', s3Policy, body({
    Records: [
      { eventName: 'ObjectRemoved:Delete', s3: { object: { key: 'auto-1.xml' } } },
      { eventName: 'ObjectCreated:Put', s3: { object: { key: 'home-1.xml' } } },
    ],
  }), false],
  ['array consistency: fields outside the array combine with any element', { source: ['s3'], Records: { eventName: ['put'] } }, body({ source: 's3', Records: [{ eventName: 'get' }, { eventName: 'put' }] }), true],
  ['array: numbers inside', { sizes: [{ numeric: ['>', 10] }] }, body({ sizes: [1, 2, 30] }), true],
  ['array: an empty array holds no value', { tags: [{ exists: true }] }, body({ tags: [], other: 1 }), false],
  ['array: arrays inside arrays are crushed out', { a: [3] }, body({ a: [[1, 2], [3]] }), true],
  ['array: objects inside arrays inside arrays', { a: { b: ['x'] } }, body({ a: [[{ b: 'y' }], [{ b: 'x' }]] }), true],
  ['array consistency: two keys of one element match', { r: { k: ['a'], v: [1] } }, body({ r: [{ k: 'a', v: 2 }, { k: 'b', v: 1 }, { k: 'a', v: 1 }] }), true],
  ['array consistency: two keys of different elements do not', { r: { k: ['a'], v: [1] } }, body({ r: [{ k: 'a', v: 2 }, { k: 'b', v: 1 }] }), false],
  ['array consistency: nested arrays, the same outer element', { r: { k: ['a'], s: { v: [1] } } }, body({ r: [{ k: 'a', s: [{ v: 2 }, { v: 1 }] }, { k: 'b', s: [{ v: 1 }] }] }), true],
  ['array consistency: nested arrays, different outer elements', { r: { k: ['a'], s: { v: [1] } } }, body({ r: [{ k: 'a', s: [{ v: 2 }] }, { k: 'b', s: [{ v: 1 }] }] }), false],
  ['keys beside the policy\'s are ignored at every depth', { a: { b: ['x'] } }, body({ a: { b: 'x', c: { d: [1, 2] } }, e: [3] }), true],
];

const values: Row[] = [
  ['number value: numeric range', { price: [{ numeric: ['>=', 10, '<', 20] }] }, body({ price: 15 }), true],
  ['number value: exact number', { price: [15] }, body({ price: 15.0 }), true],
  ['number value: a numeric string is not a number', { price: [{ numeric: ['>', 1] }] }, body({ price: '15' }), false],
  ['boolean value: exact true', { active: [true] }, body({ active: true }), true],
  ['boolean value: the string "true" is not true', { active: [true] }, body({ active: 'true' }), false],
  ['null value: exact null', { v: [null] }, body({ v: null }), true],
  ['null value: exists true needs a non-null value', { v: [{ exists: true }] }, body({ v: null }), false],
  ['exists false: an intermediate object is not a leaf', { 'detail.c-count': [{ exists: false }] }, body({ detail: { 'c-count': { c1: 100 } } }), true],
  ['exists true: an intermediate object is not a leaf', { detail: { 'c-count': [{ exists: true }] } }, body({ detail: { 'c-count': { c1: 100 } } }), false],
  ['anything-but: missing key does not match', { state: [{ 'anything-but': 'x' }] }, body({ other: 'y' }), false],
  ['cidr in a body', { ip: [{ cidr: '10.0.0.0/8' }] }, body({ ip: '10.1.2.3' }), true],
];

const notJson: Row[] = [
  ['non-JSON body matches nothing', { test: [{ exists: false }] }, { body: 'Regular string message' }, false],
  ['a JSON string body matches nothing', { test: [{ exists: false }] }, body('Regular string message'), false],
  ['a JSON array body matches nothing', { a: [{ exists: false }] }, body([{ b: 1 }]), false],
  ['no body matches nothing', { a: [{ exists: false }] }, {}, false],
  ['a JSON null body matches nothing', { a: [{ exists: false }] }, { body: 'null' }, false],
  ['a JSON number body matches nothing', { a: [{ exists: false }] }, { body: '5' }, false],
  ['an empty object matches nothing, not even exists:false', { a: [{ exists: false }] }, body({}), false],
  ['exists false alone matches a JSON object without the key', { a: [{ exists: false }] }, body({ b: 1 }), true],
  ['attributes are not consulted in MessageBody scope', { a: ['x'] }, { attributes: { a: { Type: 'String', Value: 'x' } }, body: '{"b": 1}' }, false],
];

const or: Row[] = [
  ['$or parallel: wrong metricName scope value', orPolicy, body({ metricName: 'CPUUtilization', detail: { scope: 'aws.cloudwatch', type: 'CloudWatch Alarm State Change' } }), false],
  ['$or parallel: wrong detail.type', orPolicy, body({ metricName: 'CPUUtilization', detail: { scope: 'Service', type: 'CPUUtilization' } }), false],
  ['$or parallel: missing detail.scope', orPolicy, body({ metricName: 'CPUUtilization', detail: { type: 'CloudWatch Alarm State Change' } }), false],
  ['$or parallel: missing detail.type and detail.source', orPolicy, body({ metricName: 'CPUUtilization', detail: { scope: 'Service' } }), false],
  ['$or parallel: metricName and detail.source', orPolicy, body({ metricName: 'ReadLatency', detail: { scope: 'Service', source: 'aws.cloudwatch' } }), true],
  ['$or parallel: namespace and detail.source', orPolicy, body({ namespace: 'AWS/ES', detail: { scope: 'Service', source: 'aws.cloudwatch' } }), true],
  ['$or parallel: metricName and detail.type', orPolicy, body({ metricName: 'CPUUtilization', detail: { scope: 'Service', type: 'CloudWatch Alarm State Change' } }), true],
  ['$or parallel: value under the other key', orPolicy, body({ metricName: 'AWS/EC2', detail: { scope: 'Service', type: 'CloudWatch Alarm State Change' } }), false],
];

// An empty policy is a subscription without a filter: SNS delivers every message, even one that is not JSON.
const empty: Row[] = [
  ['empty policy: a JSON object body', {}, body({ a: 1 }), true],
  ['empty policy: a body that is not JSON', {}, { body: 'Regular string message' }, true],
  ['empty policy: no body', {}, {}, true],
  ['empty policy: an empty object body', {}, body({}), true],
];

describe('MessageBody scope matching', () => {
  test.each(nested)('%s', (_rule, policy, message, expected) => check(policy, message, expected));
  test.each(dotted)('%s', (_rule, policy, message, expected) => check(policy, message, expected));
  test.each(arrays)('%s', (_rule, policy, message, expected) => check(policy, message, expected));
  test.each(values)('%s', (_rule, policy, message, expected) => check(policy, message, expected));
  test.each(notJson)('%s', (_rule, policy, message, expected) => check(policy, message, expected));
  test.each(or)('%s', (_rule, policy, message, expected) => check(policy, message, expected));
  test.each(empty)('%s', (_rule, policy, message, expected) => check(policy, message, expected));
});
