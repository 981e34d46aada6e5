import { Simulation } from '../../../lib/simulator';
import { queue, snsQueuePolicy, subscription, template, topic } from '../fixtures/templates';

// SSE-KMS queues fed by SNS: SNS must be able to use the key; a key outside the template cannot be checked.

const ROOT_ONLY = [{ Effect: 'Allow', Principal: { AWS: { 'Fn::Sub': 'arn:aws:iam::${AWS::AccountId}:root' } }, Action: 'kms:*', Resource: '*' }];
const key = (statements: object[]) => ({ Type: 'AWS::KMS::Key', Properties: { KeyPolicy: { Version: '2012-10-17', Statement: statements } } });

describe('KMS-encrypted queues', () => {
  test('a customer managed key whose policy does not admit SNS: every delivery fails, with the key policy as the reason', () => {
    const sim = Simulation.fromTemplate(template({
      Key: key(ROOT_ONLY),
      Topic: topic('orders'),
      Target: queue('target', { KmsMasterKeyId: { 'Fn::GetAtt': ['Key', 'Arn'] } }),
      Policy: snsQueuePolicy('Topic', 'Target'),
      Sub: subscription('Topic', 'Target'),
    }));
    const [finding] = sim.findings().filter((f) => f.code === 'decoupled-sim:subscription-undeliverable');
    expect(finding.message).toMatch(/the key policy of Key does not let sns.amazonaws.com call kms:GenerateDataKey/);
    sim.publish('Topic', { message: 'm' });
    expect(sim.queue('Target').counts.visible).toBe(0);
    const [failed] = sim.events({ type: 'sns.deliveryFailed', resource: 'Sub' });
    expect(failed.reason).toMatch(/the key policy of Key does not let sns.amazonaws.com call kms:GenerateDataKey/);
    expect(sim.events({ type: 'sns.lost', resource: 'Sub' })).toHaveLength(1);
  });

  test('the same key with a statement for sns.amazonaws.com delivers', () => {
    const sim = Simulation.fromTemplate(template({
      Key: key([...ROOT_ONLY, { Effect: 'Allow', Principal: { Service: 'sns.amazonaws.com' }, Action: ['kms:GenerateDataKey*', 'kms:Decrypt'], Resource: '*' }]),
      Topic: topic('orders'),
      Target: queue('target', { KmsMasterKeyId: { 'Fn::GetAtt': ['Key', 'Arn'] } }),
      Policy: snsQueuePolicy('Topic', 'Target'),
      Sub: subscription('Topic', 'Target'),
    }));
    sim.publish('Topic', { message: 'm' });
    expect(sim.queue('Target').counts.visible).toBe(1);
  });

  test('queue-key-not-checked: a key outside the template (imported ARN or alias) is a warning; delivery is still allowed', () => {
    const imported = 'arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555';
    const sim = Simulation.fromTemplate(template({
      Topic: topic('orders'),
      Imported: queue('imported', { KmsMasterKeyId: imported }),
      Aliased: queue('aliased', { KmsMasterKeyId: 'alias/shared-key' }),
      Policy: snsQueuePolicy('Topic', 'Imported', 'Aliased'),
      SubA: subscription('Topic', 'Imported'),
      SubB: subscription('Topic', 'Aliased'),
    }));
    const warnings = sim.findings().filter((f) => f.code === 'decoupled-sim:queue-key-not-checked');
    expect(warnings).toEqual([
      expect.objectContaining({ severity: 'warning', resources: ['Imported'], message: expect.stringContaining(`encrypted with ${imported}, a KMS key that is not in the template: its key policy cannot be checked`) }),
      expect.objectContaining({ severity: 'warning', resources: ['Aliased'], message: expect.stringContaining('alias/shared-key') }),
    ]);
    sim.publish('Topic', { message: 'm' });
    expect(sim.queue('Imported').counts.visible).toBe(1);
    expect(sim.queue('Aliased').counts.visible).toBe(1);
  });
});

// A role sending to an SSE-KMS queue (a Lambda destination, an API Gateway integration): SendMessage needs the
// key too, from the key policy and, when that defers to the account, the role's own policies.
describe('KMS-encrypted queues and a role that sends', () => {
  const arn = (id: string) => ({ 'Fn::GetAtt': [id, 'Arn'] });
  const role = (actions: string[]) => ({
    Role: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: {} } },
    Policy: { Type: 'AWS::IAM::Policy', Properties: { PolicyName: 'send', Roles: [{ Ref: 'Role' }], PolicyDocument: { Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }] } } },
  });
  const send = (sim: Simulation) => sim.world.calls.call({ kind: 'role', roleArn: sim.template.resource('Role')!.getAtt('Arn') as string, roleKind: 'integration role', runsIn: 'Api' },
    'sqs:SendMessage', sim.template.resource('Target')!.getAtt('Arn') as string, { body: 'm' });

  test('sends when the key policy defers to the account and the role may generate a data key and decrypt', () => {
    const sim = Simulation.fromTemplate(template({ Key: key(ROOT_ONLY), Target: queue('target', { KmsMasterKeyId: arn('Key') }), ...role(['sqs:SendMessage', 'kms:GenerateDataKey', 'kms:Decrypt']) }));
    expect(send(sim)).toMatchObject({ ok: true });
    expect(sim.queue('Target').counts.visible).toBe(1);
  });

  test('fails if the role may not decrypt: the reason names the key and the action', () => {
    const sim = Simulation.fromTemplate(template({ Key: key(ROOT_ONLY), Target: queue('target', { KmsMasterKeyId: arn('Key') }), ...role(['sqs:SendMessage', 'kms:GenerateDataKey']) }));
    expect(send(sim)).toEqual({ ok: false, reason: expect.stringMatching(/^the key policy of Key leaves kms:Decrypt to IAM policies, and no policy of Role allows kms:Decrypt/) });
    expect(sim.queue('Target').counts.visible).toBe(0);
  });

  test('fails if the key policy admits neither the role nor the account, whatever the role\'s own policies say', () => {
    const sim = Simulation.fromTemplate(template({
      Key: key([{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:role/someone-else' }, Action: 'kms:*', Resource: '*' }]),
      Target: queue('target', { KmsMasterKeyId: arn('Key') }),
      ...role(['sqs:SendMessage', 'kms:*']),
    }));
    expect(send(sim)).toEqual({ ok: false, reason: expect.stringMatching(/^the key policy of Key allows neither the role nor the account to call kms:GenerateDataKey/) });
  });
});
