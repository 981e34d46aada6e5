import { Duration } from 'aws-cdk-lib';
import { Simulation, SqsEvent } from '../../../lib/simulator';
import { CONSUME_STATEMENT, consumerSimulation, consumerTemplate } from '../fixtures/consumer';

// What a test sees of a mapping (facade.ts, settings.ts, the view of sqs-mapping.ts), the records it builds
// (sqs-event.ts) and what its filter matches (event-filter.ts).

type MutableTemplate = { Resources: Record<string, { Type: string; Properties: Record<string, unknown> }> };

describe('finding a mapping', () => {
  test('by itself, its queue or its function, by logical id or ARN', () => {
    const sim = consumerSimulation();
    const { arn: queueArn } = sim.queue('Queue');
    const { arn: functionArn } = sim.lambdaFunction('Consumer');
    for (const ref of ['Mapping', 'Queue', 'Consumer', queueArn, functionArn]) expect([ref, sim.mapping(ref).logicalId]).toEqual([ref, 'Mapping']);
  });

  test('fails if nothing maps the resource, naming it', () => {
    const sim = consumerSimulation();
    expect(() => sim.mapping('DeadLetterQueue')).toThrow(new Error('No event source mapping is, or uses, DeadLetterQueue'));
  });

  test('fails if the resource has several mappings, listing them: name the mapping', () => {
    // GIVEN a second mapping from another queue to the same function
    const sim = consumerSimulation({
      statements: [{ ...CONSUME_STATEMENT, Resource: '*' }],
      extraResources: {
        Second: { Type: 'AWS::SQS::Queue', Properties: { VisibilityTimeout: 180 } },
        SecondMapping: { Type: 'AWS::Lambda::EventSourceMapping', Properties: { EventSourceArn: { 'Fn::GetAtt': ['Second', 'Arn'] }, FunctionName: { 'Fn::GetAtt': ['Consumer', 'Arn'] } } },
      },
    });
    expect(() => sim.mapping('Consumer')).toThrow(new Error('Consumer has 2 event source mappings (Mapping, SecondMapping): name the mapping'));
    expect(sim.mapping('SecondMapping').queue).toBe('Second');
    expect(sim.mapping('Second').function).toBe('Consumer');
  });
});

describe('the settings read from the template', () => {
  test('Lambda\'s defaults: batch of 10, no window, no partial responses, no cap, no filter, enabled', () => {
    const template = consumerTemplate() as MutableTemplate;
    delete template.Resources.Mapping.Properties.BatchSize;
    const sim = Simulation.fromTemplate(template as never);
    expect(sim.mapping('Mapping').settings).toEqual({
      logicalId: 'Mapping', eventSourceArn: sim.queue('Queue').arn, functionName: sim.lambdaFunction('Consumer').name,
      batchSize: 10, maximumBatchingWindowMs: 0, reportBatchItemFailures: false, maximumConcurrency: undefined, filterPatterns: [], enabled: true,
    });
  });

  test('each setting given: window in ms, ReportBatchItemFailures among the types, MaximumConcurrency as a number, patterns as objects', () => {
    const template = consumerTemplate({ batchSize: 50, batchingWindow: 2, reportBatchItemFailures: true }) as MutableTemplate;
    Object.assign(template.Resources.Mapping.Properties, {
      Enabled: false, ScalingConfig: { MaximumConcurrency: '7' },
      FunctionResponseTypes: ['Other', 'ReportBatchItemFailures'],
      FilterCriteria: { Filters: [{ Pattern: '{"body":{"a":[1]}}' }, { Pattern: { body: { b: [2] } } }] },
    });
    expect(Simulation.fromTemplate(template as never).mapping('Mapping').settings).toMatchObject({
      batchSize: 50, maximumBatchingWindowMs: 2_000, reportBatchItemFailures: true, maximumConcurrency: 7, enabled: false,
      filterPatterns: [{ body: { a: [1] } }, { body: { b: [2] } }],
    });
  });

  test('FunctionResponseTypes without ReportBatchItemFailures, or not a list, is off', () => {
    for (const types of [['Other'], 'ReportBatchItemFailures']) {
      const template = consumerTemplate() as MutableTemplate;
      template.Resources.Mapping.Properties.FunctionResponseTypes = types;
      expect(Simulation.fromTemplate(template as never).mapping('Mapping').settings.reportBatchItemFailures).toBe(false);
    }
  });

  test('fails if a pattern is JSON but not an object, naming the filter', () => {
    for (const pattern of ['3', 'null', '"text"']) {
      const template = consumerTemplate() as MutableTemplate;
      template.Resources.Mapping.Properties.FilterCriteria = { Filters: [{ Pattern: '{"body":{"a":[1]}}' }, { Pattern: pattern }] };
      expect(() => Simulation.fromTemplate(template as never)).toThrow('Mapping.Properties.FilterCriteria: Filters[1].Pattern is not a JSON object');
    }
  });

  test('fails if the filter engine cannot take a pattern, with its reason, at the mapping\'s FilterCriteria', () => {
    const template = consumerTemplate({ filters: [{ body: { a: [{ numeric: ['~', 1] }] } }] });
    expect(() => Simulation.fromTemplate(template as never)).toThrow(/^Mapping\.Properties\.FilterCriteria: the simulator cannot match this pattern: .+/);
  });

  test('a FunctionName known only at deploy time is kept as its description, and matches no function', () => {
    const template = consumerTemplate() as MutableTemplate;
    template.Resources.Mapping.Properties.FunctionName = { 'Fn::ImportValue': 'SharedFunction' };
    const sim = Simulation.fromTemplate(template as never);
    expect(sim.findings().filter((f) => f.code === 'decoupled-sim:mapping-not-simulated').map((f) => f.message)).toEqual([
      'the event source mapping Mapping is not simulated: the function <unresolved Fn::ImportValue "SharedFunction"> is not in the template',
    ]);
  });
});

describe('a mapping without an event source', () => {
  test('is not simulated, and says the source is empty', () => {
    const template = consumerTemplate() as MutableTemplate;
    delete template.Resources.Mapping.Properties.EventSourceArn;
    const sim = Simulation.fromTemplate(template as never);
    expect(() => sim.mapping('Mapping')).toThrow(new Error('Mapping is not simulated: the event source  is not an SQS queue of the template'));
  });
});

describe('the view of a mapping after a run', () => {
  test('settings, ramp, active batches, batch sizes and every total', async () => {
    // GIVEN a handler failing the batches holding 'bad', 1 s each, in batches of 2 gathered for 1 s
    const sim = consumerSimulation({ batchSize: 2, batchingWindow: 1, visibilityTimeout: 600 });
    sim.onInvoke('Consumer', (e: SqsEvent) => {
      if (e.Records.some((r) => r.body === 'bad')) throw new Error('bad');
    }, { duration: Duration.seconds(1) });
    for (const body of ['a', 'b', 'bad']) sim.send('Queue', { body });
    await sim.advance(Duration.seconds(5));
    // THEN the view tells each of them
    const view = sim.mapping('Queue');
    expect({ ...view, settings: undefined }).toEqual({
      logicalId: 'Mapping', queue: 'Queue', function: 'Consumer', settings: undefined, stoppedReason: undefined,
      concurrencyLimit: [{ time: 0, value: 5 }],
      activeBatches: [{ time: 0, value: 2 }, { time: 1_000, value: 1 }, { time: 2_000, value: 0 }],
      batches: [{ time: 0, value: 2 }, { time: 1_000, value: 1 }],
      totals: { batches: 2, records: 3, maxActiveBatches: 2, concurrencyLimit: 5, succeeded: 1, partiallyFailed: 0, failed: 1, throttledUntilVisible: 0, filteredOut: 0 },
    });
  });
});

describe('the records of an SQS event', () => {
  test('a binary attribute is binaryValue, a string one stringValue; identical bodies share one MD5', async () => {
    const sim = consumerSimulation({ batchingWindow: 1 });
    let event: SqsEvent | undefined;
    sim.onInvoke('Consumer', (e: SqsEvent) => {
      event = e;
    });
    sim.send('Queue', { body: 'same', attributes: { blob: new Uint8Array([1, 2]), s: 'v' } });
    sim.send('Queue', { body: 'same' });
    sim.send('Queue', { body: 'other' });
    await sim.advance(Duration.seconds(2));
    expect(event!.Records.map((r) => [r.messageAttributes, r.md5OfBody])).toEqual([
      [{ blob: { binaryValue: 'AQI=', stringListValues: [], binaryListValues: [], dataType: 'Binary' }, s: { stringValue: 'v', stringListValues: [], binaryListValues: [], dataType: 'String' } }, '51037a4a37730f52c8732586d3aaa316'],
      [{}, '51037a4a37730f52c8732586d3aaa316'],
      [{}, '795f3202b17cb6bc3d4b771d8c6c9eaf'],
    ]);
  });

  test.each([
    // 2,048 + 1 + 6 + 258,000 + 700 = 260,755 bytes a record: 24 fit in 6,291,456 bytes, 25 do not. A body of 2,048
    // characters or more counts its UTF-8 bytes, not 3 a character: counted so, only 23 would fit.
    [258_000, [24, 6]],
    // 262,144 bytes a record: 24 are exactly 6,291,456 bytes, which still fits
    [259_389, [24, 6]],
    // one byte more a record: 24 are past the limit
    [259_390, [23, 7]],
  ])('attributes count toward the 6 MB of a batch: name, type and a value of %d characters', async (length, expected) => {
    // GIVEN 30 messages of a 2,048-byte body and one attribute
    const sim = consumerSimulation({ batchSize: 100, batchingWindow: 1 });
    const sizes: number[] = [];
    sim.onInvoke('Consumer', (e: SqsEvent) => {
      sizes.push(e.Records.length);
    });
    const value = 'v'.repeat(length);
    for (let i = 0; i < 30; i++) sim.send('Queue', { body: 'x'.repeat(2_048), attributes: { a: value } });
    await sim.advance(Duration.seconds(3));
    // THEN the first batch closes at the cap; what it received beyond went back at once
    expect(sizes).toEqual(expected);
    const released = sim.events({ type: 'esm.released' });
    expect(released.length).toBeGreaterThan(0);
    expect(new Set(released.map((e) => [e.time, e.reason].join(' ')))).toEqual(new Set(['0 the batch closed at BatchSize or 6 MB; the message is visible again at once']));
  });
});

describe('filter criteria on bodies that are not JSON objects', () => {
  const FILTERS = [{ body: [{ prefix: '[' }, { prefix: '{broken' }] }, { body: { kind: ['x'] } }];
  const BODIES = ['[1,2]', '{broken', '42', '  {"kind":"x"}', '{"kind":"y"}', 'null'];

  test('a broken object is plain text, an object after blanks is JSON, and a JSON array is not text', async () => {
    // GIVEN a pattern on the plain body starting with '[' or '{broken', and one on a JSON field
    const sim = consumerSimulation({ batchingWindow: 1, filters: FILTERS });
    const bodies: string[] = [];
    sim.onInvoke('Consumer', (e: SqsEvent) => {
      bodies.push(...e.Records.map((r) => r.body));
    });
    for (const body of BODIES) sim.send('Queue', { body });
    await sim.advance(Duration.seconds(2));
    expect(bodies).toEqual(['{broken', '  {"kind":"x"}']);
    expect(sim.events({ type: 'esm.filteredOut' }).map((e) => e.reason)).toEqual(Array(4).fill('no filter criteria pattern matches; Lambda deletes the message'));
  });

  test('in summary mode what the filter deletes is counted, not recorded', async () => {
    const sim = consumerSimulation({ batchingWindow: 1, filters: FILTERS }, { trace: 'summary' });
    sim.onInvoke('Consumer', () => undefined);
    for (const body of BODIES) sim.send('Queue', { body });
    await sim.advance(Duration.seconds(2));
    expect([sim.trace.count('esm.filteredOut'), sim.mapping('Mapping').totals.filteredOut, sim.trace.events.length]).toEqual([4, 4, 0]);
  });
});
