import { Simulation } from '../../../lib/simulator';
import { Finding } from '../../../lib/simulator/checks/finding';
import { CONSUME_STATEMENT, ConsumerTemplateOptions, consumerSimulation, consumerTemplate } from '../fixtures/consumer';

// Every finding of the event source mapping checks (checks.ts), whole: the text a user acts on, at each limit and one past it.

const findingsOf = (sim: Simulation, code: string): Finding[] => sim.findings().filter((f) => f.code === code);
const of = (o: ConsumerTemplateOptions, code: string) => findingsOf(consumerSimulation(o), code);

const VISIBILITY_ERROR = 'decoupled-sim:visibility-shorter-than-function-timeout';
const VISIBILITY_WARNING = 'decoupled-sim:visibility-below-6x-function-timeout';
const REJECTED = 'decoupled-sim:mapping-settings-rejected';

describe('the queue\'s visibility timeout against the function\'s timeout', () => {
  test('fails if it is shorter than the function timeout: an error with the fix, the batching window included', () => {
    // GIVEN 29 s of visibility for a 30 s function with a 10 s window
    expect(of({ visibilityTimeout: 29, timeout: 30, batchingWindow: 10 }, VISIBILITY_ERROR)).toEqual([{
      code: VISIBILITY_ERROR, severity: 'error', resources: ['Queue', 'Consumer', 'Mapping'],
      message: 'Queue\'s visibility timeout (29s) is shorter than Consumer\'s timeout (30s): Lambda rejects the event source mapping Mapping at deploy, and a slow invocation would see its messages delivered again while it runs',
      fix: 'Raise the visibility timeout to at least 190s (6 x 30s + the 10s batching window), or lower the function timeout.',
    }]);
  });

  test('fails if it is shorter, without a window: the fix names only 6 x the timeout', () => {
    expect(of({ visibilityTimeout: 29, timeout: 30 }, VISIBILITY_ERROR).map((f) => f.fix)).toEqual(['Raise the visibility timeout to at least 180s (6 x 30s), or lower the function timeout.']);
  });

  test('equal to the function timeout is no error, but a warning', () => {
    expect(of({ visibilityTimeout: 30, timeout: 30 }, VISIBILITY_ERROR)).toEqual([]);
    expect(of({ visibilityTimeout: 30, timeout: 30 }, VISIBILITY_WARNING)).toEqual([{
      code: VISIBILITY_WARNING, severity: 'warning', resources: ['Queue', 'Consumer', 'Mapping'],
      message: 'Queue\'s visibility timeout (30s) is less than 6 x Consumer\'s timeout (180s): throttled batches have little time to be retried before their messages return',
      fix: 'Raise the visibility timeout to at least 180s.',
    }]);
  });

  test('6 x the timeout plus the window is enough; one second less is a warning naming the window', () => {
    expect(of({ visibilityTimeout: 190, timeout: 30, batchingWindow: 10 }, VISIBILITY_WARNING)).toEqual([]);
    expect(of({ visibilityTimeout: 189, timeout: 30, batchingWindow: 10 }, VISIBILITY_WARNING).map((f) => f.message)).toEqual([
      'Queue\'s visibility timeout (189s) is less than 6 x Consumer\'s timeout plus the batching window (190s): throttled batches have little time to be retried before their messages return',
    ]);
  });

  test('a FIFO queue has no batching window: 6 x the timeout is enough', () => {
    // GIVEN a window in the template, which Lambda refuses for FIFO and the simulator ignores
    expect(of({ fifo: true, visibilityTimeout: 180, timeout: 30, batchingWindow: 10 }, VISIBILITY_WARNING)).toEqual([]);
    expect(of({ fifo: true, visibilityTimeout: 179, timeout: 30, batchingWindow: 10 }, VISIBILITY_WARNING).map((f) => f.fix)).toEqual(['Raise the visibility timeout to at least 180s.']);
  });
});

describe('the role\'s permissions for the mapping', () => {
  test('fails if an action is missing: each with its resource and reason, and the fix', () => {
    const sim = consumerSimulation({ statements: [{ ...CONSUME_STATEMENT, Action: ['sqs:ReceiveMessage'] }] });
    const arn = sim.queue('Queue').arn;
    expect(findingsOf(sim, 'decoupled-sim:mapping-permission-missing')).toEqual([{
      code: 'decoupled-sim:mapping-permission-missing', severity: 'error', resources: ['Consumer', 'Mapping', 'Queue'],
      message: `the event source mapping Mapping cannot read Queue: Consumer's role lacks sqs:DeleteMessage on ${arn} (no policy of Role allows sqs:DeleteMessage on ${arn}); sqs:GetQueueAttributes on ${arn} (no policy of Role allows sqs:GetQueueAttributes on ${arn})`,
      fix: 'Grant the function\'s role sqs:DeleteMessage, sqs:GetQueueAttributes on Queue (queue.grantConsumeMessages(fn) does both).',
    }]);
    // AND the mapping is stopped with the same reasons
    expect(sim.mapping('Mapping').stoppedReason).toBe(`the role Role of Consumer cannot sqs:DeleteMessage (no policy of Role allows sqs:DeleteMessage on ${arn}); sqs:GetQueueAttributes (no policy of Role allows sqs:GetQueueAttributes on ${arn})`);
  });

  test('fails if kms:Decrypt is missing on an encrypted queue: the fix names the key too', () => {
    const sim = consumerSimulation({ encrypted: true, statements: [CONSUME_STATEMENT] });
    expect(findingsOf(sim, 'decoupled-sim:mapping-permission-missing').map((f) => f.fix)).toEqual([
      'Grant the function\'s role kms:Decrypt on Queue and its key (queue.grantConsumeMessages(fn) does both).',
    ]);
  });

  test('fails if a queue action and kms:Decrypt are both missing: both listed, and the fix names the key', () => {
    const sim = consumerSimulation({ encrypted: true, statements: [{ ...CONSUME_STATEMENT, Action: ['sqs:ReceiveMessage', 'sqs:GetQueueAttributes'] }] });
    expect(findingsOf(sim, 'decoupled-sim:mapping-permission-missing').map((f) => f.fix)).toEqual([
      'Grant the function\'s role sqs:DeleteMessage, kms:Decrypt on Queue and its key (queue.grantConsumeMessages(fn) does both).',
    ]);
  });

  test('a function whose role is outside the template is not checked', () => {
    const sim = consumerSimulation({ functionExtra: { Role: 'arn:aws:iam::123456789012:role/imported' } });
    expect(findingsOf(sim, 'decoupled-sim:mapping-permission-missing')).toEqual([]);
    expect(sim.mapping('Mapping').stoppedReason).toBeUndefined();
  });

  test('a function without a Role property is not checked either', () => {
    const sim = consumerSimulation({ functionExtra: { Role: undefined } });
    expect(findingsOf(sim, 'decoupled-sim:mapping-permission-missing')).toEqual([]);
  });
});

describe('maxReceiveCount of a Lambda-consumed queue', () => {
  test('5 is enough; 4 is a warning', () => {
    expect(of({ maxReceiveCount: 5 }, 'decoupled-sim:lambda-max-receive-count-low')).toEqual([]);
    expect(of({ maxReceiveCount: 4 }, 'decoupled-sim:lambda-max-receive-count-low')).toEqual([{
      code: 'decoupled-sim:lambda-max-receive-count-low', severity: 'warning', resources: ['Queue', 'Consumer'],
      message: 'Queue is consumed by Consumer with maxReceiveCount 4: receives of throttled batches count too, so messages can reach the DLQ without ever being processed',
      fix: 'Set maxReceiveCount to at least 5.',
    }]);
  });

  test('a queue without a redrive policy: the DLQ warning, whole', () => {
    const template = consumerTemplate() as { Resources: Record<string, { Properties: Record<string, unknown> }> };
    delete template.Resources.Queue.Properties.RedrivePolicy;
    expect(findingsOf(Simulation.fromTemplate(template as never), 'decoupled-sim:lambda-queue-without-dlq')).toEqual([{
      code: 'decoupled-sim:lambda-queue-without-dlq', severity: 'warning', resources: ['Queue', 'Consumer'],
      message: 'Queue has no redrive policy: a message Consumer always fails is retried until the retention period ends, at every visibility timeout',
      fix: 'Give the queue a dead-letter queue (RedrivePolicy with maxReceiveCount 5 or more).',
    }]);
  });
});

describe('reserved concurrency against MaximumConcurrency', () => {
  test('a reservation below it is a warning, whole; equal is not; no reservation is not', () => {
    expect(of({ reservedConcurrency: 4, maximumConcurrency: 5 }, 'decoupled-sim:reserved-below-maximum-concurrency')).toEqual([{
      code: 'decoupled-sim:reserved-below-maximum-concurrency', severity: 'warning', resources: ['Consumer'],
      message: 'Consumer reserves 4 concurrent executions but its event source mappings may run 5 batches at once: the excess is throttled, and each throttled batch\'s messages return to the queue with a receive counted',
      fix: 'Reserve at least 5, or lower MaximumConcurrency to 4.',
    }]);
    expect(of({ reservedConcurrency: 5, maximumConcurrency: 5 }, 'decoupled-sim:reserved-below-maximum-concurrency')).toEqual([]);
    expect(of({ maximumConcurrency: 5 }, 'decoupled-sim:reserved-below-maximum-concurrency')).toEqual([]);
    expect(of({ reservedConcurrency: 1 }, 'decoupled-sim:reserved-below-maximum-concurrency')).toEqual([]);
  });
});

describe('mapping settings Lambda rejects, at each limit and one past it', () => {
  const problems = (o: ConsumerTemplateOptions) => of(o, REJECTED).map((f) => f.message.replace('Lambda rejects the event source mapping Mapping: ', ''));

  test('the whole finding', () => {
    expect(of({ batchSize: 0 }, REJECTED)).toEqual([{
      code: REJECTED, severity: 'error', resources: ['Mapping', 'Queue'],
      message: 'Lambda rejects the event source mapping Mapping: BatchSize 0 is outside 1–10000 for a standard queue',
      fix: 'Change the mapping\'s settings to values Lambda accepts for this queue type (the simulator runs them as given).',
    }]);
  });

  test('BatchSize: 1 and 10 without a window, 11 needs one; 10,000 with a window, 10,001 not', () => {
    expect(problems({ batchSize: 1 })).toEqual([]);
    expect(problems({ batchSize: 10 })).toEqual([]);
    expect(problems({ batchSize: 11 })).toEqual(['BatchSize 11 above 10 needs MaximumBatchingWindowInSeconds of at least 1']);
    expect(problems({ batchSize: 11, batchingWindow: 1 })).toEqual([]);
    expect(problems({ batchSize: 10_000, batchingWindow: 1 })).toEqual([]);
    expect(problems({ batchSize: 10_001, batchingWindow: 1 })).toEqual(['BatchSize 10001 is outside 1–10000 for a standard queue']);
  });

  test('FIFO: 10 is the most, 11 is outside, and no window at all', () => {
    expect(problems({ fifo: true, batchSize: 10 })).toEqual([]);
    expect(problems({ fifo: true, batchSize: 11 })).toEqual(['BatchSize 11 is outside 1–10 for a FIFO queue']);
    expect(problems({ fifo: true, batchSize: 0 })).toEqual(['BatchSize 0 is outside 1–10 for a FIFO queue']);
  });

  test('MaximumBatchingWindowInSeconds: 300 is the most, 301 is above', () => {
    expect(problems({ batchingWindow: 300 })).toEqual([]);
    expect(problems({ batchingWindow: 301 })).toEqual(['MaximumBatchingWindowInSeconds 301 is above 300']);
  });

  test('MaximumConcurrency: 2 to 1,000, and 1,001 is outside', () => {
    expect(problems({ maximumConcurrency: 2 })).toEqual([]);
    expect(problems({ maximumConcurrency: 1_000 })).toEqual([]);
    expect(problems({ maximumConcurrency: 1_001 })).toEqual(['MaximumConcurrency 1001 is outside 2–1000']);
  });

  test('several problems are several findings', () => {
    expect(problems({ fifo: true, batchSize: 20, batchingWindow: 5, maximumConcurrency: 1 })).toEqual([
      'BatchSize 20 is outside 1–10 for a FIFO queue',
      'a FIFO queue takes no MaximumBatchingWindowInSeconds',
      'MaximumConcurrency 1 is outside 2–1000',
    ]);
  });
});

describe('mappings the simulator does not run', () => {
  test('a mapping to a function not in the template is a warning, whole, and asking for it says why', () => {
    // GIVEN a mapping naming an imported function
    const template = consumerTemplate() as { Resources: Record<string, { Properties: Record<string, unknown> }> };
    template.Resources.Mapping.Properties.FunctionName = 'arn:aws:lambda:us-east-1:123456789012:function:elsewhere';
    const sim = Simulation.fromTemplate(template as never);
    expect(findingsOf(sim, 'decoupled-sim:mapping-not-simulated')).toEqual([{
      code: 'decoupled-sim:mapping-not-simulated', severity: 'warning', resources: ['Mapping'],
      message: 'the event source mapping Mapping is not simulated: the function arn:aws:lambda:us-east-1:123456789012:function:elsewhere is not in the template',
      fix: 'Simulate the stack that owns the event source as well, or invoke the function directly (sim.invokeAsync) to play its events.',
    }]);
    expect(() => sim.mapping('Mapping')).toThrow(new Error('Mapping is not simulated: the function arn:aws:lambda:us-east-1:123456789012:function:elsewhere is not in the template'));
    // AND no check about the queue and the function runs for it
    expect(sim.findings().map((f) => f.code)).toEqual(['decoupled-sim:mapping-not-simulated']);
  });
});
