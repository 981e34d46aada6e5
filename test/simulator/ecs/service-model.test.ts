import { Duration } from 'aws-cdk-lib';
import { CloudFormationTemplate, Simulation } from '../../../lib/simulator';
import { att, readerFunction, resolvedEnvironment } from '../fixtures/reader-function';
import { CLUSTER, SERVICE, serviceTemplate } from '../fixtures/scaling';

// The ECS service as the simulator models it: its cluster (by Ref, ARN or none), Container Insights, its tasks'
// ids, UpdateTaskProtection's range and default, the task role and the queue its task definition names, the
// metrics, and what Ref and Fn::GetAtt answer for the ECS types.

type Resources = Record<string, { Type: string; Properties?: Record<string, unknown> }>;
const resources = (t: CloudFormationTemplate) => t.Resources as Resources;
const ACCOUNT = 'arn:aws:ecs:us-east-1:123456789012';

function service(t: CloudFormationTemplate) {
  const sim = Simulation.fromTemplate(t);
  return { sim, s: sim.ecs.service('Service') };
}

describe('an ECS service and its cluster', () => {
  test('named by the cluster\'s Ref: its name, ARN, resource id, Container Insights, and its tasks\' ids', () => {
    // GIVEN the service of two tasks in the cluster `workers` (Container Insights enabled)
    const { s } = service(serviceTemplate({ desiredCount: 2 }));
    // THEN the model reads as ECS and Application Auto Scaling name it
    expect([s.name, s.arn, s.clusterName, s.resourceId, s.containerInsights]).toEqual([SERVICE, `${ACCOUNT}:service/${CLUSTER}/${SERVICE}`, CLUSTER, `service/${CLUSTER}/${SERVICE}`, 'on']);
    expect(s.fleet.live.map((w) => [w.id, w.arn])).toEqual([
      ['5872aceca88e4c4a8780145cb60490f1', `${ACCOUNT}:task/${CLUSTER}/5872aceca88e4c4a8780145cb60490f1`],
      ['4ae8f3362fc24f90818bb5cc0f89a992', `${ACCOUNT}:task/${CLUSTER}/4ae8f3362fc24f90818bb5cc0f89a992`],
    ]);
    expect([s.description, s.noun, s.defaultStartupMs, s.defaultProtectionExpiresMs]).toEqual(['an ECS service', 'task', 60_000, 3_600_000]);
  });

  test('a cluster named by ARN keeps the name after its last slash', () => {
    const t = serviceTemplate();
    resources(t).Service.Properties!.Cluster = `${ACCOUNT}:cluster/${CLUSTER}`;
    const { s } = service(t);
    expect([s.clusterName, s.arn, s.containerInsights]).toEqual([CLUSTER, `${ACCOUNT}:service/${CLUSTER}/${SERVICE}`, 'on']);
  });

  test('no Cluster is the account\'s default cluster, which the template does not hold: Container Insights unknown, and none of its metrics', () => {
    const t = serviceTemplate();
    delete resources(t).Service.Properties!.Cluster;
    const { sim, s } = service(t);
    expect([s.clusterName, s.arn, s.resourceId, s.containerInsights]).toEqual(['default', `${ACCOUNT}:service/default/${SERVICE}`, `service/default/${SERVICE}`, 'unknown']);
    expect(sim.metrics.list({ namespace: 'ECS/ContainerInsights' })).toEqual([]);
  });

  test.each([
    [[{ Name: 'containerInsights', Value: 'enhanced' }], 'on'],
    [[{ Name: 'containerInsights', Value: 'enabled' }], 'on'],
    [[{ Name: 'containerInsights', Value: 'disabled' }], 'off'],
    [[{ Name: 'somethingElse', Value: 'enabled' }], 'off'],
    [undefined, 'off'],
  ])('cluster settings %j: Container Insights %s', (settings, insights) => {
    const t = serviceTemplate();
    resources(t).Cluster.Properties = { ClusterName: CLUSTER, ...(settings ? { ClusterSettings: settings } : {}) };
    expect(service(t).s.containerInsights).toBe(insights);
  });

  test('without DesiredCount CloudFormation runs one task', () => {
    const t = serviceTemplate();
    delete resources(t).Service.Properties!.DesiredCount;
    expect(service(t).s.fleet.desired).toBe(1);
  });

  test('fails if a service that is not in the stack is asked for', () => {
    const sim = Simulation.fromTemplate(serviceTemplate());
    expect(() => sim.ecs.service('Jobs')).toThrow('Jobs is an AWS::SQS::Queue, not an ECS service');
  });
});

describe('UpdateTaskProtection', () => {
  test('protects for the minutes asked, ECS\'s default 120 when none are, and clears with -1', () => {
    const { sim, s } = service(serviceTemplate());
    const [task] = s.fleet.live;
    expect(s.protect(task, true, undefined)).toBeUndefined();
    expect(task.protectedUntil).toBe(sim.now + 120 * 60_000);
    expect(s.protect(task, true, 60_001)).toBeUndefined(); // rounded up to whole minutes
    expect(task.protectedUntil).toBe(sim.now + 2 * 60_000);
    expect(s.protect(task, false, undefined)).toBeUndefined();
    expect(task.protectedUntil).toBe(-1);
  });

  test.each([
    [1, 1], [60_000, 1], [2_880 * 60_000, 2_880],
  ])('%i ms is within 1–2880 minutes (%i)', (ms, minutes) => {
    const { sim, s } = service(serviceTemplate());
    const [task] = s.fleet.live;
    expect(s.protect(task, true, ms)).toBeUndefined();
    expect(task.protectedUntil).toBe(sim.now + minutes * 60_000);
  });

  test.each([
    [0, 'ExpiresInMinutes 0 is outside 1–2880'],
    [2_880 * 60_000 + 1, 'ExpiresInMinutes 2881 is outside 1–2880'],
  ])('fails if protection for %i ms is asked: %s', (ms, reason) => {
    const { s } = service(serviceTemplate());
    const [task] = s.fleet.live;
    expect(s.protect(task, true, ms)).toBe(reason);
    expect(task.protectedUntil).toBe(-1);
  });

  test('clearing the protection takes no expiry, so any is accepted', () => {
    const { s } = service(serviceTemplate());
    expect(s.protect(s.fleet.live[0], false, 0)).toBeUndefined();
  });

  test('a task of the second service of a template is found too', () => {
    const t = serviceTemplate();
    resources(t).Second = { Type: 'AWS::ECS::Service', Properties: { ServiceName: 'second', Cluster: { Ref: 'Cluster' }, TaskDefinition: { Ref: 'Task' }, DesiredCount: 1 } };
    const sim = Simulation.fromTemplate(t);
    const second = sim.ecs.service('Second');
    const [task] = second.fleet.live;
    expect([second.protect(task, true, 60_000), task.protectedUntil]).toEqual([undefined, sim.now + 60_000]);
  });

  test('fails if the task is not one of a service of the template', () => {
    const { s } = service(serviceTemplate());
    const stranger = { ...s.fleet.live[0], arn: `${ACCOUNT}:task/${CLUSTER}/0000` } as typeof s.fleet.live[0];
    expect(s.protect(stranger, true, 60_000)).toBe(`no ecs:UpdateTaskProtection target ${ACCOUNT}:task/${CLUSTER}/0000 in the template`);
  });
});

describe('the task definition: the task role and the queue', () => {
  test('the queue is found by its URL, ARN or name in the containers\' environment', () => {
    for (const value of [{ Ref: 'Jobs' }, att('Jobs', 'Arn'), att('Jobs', 'QueueName')]) {
      const t = serviceTemplate();
      resources(t).Task.Properties!.ContainerDefinitions = [{ Name: 'sidecar' }, { Name: 'w', Environment: [{ Name: 'OTHER', Value: 'x' }, { Name: 'QUEUE', Value: value }] }];
      const { sim, s } = service(t);
      expect(s.queueFromTemplate(sim.world)).toBe(sim.queue('Jobs'));
    }
  });

  test('no queue when two are named, or none, or the task definition has no containers or is not in the template', () => {
    const two = serviceTemplate();
    resources(two).Other = { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'other' } };
    resources(two).Task.Properties!.ContainerDefinitions = [{ Name: 'w', Environment: [{ Name: 'A', Value: { Ref: 'Jobs' } }, { Name: 'B', Value: { Ref: 'Other' } }] }];
    const noContainers = serviceTemplate();
    delete resources(noContainers).Task.Properties!.ContainerDefinitions;
    const imported = serviceTemplate();
    resources(imported).Service.Properties!.TaskDefinition = `${ACCOUNT}:task-definition/elsewhere:3`;
    for (const t of [two, noContainers, imported]) {
      const { sim, s } = service(t);
      expect(s.queueFromTemplate(sim.world)).toBeUndefined();
    }
  });

  test.each([
    ['a task definition the template does not hold', (t: CloudFormationTemplate) => (resources(t).Service.Properties!.TaskDefinition = `${ACCOUNT}:task-definition/elsewhere:3`)],
    ['no task role', (t: CloudFormationTemplate) => delete resources(t).Task.Properties!.TaskRoleArn],
  ])('with %s the protection call is not checked: it goes through', (_how, change) => {
    const t = serviceTemplate({ protectionGranted: false });
    change(t);
    const { sim, s } = service(t);
    const fleet = sim.workload.workers('Service', { queue: 'Jobs', processingTime: Duration.seconds(4) });
    sim.send('Jobs', { body: 'x' });
    sim.advance(Duration.seconds(1));
    expect([s.fleet.live[0].isProtected(sim.now), sim.events({ type: 'workers.protectionRefused' }), fleet.totals.protectionRefused]).toEqual([true, [], 0]);
  });
});

describe('the service\'s metrics', () => {
  test('Container Insights\' task counts read the fleet: running, desired, pending', () => {
    // GIVEN one task in service, raised to 3 (2 starting for their 60 s)
    const { sim, s } = service(serviceTemplate({ desiredCount: 1 }));
    s.fleet.setDesired(3);
    sim.advance(Duration.seconds(10));
    sim.metrics.sample(sim.now);
    const level = (name: string) => sim.metrics.find({ namespace: 'ECS/ContainerInsights', metricName: name, dimensions: { ClusterName: CLUSTER, ServiceName: SERVICE } })!.datapoints(0, 60_000, 60_000).map((d) => d.maximum);
    expect(['RunningTaskCount', 'DesiredTaskCount', 'PendingTaskCount'].map(level)).toEqual([[1], [3], [2]]);
    expect(sim.metrics.list({ namespace: 'ECS/ContainerInsights' }).map((m) => [m.metricName, m.unit])).toEqual([['RunningTaskCount', 'Count'], ['DesiredTaskCount', 'Count'], ['PendingTaskCount', 'Count']]);
  });

  test('CPUUtilization is published with Container Insights off, idle at 1 % without workers', () => {
    const { sim } = service(serviceTemplate({ containerInsights: false }));
    sim.advance(Duration.minutes(1));
    const cpu = sim.metrics.find({ namespace: 'AWS/ECS', metricName: 'CPUUtilization', dimensions: { ClusterName: CLUSTER, ServiceName: SERVICE } })!;
    expect(cpu.datapoints(0, 60_000, 60_000).map((d) => d.maximum)).toEqual([1]);
  });
});

describe('Ref and Fn::GetAtt of the ECS types', () => {
  test('a cluster\'s name and ARN, a service\'s ARN and name, a task definition\'s ARN (revision 1), with or without Family', () => {
    const t = serviceTemplate();
    Object.assign(resources(t), {
      Anonymous: { Type: 'AWS::ECS::TaskDefinition', Properties: {} },
      Fn: readerFunction({
        CLUSTER: { Ref: 'Cluster' }, CLUSTER_ARN: att('Cluster', 'Arn'), SERVICE: { Ref: 'Service' }, SERVICE_NAME: att('Service', 'Name'), SERVICE_ARN: att('Service', 'ServiceArn'),
        TASK: { Ref: 'Task' }, TASK_ARN: att('Task', 'TaskDefinitionArn'), ANONYMOUS: { Ref: 'Anonymous' },
      }),
    });
    expect(resolvedEnvironment(t)).toEqual({
      CLUSTER, CLUSTER_ARN: `${ACCOUNT}:cluster/${CLUSTER}`, SERVICE: `${ACCOUNT}:service/${CLUSTER}/${SERVICE}`, SERVICE_NAME: SERVICE, SERVICE_ARN: `${ACCOUNT}:service/${CLUSTER}/${SERVICE}`,
      TASK: `${ACCOUNT}:task-definition/worker:1`, TASK_ARN: `${ACCOUNT}:task-definition/worker:1`, ANONYMOUS: `${ACCOUNT}:task-definition/SimulatedStack-Anonymous-HDXkzykL9vE0:1`,
    });
  });

  test.each([
    ['Cluster', 'ClusterName', 'AWS::ECS::Cluster'],
    ['Service', 'Arn', 'AWS::ECS::Service'],
    ['Task', 'Arn', 'AWS::ECS::TaskDefinition'],
  ])('fails if a function names an attribute %s does not have (%s)', (id, attribute, type) => {
    const t = serviceTemplate();
    resources(t).Fn = readerFunction({ X: att(id, attribute) });
    expect(() => Simulation.fromTemplate(t)).toThrow(`Fn.Properties.Environment.Variables.X.Fn::GetAtt: ${type} has no attribute ${attribute} (Fn::GetAtt ${id}.${attribute})`);
  });
});
