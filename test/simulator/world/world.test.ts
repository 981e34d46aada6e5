import { CloudFormationTemplate } from '../../../lib/simulator';
import { runChecks } from '../../../lib/simulator/checks/run-checks';
import { SimulationRuntime, TEST_ENVIRONMENT } from '../../../lib/simulator/runtime';
import '../../../lib/simulator/services/sns/actions';
import { TemplateModel, TemplateResource } from '../../../lib/simulator/template';
import { Trace } from '../../../lib/simulator/trace';
import { Caller, ServiceCalls } from '../../../lib/simulator/world/calls';
import { AwsCallError, RoleClient } from '../../../lib/simulator/world/role-client';
import { FacadeContext, LastNamed, ServiceModule, SimulationWorld } from '../../../lib/simulator/world/world';

// The world of one simulation, built from services given as data: what it calls in which order, and how models are found.

class Box {
  public linked = 0;
  constructor(public readonly resource: TemplateResource) {}
  public link(): void {
    this.linked++;
  }
}
class Crate {
  constructor(public readonly resource: TemplateResource) {}
}

const TEMPLATE = {
  Resources: {
    B1: { Type: 'Test::Box', Properties: { Name: 'one' } },
    C1: { Type: 'Test::Crate' },
    B2: { Type: 'Test::Box', Properties: { Name: 'two' } },
    Other: { Type: 'Test::Unknown' },
  },
} as CloudFormationTemplate;

function worldOf(services: ServiceModule[]): SimulationWorld {
  const runtime = new SimulationRuntime(1, new Trace(), TEST_ENVIRONMENT, { duplicateRate: 0, reorder: false }, 0);
  return new SimulationWorld(runtime, new TemplateModel(TEMPLATE, { stackName: 'S', environment: TEST_ENVIRONMENT }), services);
}

describe('SimulationWorld.build', () => {
  test('installs every service, then creates each model by type, then links factories, then models', () => {
    const log: string[] = [];
    const boxes: ServiceModule = {
      name: 'boxes',
      install: () => log.push('install boxes'),
      models: [{
        type: 'Test::Box',
        create: (r, world) => {
          log.push(`create ${r.logicalId} (${world.models.size} before)`);
          world.indexArn(`arn:box:${r.stringProp('Name')}`, new Box(r));
          return world.byArnOf(`arn:box:${r.stringProp('Name')}`, Box)!;
        },
        link: (world) => log.push(`link boxes: ${world.all(Box).length} boxes`),
      }],
    };
    const crates: ServiceModule = {
      name: 'crates',
      install: () => log.push('install crates'),
      models: [{ type: 'Test::Crate', create: (r) => { log.push(`create ${r.logicalId}`); return new Crate(r); } }],
    };
    const world = worldOf([boxes, crates]);
    world.build();
    expect(log).toEqual(['install boxes', 'install crates', 'create B1 (0 before)', 'create C1', 'create B2 (2 before)', 'link boxes: 2 boxes']);
    expect([...world.models.keys()]).toEqual(['B1', 'C1', 'B2']);
    expect(world.all(Box).map((b) => [b.resource.logicalId, b.linked])).toEqual([['B1', 1], ['B2', 1]]);
  });

  test('a world of services without models, install or checks builds nothing and finds nothing', () => {
    const world = worldOf([{ name: 'empty' }]);
    world.build();
    expect(world.models.size).toBe(0);
    expect(world.checks).toEqual([]);
    expect(runChecks(world)).toEqual([]);
  });

  test('models are found by logical id, ARN or identity, only as the kind asked for', () => {
    const world = worldOf([{
      name: 'both',
      models: [
        { type: 'Test::Box', create: (r) => new Box(r) },
        { type: 'Test::Crate', create: (r) => new Crate(r) },
      ],
    }]);
    world.build();
    const b2 = world.modelOf('B2', Box)!;
    expect(b2.resource.logicalId).toBe('B2');
    expect(world.modelOf('B2', Crate)).toBeUndefined();
    expect(world.modelOf('Other', Box)).toBeUndefined();
    world.indexArn('arn:b2', b2);
    expect(world.byArnOf('arn:b2', Box)).toBe(b2);
    expect(world.byArnOf('arn:b2', Crate)).toBeUndefined();
    expect(world.byArnOf('arn:none', Box)).toBeUndefined();
    expect(world.all(Crate).map((c) => c.resource.logicalId)).toEqual(['C1']);
    const byName = (value: string) => world.find(value, Box, (b) => [b.resource.logicalId, String(b.resource.prop('Name'))]);
    expect(byName('two')).toBe(b2);
    expect(byName('B1')?.resource.logicalId).toBe('B1');
    expect(byName('C1')).toBeUndefined();
  });
});

describe('runChecks', () => {
  test('lists errors first, then warnings, each in the order services and checks are listed', () => {
    const f = (code: string, severity: 'error' | 'warning') => ({ code, severity, resources: [], message: code, fix: '' });
    const world = worldOf([
      { name: 'a', checks: [() => [f('a1-warning', 'warning'), f('a1-error', 'error')], () => [f('a2-warning', 'warning')]] },
      { name: 'b', checks: [() => [f('b1-error', 'error')]] },
    ]);
    expect(world.checks).toHaveLength(3);
    expect(runChecks(world).map((x) => x.code)).toEqual(['a1-error', 'b1-error', 'a1-warning', 'a2-warning']);
  });
});

describe('LastNamed', () => {
  test('asks the context once for the same reference, again for another one', () => {
    const asked: string[] = [];
    const context = {
      model: (ref: string, _kind: unknown, what: string) => {
        asked.push(`${ref} as ${what}`);
        return { ref };
      },
    } as unknown as FacadeContext;
    const last = new LastNamed(context, Object, 'a thing');
    const a = last.get('A');
    expect(last.get('A')).toBe(a);
    expect(last.get('B')).toEqual({ ref: 'B' });
    expect(last.get('A')).toEqual({ ref: 'A' });
    expect(asked).toEqual(['A as a thing', 'B as a thing', 'A as a thing']);
  });
});

describe('RoleClient', () => {
  const ROLE: Caller = { kind: 'role', roleArn: 'arn:aws:iam::123456789012:role/fn', roleKind: 'execution role', runsIn: 'Fn' };

  function client(guard?: (caller: Caller) => string | { noAnswer: true; reason: string } | undefined, failing = false) {
    const calls = new ServiceCalls();
    calls.serve('sns:Publish', {
      find: (resource) => (resource === 'arn:topic' ? 'Topic' : undefined),
      logicalIdOf: (t) => t,
      handle: (_c, _t, input) => (failing ? { ok: false, reason: 'the topic is full' } : { ok: true, output: { messageId: `id-${input.message}` } }),
    });
    if (guard) calls.guard(guard);
    const heard: string[] = [];
    const roleClient = new RoleClient(calls, ROLE, {
      answered: (action, resource, result) => heard.push(`answered ${action} ${resource} ${result.ok ? 'ok' : result.reason}`),
      unanswered: (action, resource, reason) => heard.push(`unanswered ${action} ${resource} ${reason}`),
    });
    return { roleClient, heard };
  }

  test('resolves with the action\'s output, and tells the runtime', async () => {
    const { roleClient, heard } = client();
    await expect(roleClient.call('sns:Publish', 'arn:topic', { message: 'm' })).resolves.toEqual({ messageId: 'id-m' });
    expect(heard).toEqual(['answered sns:Publish arn:topic ok']);
  });

  test('fails with AccessDenied if a guard refuses, ServiceError if the service fails or finds no resource', async () => {
    const denied = client(() => 'the execution role may not sns:Publish');
    const error = await denied.roleClient.call('sns:Publish', 'arn:topic', { message: 'm' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AwsCallError);
    expect(error).toMatchObject({ name: 'AccessDenied', code: 'AccessDenied', action: 'sns:Publish', resource: 'arn:topic', message: 'sns:Publish on arn:topic: the execution role may not sns:Publish' });
    const failing = client(undefined, true);
    await expect(failing.roleClient.call('sns:Publish', 'arn:topic', { message: 'm' })).rejects.toMatchObject({ name: 'ServiceError', code: 'ServiceError', message: 'sns:Publish on arn:topic: the topic is full' });
    expect(failing.heard).toEqual(['answered sns:Publish arn:topic the topic is full']);
    await expect(failing.roleClient.call('sns:Publish', 'arn:nothing', { message: 'm' })).rejects.toMatchObject({ name: 'ServiceError', message: 'sns:Publish on arn:nothing: no sns:Publish target arn:nothing in the template' });
  });

  test('a call no route reaches never settles, and the runtime hears it unanswered', async () => {
    const { roleClient, heard } = client(() => ({ noAnswer: true, reason: 'no route to SNS from Fn' }));
    let settled = false;
    void roleClient.call('sns:Publish', 'arn:topic', { message: 'm' }).then(() => { settled = true; }, () => { settled = true; });
    await new Promise((resolve) => setImmediate(resolve));
    expect(settled).toBe(false);
    expect(heard).toEqual(['unanswered sns:Publish arn:topic no route to SNS from Fn']);
  });
});

describe('ServiceCalls', () => {
  test('an action no service serves finds nothing', () => {
    const SERVICE: Caller = { kind: 'service', principal: 'sns.amazonaws.com', sourceArn: 'arn:x', sourceAccount: '1' };
    const bound = new ServiceCalls().bind(SERVICE, 'sns:Publish', 'arn:a');
    expect([bound.found, bound.logicalId, bound.refusal, bound.unanswered]).toEqual([false, undefined, undefined, false]);
    expect(bound.call({ message: 'm' })).toStrictEqual({ ok: false, reason: 'no sns:Publish target arn:a in the template' });
  });

  test('the first guard\'s refusal is the one reported; a later service serves a resource the first does not find', () => {
    const calls = new ServiceCalls();
    calls.serve('sns:Publish', { find: (r) => (r === 'arn:a' ? 'A' : undefined), logicalIdOf: (t) => t, handle: () => ({ ok: true, output: { messageId: 'a' } }) });
    calls.serve('sns:Publish', { find: (r) => (r === 'arn:b' ? 'B' : undefined), logicalIdOf: (t) => t, handle: () => ({ ok: true, output: { messageId: 'b' } }) });
    const SERVICE: Caller = { kind: 'service', principal: 'sns.amazonaws.com', sourceArn: 'arn:x', sourceAccount: '1' };
    expect(calls.call(SERVICE, 'sns:Publish', 'arn:b', { message: 'm' })).toEqual({ ok: true, output: { messageId: 'b' } });
    calls.guard(() => undefined);
    calls.guard(() => 'first refusal');
    calls.guard(() => 'second refusal');
    const bound = calls.bind(SERVICE, 'sns:Publish', 'arn:a');
    expect([bound.found, bound.logicalId, bound.refusal, bound.unanswered]).toEqual([true, 'A', 'first refusal', false]);
    expect(bound.call({ message: 'm' })).toStrictEqual({ ok: false, reason: 'first refusal' });
  });
});
