import { Simulation } from '../../../lib/simulator';
import { queue, snsQueuePolicy, subscription, template, topic } from '../fixtures/templates';

// Who may send to a queue (sqs:SendMessage served to other services): SNS needs a queue policy allowing it for
// its topic, and an SSE-KMS queue's key; a role of the template needs no queue-policy deny and the queue key.

const ARN = (name: string) => `arn:aws:sqs:us-east-1:123456789012:${name}`;
const arn = (id: string) => ({ 'Fn::GetAtt': [id, 'Arn'] });

function policy(queueId: string, statements: object[]) {
  return { Type: 'AWS::SQS::QueuePolicy', Properties: { Queues: [{ Ref: queueId }], PolicyDocument: { Version: '2012-10-17', Statement: statements } } };
}
const SNS_SEND = { Effect: 'Allow', Principal: { Service: 'sns.amazonaws.com' }, Action: 'sqs:SendMessage', Resource: '*' };

/** The reason SNS's deliveries to the subscription fail, read from the trace after one publish. */
function snsFailure(s: Simulation): string | undefined {
  s.publish('Topic', { message: 'm' });
  return s.events({ type: 'sns.deliveryFailed' })[0]?.reason;
}

describe('SNS sending to a queue', () => {
  test('fails if the queue has no policy: the reason names the queue and the service', () => {
    const s = Simulation.fromTemplate(template({ Topic: topic('t'), Target: queue('target'), Sub: subscription('Topic', 'Target') }));
    expect(snsFailure(s)).toBe('Target has no queue policy, so sns.amazonaws.com may not send to it');
    expect(s.queue('Target').counts.visible).toBe(0);
  });

  test('fails if a queue policy denies SNS explicitly, even when another allows it', () => {
    const s = Simulation.fromTemplate(template({
      Topic: topic('t'), Target: queue('target'), Sub: subscription('Topic', 'Target'),
      Allow: policy('Target', [SNS_SEND]),
      Deny: policy('Target', [{ ...SNS_SEND, Effect: 'Deny', Sid: 'NoSns' }]),
    }));
    expect(snsFailure(s)).toMatch(/^the queue policy Deny of Target denies it: /);
    expect(s.queue('Target').counts.visible).toBe(0);
  });

  test('fails if no queue policy allows SNS for this topic: the first policy that does not says why', () => {
    const s = Simulation.fromTemplate(template({
      Topic: topic('t'), Other: topic('other'), Target: queue('target'), Sub: subscription('Topic', 'Target'),
      ForOther: snsQueuePolicy('Other', 'Target'),
    }));
    expect(snsFailure(s)).toMatch(/^the queue policy ForOther of Target: /);
  });

  test('a policy that does not match and one that allows: the message is delivered', () => {
    const s = Simulation.fromTemplate(template({
      Topic: topic('t'), Other: topic('other'), Target: queue('target'), Sub: subscription('Topic', 'Target'),
      ForOther: snsQueuePolicy('Other', 'Target'),
      ForTopic: snsQueuePolicy('Topic', 'Target'),
    }));
    expect(snsFailure(s)).toBeUndefined();
    expect(s.queue('Target').counts.visible).toBe(1);
  });

  test('fails if the queue uses the AWS managed key, whose policy cannot admit SNS', () => {
    const s = Simulation.fromTemplate(template({
      Topic: topic('t'), Target: queue('target', { KmsMasterKeyId: 'alias/aws/sqs' }), Sub: subscription('Topic', 'Target'), P: snsQueuePolicy('Topic', 'Target'),
    }));
    expect(snsFailure(s)).toBe('the queue is encrypted with the AWS managed key alias/aws/sqs, whose key policy cannot let sns.amazonaws.com use it; use a customer managed key');
  });
});

describe('a role sending to a queue', () => {
  const role = (actions: string[]) => ({
    Role: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: {} } },
    RolePolicy: { Type: 'AWS::IAM::Policy', Properties: { PolicyName: 'send', Roles: [{ Ref: 'Role' }], PolicyDocument: { Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }] } } },
  });
  const send = (s: Simulation, roleArn = s.template.resource('Role')!.getAtt('Arn') as string) =>
    s.world.calls.call({ kind: 'role', roleArn, roleKind: 'integration role', runsIn: 'Api' }, 'sqs:SendMessage', ARN('target'), { body: 'm' });

  test('fails if the queue policy denies the role, with the policy and the queue in the reason', () => {
    const s = Simulation.fromTemplate(template({
      Target: queue('target'), ...role(['sqs:SendMessage']),
      Deny: policy('Target', [{ Effect: 'Deny', Principal: { AWS: arn('Role') }, Action: 'sqs:SendMessage', Resource: '*' }]),
    }));
    expect(send(s)).toEqual({ ok: false, reason: expect.stringMatching(/^the queue policy Deny of Target denies it: /) });
    expect(s.queue('Target').counts.visible).toBe(0);
  });

  test('a queue policy that allows or says nothing does not stop a role its own policies allow', () => {
    const s = Simulation.fromTemplate(template({ Target: queue('target'), ...role(['sqs:SendMessage']), Other: policy('Target', [SNS_SEND]) }));
    expect(send(s)).toEqual({ ok: true, output: { messageId: expect.any(String) } });
    expect(s.queue('Target').counts.visible).toBe(1);
  });

  test('fails if the queue key is outside the template and the role may not use it: the reason names the key', () => {
    const key = 'arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555';
    const s = Simulation.fromTemplate(template({ Target: queue('target', { KmsMasterKeyId: key }), ...role(['sqs:SendMessage']) }));
    expect(send(s)).toEqual({ ok: false, reason: expect.stringMatching(new RegExp(`^Target is encrypted with ${key}, and .*kms:GenerateDataKey`)) });
    const allowed = Simulation.fromTemplate(template({ Target: queue('target', { KmsMasterKeyId: key }), ...role(['sqs:SendMessage', 'kms:GenerateDataKey', 'kms:Decrypt']) }));
    expect(send(allowed)).toMatchObject({ ok: true });
  });

  test('the AWS managed key and SSE-SQS need nothing of the role; a role outside the template is not checked', () => {
    const s = Simulation.fromTemplate(template({ Target: queue('target', { KmsMasterKeyId: 'alias/aws/sqs' }), ...role(['sqs:SendMessage']) }));
    expect(send(s)).toMatchObject({ ok: true });
    expect(send(s, 'arn:aws:iam::123456789012:role/elsewhere')).toMatchObject({ ok: true });
    expect(s.queue('Target').counts.visible).toBe(2);
  });

  test('a send the queue refuses comes back with the queue\'s reason', () => {
    const s = Simulation.fromTemplate(template({ Target: queue('target'), ...role(['sqs:SendMessage']) }));
    const r = s.world.calls.call({ kind: 'role', roleArn: s.template.resource('Role')!.getAtt('Arn') as string, roleKind: 'integration role', runsIn: 'Api' }, 'sqs:SendMessage', ARN('target'), { body: '' });
    expect(r).toEqual({ ok: false, reason: 'the message body must have at least 1 character' });
  });
});
