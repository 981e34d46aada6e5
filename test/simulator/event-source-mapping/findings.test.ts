import { Simulation, TemplateError } from '../../../lib/simulator';
import { CONSUME_STATEMENT, consumerSimulation, consumerTemplate } from '../fixtures/consumer';

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

describe('mapping settings Lambda rejects', () => {
  test.each([
    ['a batch above 10 without a window', { batchSize: 100 }, 'needs MaximumBatchingWindowInSeconds of at least 1'],
    ['a batch above 10,000', { batchSize: 20_000, batchingWindow: 1 }, 'BatchSize 20000 is outside 1–10000 for a standard queue'],
    ['a FIFO batch above 10', { fifo: true, batchSize: 20 }, 'BatchSize 20 is outside 1–10 for a FIFO queue'],
    ['a FIFO batching window', { fifo: true, batchingWindow: 5 }, 'a FIFO queue takes no MaximumBatchingWindowInSeconds'],
    ['a MaximumConcurrency of 1', { maximumConcurrency: 1 }, 'MaximumConcurrency 1 is outside 2–1000'],
  ])('%s', (_, options, message) => {
    const finding = consumerSimulation(options).findings().find((f) => f.code === 'decoupled-sim:mapping-settings-rejected');
    expect(finding?.message).toContain(message);
  });
});

describe('reserved concurrency and the sum of the mappings\' MaximumConcurrency', () => {
  /** One function consuming two queues, MaximumConcurrency 3 and 4, with `reserved` concurrent executions. */
  const twoMappings = (reserved: number) => consumerSimulation({
    reservedConcurrency: reserved,
    maximumConcurrency: 3,
    statements: [{ ...CONSUME_STATEMENT, Resource: '*' }],
    extraResources: {
      Second: { Type: 'AWS::SQS::Queue', Properties: { VisibilityTimeout: 180, RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': ['DeadLetterQueue', 'Arn'] }, maxReceiveCount: 5 } } },
      SecondMapping: { Type: 'AWS::Lambda::EventSourceMapping', Properties: { EventSourceArn: { 'Fn::GetAtt': ['Second', 'Arn'] }, FunctionName: { Ref: 'Consumer' }, ScalingConfig: { MaximumConcurrency: 4 } } },
    },
  });
  const finding = (reserved: number) => twoMappings(reserved).findings().filter((f) => f.code === 'decoupled-sim:reserved-below-maximum-concurrency');

  test('a reservation below the sum (3 + 4) is a warning naming the sum', () => {
    expect(finding(6)).toEqual([expect.objectContaining({
      severity: 'warning',
      resources: ['Consumer'],
      message: expect.stringContaining('reserves 6 concurrent executions but its event source mappings may run 7 batches at once'),
      fix: 'Reserve at least 7, or lower MaximumConcurrency to 6.',
    })]);
  });

  test('a reservation of exactly the sum is not', () => {
    expect(finding(7)).toEqual([]);
  });
});

describe('mappings the simulator does not run', () => {
  test('a mapping of an imported queue is kept with the reason, and the rest of the template still runs', () => {
    const template = consumerTemplate() as { Resources: Record<string, { Properties: Record<string, unknown> }> };
    template.Resources.Mapping.Properties.EventSourceArn = { 'Fn::ImportValue': 'SharedQueueArn' };
    const sim = Simulation.fromTemplate(template as never);
    expect(() => sim.mapping('Mapping')).toThrow(/Mapping is not simulated: the event source <unresolved .*SharedQueueArn.*> is not an SQS queue of the template/);
    expect(sim.findings().filter((f) => f.code === 'decoupled-sim:mapping-not-simulated')).toEqual([
      expect.objectContaining({ severity: 'warning', resources: ['Mapping'], message: expect.stringMatching(/^the event source mapping Mapping is not simulated: the event source <unresolved Fn::ImportValue "SharedQueueArn">/) }),
    ]);
  });

  test('a filter pattern that is not JSON is a template error at its location', () => {
    const template = consumerTemplate() as { Resources: Record<string, { Properties: Record<string, unknown> }> };
    template.Resources.Mapping.Properties.FilterCriteria = { Filters: [{ Pattern: '{not json' }] };
    expect(() => Simulation.fromTemplate(template as never)).toThrow(TemplateError);
    expect(() => Simulation.fromTemplate(template as never)).toThrow(/Mapping\.Properties\.FilterCriteria: Filters\[0\]\.Pattern is not a JSON object/);
  });
});
