import * as simulator from '../../lib/simulator';

// The package entry decoupled-cdk/simulator: the values a user calls, and nothing internal (types are checked by
// the compiler where tests and examples import them).

describe('the simulator\'s public API', () => {
  test('exports the entry point and the errors a call throws, and no internals', () => {
    expect(Object.keys(simulator).sort()).toEqual([
      'AwsCallError', 'InvalidRequestError', 'Simulation', 'TemplateError',
      'burstArrivals', 'constantArrivals', 'countsFromCsv', 'diurnalArrivals', 'perMinuteCounts', 'plotRun', 'stepArrivals', 'totalArrivals',
    ]);
  });

  test('the option and result types a test names are exported', () => {
    // A compile-time check that runs: each annotation below names an exported type.
    const options: simulator.SimulationOptions = { seed: 2, trace: 'full' satisfies simulator.TraceMode };
    const sim = simulator.Simulation.fromTemplate({ Resources: { Q: { Type: 'AWS::SQS::Queue' } } } as simulator.CloudFormationTemplate, options);
    const send: simulator.SendOptions = { body: 'a' };
    sim.send('Q', send);
    const [m]: simulator.SqsReceivedMessage[] = sim.receive('Q');
    const queue: simulator.SqsQueue = sim.queue('Q');
    const findings: simulator.Finding[] = sim.findings();
    const events: simulator.TraceEvent[] = sim.events({ type: 'sqs.received' } satisfies simulator.EventQuery);
    expect([m.body, queue.counts.inFlight, findings.length, events.length]).toEqual(['a', 1, 0, 1]);
  });
});
