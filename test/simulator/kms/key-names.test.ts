import { Simulation } from '../../../lib/simulator';
import { queue, snsQueuePolicy, subscription, template, topic } from '../fixtures/templates';

// Every way a template names a KMS key for a queue (KmsMasterKeyId): key id, key ARN, alias name, alias ARN,
// an alias defined before or after its key. Each resolves to the key of the template, whose policy is then read.

const ROOT_ONLY = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: 'kms:*', Resource: '*' }] };
const key = { Type: 'AWS::KMS::Key', Properties: { KeyPolicy: ROOT_ONLY } };
const alias = (name: string, target: unknown) => ({ Type: 'AWS::KMS::Alias', Properties: { AliasName: name, TargetKeyId: target } });

/** The reason SNS cannot deliver to Target, encrypted with `keyId`, or the key-not-checked warning when the key is not found. */
function outcome(keyId: unknown, extra: Record<string, { Type: string; Properties?: Record<string, unknown> }> = {}): string[] {
  const s = Simulation.fromTemplate(template({
    ...extra, Key: key, Topic: topic('t'), Target: queue('target', { KmsMasterKeyId: keyId }), P: snsQueuePolicy('Topic', 'Target'), Sub: subscription('Topic', 'Target'),
  }));
  return s.findings().filter((f) => f.code === 'decoupled-sim:subscription-undeliverable' || f.code === 'decoupled-sim:queue-key-not-checked').map((f) => f.message);
}

const REFUSED = /^SNS can never deliver through Sub: the key policy of Key does not let sns.amazonaws.com call kms:GenerateDataKey: /;

describe('KMS key names', () => {
  test('a key\'s Ref is its key id and its Arn attribute the key ARN in the region and account', () => {
    const s = Simulation.fromTemplate(template({ Key: key }));
    const k = s.template.resource('Key')!;
    expect(String(k.ref)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(k.getAtt('Arn')).toBe(`arn:aws:kms:us-east-1:123456789012:key/${String(k.ref)}`);
    expect(k.getAtt('KeyId')).toBe(k.ref);
  });

  test('an alias\'s Ref is its name', () => {
    const s = Simulation.fromTemplate(template({ Key: key, A: alias('alias/orders', { Ref: 'Key' }) }));
    expect(s.template.resource('A')!.ref).toBe('alias/orders');
  });

  test.each([
    ['the key id', { Ref: 'Key' }, {}],
    ['the key ARN', { 'Fn::GetAtt': ['Key', 'Arn'] }, {}],
    ['an alias name, the alias after its key', 'alias/orders', { A: alias('alias/orders', { Ref: 'Key' }) }],
    ['an alias name, the alias targeting the key ARN', 'alias/orders', { A: alias('alias/orders', { 'Fn::GetAtt': ['Key', 'Arn'] }) }],
    ['an alias ARN', 'arn:aws:kms:us-east-1:123456789012:alias/orders', { A: alias('alias/orders', { Ref: 'Key' }) }],
    ['the alias\'s Ref', { Ref: 'A' }, { A: alias('alias/orders', { Ref: 'Key' }) }],
  ])('%s resolves to the key of the template, whose policy refuses SNS', (_, keyId, extra) => {
    const messages = outcome(keyId, extra);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(REFUSED);
  });

  test('an alias placed before its key in the template still names it', () => {
    const s = Simulation.fromTemplate({ Resources: {
      A: alias('alias/orders', { Ref: 'Key' }), Key: key, Topic: topic('t'), Target: queue('target', { KmsMasterKeyId: 'alias/orders' }), P: snsQueuePolicy('Topic', 'Target'), Sub: subscription('Topic', 'Target'),
    } } as never);
    expect(s.findings().filter((f) => f.code === 'decoupled-sim:subscription-undeliverable').map((f) => f.message)).toEqual([expect.stringMatching(REFUSED)]);
  });

  test('an alias of a key outside the template, or without a target, names no key: the warning says the key is not checked', () => {
    const outside = 'arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555';
    for (const extra of [{ A: alias('alias/orders', outside) }, { A: { Type: 'AWS::KMS::Alias', Properties: { AliasName: 'alias/orders' } } }]) {
      expect(outcome('alias/orders', extra)).toEqual([expect.stringMatching(/^Target is encrypted with alias\/orders, a KMS key that is not in the template/)]);
    }
    expect(outcome('alias/other', { A: alias('alias/orders', { Ref: 'Key' }) })).toEqual([expect.stringMatching(/^Target is encrypted with alias\/other, a KMS key/)]);
  });

  test('SNS needs both kms:GenerateDataKey and kms:Decrypt: a key policy granting one names the other', () => {
    const grant = (actions: string[]) => ({ Type: 'AWS::KMS::Key', Properties: { KeyPolicy: { Version: '2012-10-17', Statement: [
      ...ROOT_ONLY.Statement, { Effect: 'Allow', Principal: { Service: 'sns.amazonaws.com' }, Action: actions, Resource: '*' },
    ] } } });
    const undeliverable = (actions: string[]) => Simulation.fromTemplate(template({
      Key: grant(actions), Topic: topic('t'), Target: queue('target', { KmsMasterKeyId: { Ref: 'Key' } }), P: snsQueuePolicy('Topic', 'Target'), Sub: subscription('Topic', 'Target'),
    })).findings().filter((f) => f.code === 'decoupled-sim:subscription-undeliverable').map((f) => f.message);
    expect(undeliverable(['kms:GenerateDataKey'])).toEqual([expect.stringMatching(/^SNS can never deliver through Sub: the key policy of Key does not let sns.amazonaws.com call kms:Decrypt: /)]);
    expect(undeliverable(['kms:Decrypt'])).toEqual([expect.stringMatching(/^SNS can never deliver through Sub: the key policy of Key does not let sns.amazonaws.com call kms:GenerateDataKey: /)]);
    expect(undeliverable(['kms:GenerateDataKey', 'kms:Decrypt'])).toEqual([]);
  });
});
