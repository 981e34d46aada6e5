import { Simulation } from '../../../lib/simulator';
import { SQS_SERVICE } from '../../../lib/simulator/services/sqs/service';
import '../../../lib/simulator/services/sns/actions';
import '../../../lib/simulator/services/sqs/actions';
import { Caller, ServiceCalls } from '../../../lib/simulator/world/calls';
import { queue, template } from '../fixtures/templates';

const SNS: Caller = { kind: 'service', principal: 'sns.amazonaws.com', sourceArn: 'arn:aws:sns:us-east-1:123456789012:orders', sourceAccount: '123456789012' };
const ROLE: Caller = { kind: 'role', roleArn: 'arn:aws:iam::123456789012:role/worker', roleKind: 'task role', runsIn: 'Worker' };

/** A registry serving sns:Publish for one topic, counting what it is asked. */
function calls(refuseRoles: boolean) {
  const asked = { authorize: 0, handle: 0 };
  const c = new ServiceCalls();
  c.serve('sns:Publish', {
    find: (resource) => (resource === 'arn:topic' ? { id: 'Topic' } : undefined),
    logicalIdOf: (t) => t.id,
    authorize: (caller) => {
      asked.authorize++;
      return caller.kind === 'service' ? undefined : 'the topic policy does not name the role';
    },
    handle: (_caller, _t, input) => {
      asked.handle++;
      return { ok: true, output: { messageId: `m-${input.message}` } };
    },
  });
  if (refuseRoles) c.guard((caller, action) => (caller.kind === 'role' ? `the ${caller.roleKind} may not ${action}` : undefined));
  return { c, asked };
}

describe('calls between services (world.calls)', () => {
  test('a bound call is authorized once and performed per message', () => {
    const { c, asked } = calls(false);
    const publish = c.bind(SNS, 'sns:Publish', 'arn:topic');
    expect(publish).toMatchObject({ found: true, logicalId: 'Topic', refusal: undefined });
    expect(publish.call({ message: 'a' })).toEqual({ ok: true, output: { messageId: 'm-a' } });
    expect(publish.call({ message: 'b' })).toEqual({ ok: true, output: { messageId: 'm-b' } });
    expect(asked).toEqual({ authorize: 1, handle: 2 });
  });

  test('fails if no service serves the action for the resource, or the resource policy refuses the caller', () => {
    const { c, asked } = calls(false);
    expect(c.bind(SNS, 'sns:Publish', 'arn:other')).toMatchObject({ found: false, logicalId: undefined });
    expect(c.call(SNS, 'sns:Publish', 'arn:other', { message: 'a' })).toEqual({ ok: false, reason: 'no sns:Publish target arn:other in the template' });
    expect(c.call(ROLE, 'sns:Publish', 'arn:topic', { message: 'a' })).toEqual({ ok: false, reason: 'the topic policy does not name the role' });
    expect(asked.handle).toBe(0);
  });

  test('fails if a guard refuses, before the resource policy is asked', () => {
    const { c, asked } = calls(true);
    expect(c.bind(ROLE, 'sns:Publish', 'arn:topic').refusal).toBe('the task role may not sns:Publish');
    expect(asked.authorize).toBe(0);
    expect(c.bind(SNS, 'sns:Publish', 'arn:topic').refusal).toBeUndefined();
  });

  test('fails with no answer if a guard finds no route, whatever guard registered before it refuses', () => {
    // GIVEN an identity guard that refuses roles, then a route guard that finds no network path
    const { c, asked } = calls(true);
    c.guard((caller) => (caller.kind === 'role' && caller.runsIn === 'Worker' ? { noAnswer: true, reason: 'no route from Worker' } : undefined));
    // THEN the call is unanswered (not refused), and neither the resource policy nor the service is asked
    expect(c.bind(ROLE, 'sns:Publish', 'arn:topic')).toMatchObject({ found: true, refusal: 'no route from Worker', unanswered: true });
    expect(c.call(ROLE, 'sns:Publish', 'arn:topic', { message: 'a' })).toEqual({ ok: false, reason: 'no route from Worker', unanswered: true });
    expect(c.bind({ ...ROLE, runsIn: undefined }, 'sns:Publish', 'arn:topic')).toMatchObject({ refusal: 'the task role may not sns:Publish', unanswered: false });
    expect(asked).toEqual({ authorize: 0, handle: 0 });
  });

  test('guards see the resource\'s ARN when the service tells it (a queue named by its URL)', () => {
    const seen: string[] = [];
    const c = new ServiceCalls();
    c.serve('sqs:SendMessage', { find: () => ({}), logicalIdOf: () => 'Q', arnOf: () => 'arn:aws:sqs:us-east-1:123456789012:q', handle: () => ({ ok: true, output: { messageId: '1' } }) });
    c.guard((_caller, _action, resource) => {
      seen.push(resource);
      return undefined;
    });
    c.call(ROLE, 'sqs:SendMessage', 'https://sqs.us-east-1.amazonaws.com/123456789012/q', { body: 'a' });
    expect(seen).toEqual(['arn:aws:sqs:us-east-1:123456789012:q']);
  });
});

describe('service facades', () => {
  test('Simulation methods and sim.sqs are one entry point; sim.facade(service) returns the same facade', () => {
    const sim = Simulation.fromTemplate(template({ Orders: queue('orders') }));
    const { messageId } = sim.sqs.send('Orders', { body: 'a' });
    expect(sim.receive('Orders')[0].messageId).toBe(messageId);
    expect(sim.facade(SQS_SERVICE)).toBe(sim.sqs);
    expect(sim.sqs.queue('Orders')).toBe(sim.queue('Orders'));
  });
});
