import { Simulation } from '../../../lib/simulator';
import { evaluatePolicy } from '../../../lib/simulator/services/iam/policy';
import { queue, subscription, template, topic } from '../fixtures/templates';

// The resource-policy evaluator, rule by rule, against what the IAM policy reference documents.

const TOPIC_ARN = 'arn:aws:sns:us-east-1:123456789012:orders';
const snsRequest = (context: Record<string, string> = { 'aws:SourceArn': TOPIC_ARN }) =>
  ({ principal: { service: 'sns.amazonaws.com' }, action: 'sqs:SendMessage', resource: 'arn:aws:sqs:us-east-1:123456789012:q', context });
const policy = (statement: Record<string, unknown>) => ({ Statement: [{ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: '*', ...statement }] });

describe('IAM resource policies', () => {
  test('principal AWS "*" is the same as "*": it matches a service principal', () => {
    expect(evaluatePolicy(policy({ Principal: { AWS: '*' } }), snsRequest()).decision).toBe('Allow');
    expect(evaluatePolicy(policy({ Principal: { AWS: ['*'] } }), snsRequest()).decision).toBe('Allow');
  });

  test('principal AWS "*" with ArnLike aws:SourceArn (CDK AnyPrincipal) lets SNS deliver to the queue', () => {
    const sim = Simulation.fromTemplate(template({
      Topic: topic('orders'),
      Target: queue('target'),
      Policy: {
        Type: 'AWS::SQS::QueuePolicy',
        Properties: {
          Queues: [{ Ref: 'Target' }],
          PolicyDocument: { Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sqs:SendMessage', Resource: '*', Condition: { ArnLike: { 'aws:SourceArn': { Ref: 'Topic' } } } }] },
        },
      },
      Sub: subscription('Topic', 'Target'),
    }));
    expect(sim.findings().filter((f) => f.code === 'decoupled-sim:subscription-undeliverable')).toEqual([]);
    sim.publish('Topic', { message: 'm' });
    expect(sim.queue('Target').counts.visible).toBe(1);
  });

  test('negated operators hold when the key is missing from the request context', () => {
    for (const operator of ['StringNotEquals', 'StringNotLike', 'ArnNotEquals', 'ArnNotLike', 'NumericNotEquals', 'StringNotEqualsIgnoreCase']) {
      const d = evaluatePolicy(policy({ Principal: '*', Condition: { [operator]: { 'aws:PrincipalOrgID': '1' } } }), snsRequest());
      expect([operator, d.decision]).toEqual([operator, 'Allow']);
    }
    // A positive operator still fails on a missing key; ForAnyValue over a missing key has no value that matches.
    expect(evaluatePolicy(policy({ Principal: '*', Condition: { StringEquals: { 'aws:PrincipalOrgID': '1' } } }), snsRequest()).decision).toBe('ImplicitDeny');
    expect(evaluatePolicy(policy({ Principal: '*', Condition: { 'ForAnyValue:StringNotEquals': { 'aws:PrincipalOrgID': '1' } } }), snsRequest()).decision).toBe('ImplicitDeny');
  });

  test('a negated Deny on a missing key applies: the statement denies', () => {
    const doc = { Statement: [
      { Effect: 'Allow', Principal: '*', Action: 'sqs:SendMessage', Resource: '*' },
      { Effect: 'Deny', Principal: '*', Action: 'sqs:SendMessage', Resource: '*', Condition: { StringNotEquals: { 'aws:SourceAccount': '123456789012' } } },
    ] };
    expect(evaluatePolicy(doc, snsRequest()).decision).toBe('ExplicitDeny');
    expect(evaluatePolicy(doc, snsRequest({ 'aws:SourceArn': TOPIC_ARN, 'aws:SourceAccount': '123456789012' })).decision).toBe('Allow');
  });

  test('NumericNotEquals with several values means the key equals none of them', () => {
    const doc = (values: string[]) => policy({ Principal: '*', Condition: { NumericNotEquals: { 'sqs:Count': values } } });
    const request = { ...snsRequest(), context: { 'sqs:Count': '2' } };
    expect(evaluatePolicy(doc(['1', '2']), request).decision).toBe('ImplicitDeny');
    expect(evaluatePolicy(doc(['1', '3']), request).decision).toBe('Allow');
  });

  test('condition key names are case-insensitive', () => {
    const d = evaluatePolicy(policy({ Principal: { Service: 'sns.amazonaws.com' }, Condition: { ArnEquals: { 'AWS:SOURCEARN': TOPIC_ARN } } }), snsRequest());
    expect(d.decision).toBe('Allow');
    const wrongCase = evaluatePolicy(policy({ Principal: { Service: 'sns.amazonaws.com' }, Condition: { ArnEquals: { 'aws:sourcearn': TOPIC_ARN.toUpperCase() } } }), snsRequest());
    expect(wrongCase.decision).toBe('ImplicitDeny');
  });

  test('…IfExists holds when the key is missing, whatever the operator, and tests the value when it is present', () => {
    const conditions: [string, string][] = [
      ['StringEqualsIfExists', 'aws:SourceAccount'], ['StringLikeIfExists', 'aws:SourceAccount'], ['ArnLikeIfExists', 'aws:SourceOwner'],
      ['ArnEqualsIfExists', 'aws:SourceOwner'], ['NumericLessThanIfExists', 'sqs:Count'], ['BoolIfExists', 'aws:SecureTransport'],
    ];
    for (const [operator, key] of conditions) {
      const d = evaluatePolicy(policy({ Principal: '*', Condition: { [operator]: { [key]: '999' } } }), snsRequest());
      expect([operator, d.decision]).toEqual([operator, 'Allow']);
      // Without IfExists the same condition fails on the missing key.
      const plain = evaluatePolicy(policy({ Principal: '*', Condition: { [operator.replace('IfExists', '')]: { [key]: '999' } } }), snsRequest());
      expect([operator, plain.decision]).toEqual([operator, 'ImplicitDeny']);
    }
    const accountPolicy = policy({ Principal: '*', Condition: { StringEqualsIfExists: { 'aws:SourceAccount': '123456789012' } } });
    expect(evaluatePolicy(accountPolicy, snsRequest({ 'aws:SourceAccount': '123456789012' })).decision).toBe('Allow');
    expect(evaluatePolicy(accountPolicy, snsRequest({ 'aws:SourceAccount': '999999999999' })).decision).toBe('ImplicitDeny');
  });

  test('a Deny with …IfExists on a missing key applies', () => {
    const doc = { Statement: [
      { Effect: 'Allow', Principal: '*', Action: 'sqs:SendMessage', Resource: '*' },
      { Effect: 'Deny', Principal: '*', Action: 'sqs:SendMessage', Resource: '*', Condition: { StringEqualsIfExists: { 'aws:SourceVpc': 'vpc-1' } } },
    ] };
    expect(evaluatePolicy(doc, snsRequest()).decision).toBe('ExplicitDeny');
    expect(evaluatePolicy(doc, snsRequest({ 'aws:SourceVpc': 'vpc-2' })).decision).toBe('Allow');
  });

  test('StringLike compares values case-sensitively, with * and ? wildcards; StringEqualsIgnoreCase does not', () => {
    const like = (pattern: string) => evaluatePolicy(policy({ Principal: '*', Condition: { StringLike: { 'aws:SourceArn': pattern } } }), snsRequest()).decision;
    expect(like('arn:aws:sns:*:*:orders')).toBe('Allow');
    expect(like('arn:aws:sns:*:*:Orders')).toBe('ImplicitDeny');
    expect(like('ARN:AWS:SNS:*')).toBe('ImplicitDeny');
    expect(like('arn:aws:sns:*:*:order?')).toBe('Allow');
    expect(like('arn:aws:sns:*:*:order??')).toBe('ImplicitDeny');
    const ignoreCase = evaluatePolicy(policy({ Principal: '*', Condition: { StringEqualsIgnoreCase: { 'aws:SourceArn': TOPIC_ARN.toUpperCase() } } }), snsRequest());
    expect(ignoreCase.decision).toBe('Allow');
  });

  test('IpAddress matches an address inside the CIDR block, up to its last address, and not one past it', () => {
    const ip = (sourceIp: string, cidr: string | string[], operator = 'IpAddress') =>
      evaluatePolicy(policy({ Principal: '*', Condition: { [operator]: { 'aws:SourceIp': cidr } } }), snsRequest({ 'aws:SourceIp': sourceIp })).decision;
    expect(ip('203.0.113.255', '203.0.113.0/24')).toBe('Allow');
    expect(ip('203.0.114.0', '203.0.113.0/24')).toBe('ImplicitDeny');
    expect(ip('198.51.100.7', '198.51.100.7')).toBe('Allow');
    expect(ip('2001:db8::1', ['203.0.113.0/24', '2001:db8::/32'])).toBe('Allow');
    expect(ip('203.0.114.0', '203.0.113.0/24', 'NotIpAddress')).toBe('Allow');
    expect(ip('203.0.113.9', '203.0.113.0/24', 'NotIpAddress')).toBe('ImplicitDeny');
  });

  test('fails closed if the address or the block is not one: IpAddress matches nothing', () => {
    const ip = (sourceIp: string, cidr: string) =>
      evaluatePolicy(policy({ Principal: '*', Condition: { IpAddress: { 'aws:SourceIp': cidr } } }), snsRequest({ 'aws:SourceIp': sourceIp })).decision;
    expect(ip('not-an-ip', '0.0.0.0/0')).toBe('ImplicitDeny');
    expect(ip('203.0.113.9', '203.0.113.0/33')).toBe('ImplicitDeny');
  });
});
