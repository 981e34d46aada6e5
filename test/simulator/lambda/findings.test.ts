import { Simulation, TemplateError } from '../../../lib/simulator';
import { consumerSimulation, consumerTemplate } from './template';

const codes = (sim: Simulation) => sim.findings().map((f) => f.code);

describe('findings for Lambda consumers', () => {
  test('a well-configured consumer has none', () => {
    // 180 s = 6 x 30 s, maxReceiveCount 5, a DLQ, exactly the permissions
    expect(consumerSimulation().findings()).toEqual([]);
  });

  test('a visibility timeout below 6 x the function timeout plus the batching window is a warning', () => {
    const sim = consumerSimulation({ visibilityTimeout: 180, timeout: 30, batchingWindow: 10 });
    const finding = sim.findings().find((f) => f.code === 'decoupled-sim:visibility-below-6x-function-timeout');
    expect(finding?.severity).toBe('warning');
    expect(finding?.fix).toBe('Raise the visibility timeout to at least 190s.');
  });

  test('a visibility timeout below the function timeout is an error', () => {
    expect(codes(consumerSimulation({ visibilityTimeout: 20, timeout: 30 }))).toContain('decoupled-sim:visibility-shorter-than-function-timeout');
  });

  test('a Lambda-consumed queue without a DLQ is a warning', () => {
    const template = consumerTemplate() as { Resources: Record<string, { Properties: Record<string, unknown> }> };
    delete template.Resources.Queue.Properties.RedrivePolicy;
    expect(codes(Simulation.fromTemplate(template as never))).toEqual(['decoupled-sim:lambda-queue-without-dlq']);
  });
});

describe('mappings the simulator does not run', () => {
  test('a mapping of an imported queue is kept with the reason, and the rest of the template still runs', () => {
    const template = consumerTemplate() as { Resources: Record<string, { Properties: Record<string, unknown> }> };
    template.Resources.Mapping.Properties.EventSourceArn = { 'Fn::ImportValue': 'SharedQueueArn' };
    const sim = Simulation.fromTemplate(template as never);
    expect(() => sim.mapping('Mapping')).toThrow(/Mapping is not simulated: the event source <unresolved .*SharedQueueArn.*> is not an SQS queue of the template/);
  });

  test('a filter pattern that is not JSON is a template error at its location', () => {
    const template = consumerTemplate() as { Resources: Record<string, { Properties: Record<string, unknown> }> };
    template.Resources.Mapping.Properties.FilterCriteria = { Filters: [{ Pattern: '{not json' }] };
    expect(() => Simulation.fromTemplate(template as never)).toThrow(TemplateError);
    expect(() => Simulation.fromTemplate(template as never)).toThrow(/Mapping\.Properties\.FilterCriteria: Filters\[0\]\.Pattern is not a JSON object/);
  });
});
