import { App, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { VpcFunction } from '../../lib';
import { Simulation } from '../../lib/simulator';

// Naming resources by construct path: a suffix that names two resources is an error, never a silent pick.

function twoDlqs(): { sim: Simulation; a: sqs.Queue; b: sqs.Queue } {
  const stack = new Stack(new App(), 'Refs');
  const a = new sqs.Queue(new Construct(stack, 'A'), 'Dlq');
  const b = new sqs.Queue(new Construct(stack, 'B'), 'Dlq');
  return { sim: Simulation.fromStack(stack), a, b };
}

describe('resource references', () => {
  test('an ambiguous construct-path suffix throws, listing every match', () => {
    const { sim } = twoDlqs();
    expect(() => sim.queue('Dlq')).toThrow(/'Dlq' is ambiguous: it ends the construct paths Refs\/A\/Dlq\/Resource \(ADlq\w+\), Refs\/B\/Dlq\/Resource \(BDlq\w+\)/);
  });

  test('an exact path, a unique suffix, a logical id and a construct still resolve', () => {
    const { sim, a, b } = twoDlqs();
    const aId = sim.queue(a).logicalId;
    expect(sim.queue('Refs/A/Dlq').logicalId).toBe(aId);
    expect(sim.queue('A/Dlq').logicalId).toBe(aId);
    expect(sim.queue(aId)).toBe(sim.queue(a));
    expect(sim.queue('B/Dlq')).toBe(sim.queue(b));
  });

  test('a pattern that stands for one function resolves through its defaultChild, as its function does', () => {
    const stack = new Stack(new App(), 'Refs');
    const reports = new VpcFunction(stack, 'Reports', { functionProps: { code: lambda.Code.fromInline('exports.handler = async () => 1;'), handler: 'index.handler' } });
    const sim = Simulation.fromStack(stack);
    expect(sim.lambdaFunction(reports)).toBe(sim.lambdaFunction(reports.function));
    expect(sim.lambdaFunction(reports).logicalId).toMatch(/^ReportsFunction/);
  });

  test('fails if a construct stands for no one resource, naming it', () => {
    const { sim } = twoDlqs();
    const group = new Construct(new Stack(new App(), 'Other'), 'Group');
    expect(() => sim.queue(group)).toThrow(/Other\/Group is not a resource the simulator can find/);
  });
});
