import { Simulation } from '../../../lib/simulator';
import { serviceTemplate } from '../fixtures/scaling';

// What a scalable target controls, and why one is kept without being simulated.

const target = (properties: Record<string, unknown>) => ({ Type: 'AWS::ApplicationAutoScaling::ScalableTarget', Properties: properties });
const ECS = { ServiceNamespace: 'ecs', ScalableDimension: 'ecs:service:DesiredCount' };

describe('scalable targets', () => {
  test('an ECS service\'s target scales it: its capacity starts within MinCapacity and MaxCapacity', () => {
    const sim = Simulation.fromTemplate(serviceTemplate({ desiredCount: 12, min: 2, max: 5 }));
    const t = sim.autoscaling.target('Target');
    expect([t.resourceId, t.namespace, t.dimension, t.min, t.max, t.notSimulated]).toEqual(['service/workers/svc', 'ecs', 'ecs:service:DesiredCount', 2, 5, undefined]);
    expect(t.scalable!.desired).toBe(5);
    expect(Simulation.fromTemplate(serviceTemplate({ desiredCount: 0, min: 1, max: 5 })).autoscaling.target('Target').scalable!.desired).toBe(1);
    expect(Simulation.fromTemplate(serviceTemplate({ desiredCount: 3, min: 1, max: 5 })).autoscaling.target('Target').scalable!.desired).toBe(3);
  });

  test.each([
    ['another dimension', { ServiceNamespace: 'dynamodb', ScalableDimension: 'dynamodb:table:ReadCapacityUnits', ResourceId: 'table/orders', MinCapacity: 1, MaxCapacity: 5 },
      'dynamodb dynamodb:table:ReadCapacityUnits is not simulated (only ecs:service:DesiredCount is)'],
    ['an ECS service the template does not have', { ...ECS, ResourceId: 'service/workers/other', MinCapacity: 1, MaxCapacity: 5 }, 'no ECS service of the template is service/workers/other'],
    ['no ResourceId', { ...ECS, MinCapacity: 1, MaxCapacity: 5 }, 'no ECS service of the template is '],
    ['no namespace nor dimension', { ResourceId: 'service/workers/svc' }, '  is not simulated (only ecs:service:DesiredCount is)'],
  ])('a target of %s is kept, not simulated, saying why', (_what, properties, why) => {
    const sim = Simulation.fromTemplate(serviceTemplate({ extra: { Other: target(properties) } }));
    const t = sim.autoscaling.target('Other');
    expect([t.notSimulated, t.scalable]).toEqual([why, undefined]);
  });

  test('without MinCapacity and MaxCapacity both are 0', () => {
    const t = Simulation.fromTemplate(serviceTemplate({ extra: { Other: target({ ResourceId: 'table/orders' }) } })).autoscaling.target('Other');
    expect([t.min, t.max, t.namespace, t.dimension]).toEqual([0, 0, '', '']);
  });
});
