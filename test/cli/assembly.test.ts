import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { assemblyStacks } from '../../lib/cli/assembly';
import { runCli } from '../../lib/cli/main';
import { Simulation, deploymentEnvironment } from '../../lib/simulator';

// A stack with an `env` is written with its account and Region as text (in the ARNs of Lambda permissions,
// API Gateway integrations); `decoupled check` must simulate it in that environment, not the test one.

function synth(env?: { account: string; region: string }): string {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'decoupled-assembly-'));
  const app = new App({ outdir });
  const stack = new Stack(app, 'Api', { env });
  const fn = new lambda.Function(stack, 'Fn', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });') });
  new apigateway.LambdaRestApi(stack, 'Rest', { handler: fn });
  app.synth();
  return outdir;
}

const silent = { write: () => true };

describe('the stacks of a cloud assembly', () => {
  const pinned = synth({ account: '111111111111', region: 'eu-west-1' });
  const agnostic = synth();
  afterAll(() => [pinned, agnostic].forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  test('carry the account and Region of a stack with an env, and none for an environment-agnostic one', () => {
    expect(assemblyStacks(pinned).map((s) => [s.account, s.region])).toEqual([['111111111111', 'eu-west-1']]);
    expect(assemblyStacks(agnostic).map((s) => [s.account, s.region])).toEqual([[undefined, undefined]]);
  });

  test('decoupled check finds the API\'s permissions in a stack pinned to another Region than the test one', async () => {
    const stdout: string[] = [];
    const code = await runCli(['check', pinned], { stdout: { write: (t: string) => stdout.push(t) }, stderr: silent, cwd: os.tmpdir() });
    expect([code, stdout.join('')]).toEqual([0, expect.stringContaining('0 errors, 0 warnings in 0 of 1 stacks.')]);
  });
});

describe('decoupled check on a stack the simulator cannot read', () => {
  test('fails with exit code 1 naming that stack, the resource and why, and still checks the other stacks', async () => {
    // GIVEN an app whose Latency stack alarms on a percentile (which the simulator refuses to guess) and a clean Jobs stack
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'decoupled-assembly-'));
    const app = new App({ outdir });
    const latency = new Stack(app, 'Latency');
    const queue = new sqs.Queue(latency, 'Work');
    new cloudwatch.Alarm(latency, 'Slow', { metric: queue.metricApproximateAgeOfOldestMessage({ statistic: 'p99' }), threshold: 60, evaluationPeriods: 1 });
    const jobs = new Stack(app, 'Jobs');
    new sqs.Queue(jobs, 'Jobs', { deadLetterQueue: { queue: new sqs.Queue(jobs, 'Dlq'), maxReceiveCount: 5 } });
    app.synth();
    try {
      // WHEN the app is checked
      const stdout: string[] = [];
      const code = await runCli(['check', outdir], { stdout: { write: (t: string) => stdout.push(t) }, stderr: silent, cwd: os.tmpdir() });
      // THEN the Latency stack has one error naming the alarm's ExtendedStatistic, and Jobs is checked
      const report = stdout.join('');
      expect(code).toBe(1);
      expect(report).toMatch(/Latency: 1 error[\s\S]*decoupled-cli:stack-not-simulated: the simulator cannot read this stack, so nothing in it was checked: Slow\w*\.Properties\.ExtendedStatistic: the percentile p99/);
      expect(report).toContain('Jobs: ');
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });
});

describe('Simulation.fromAssembly', () => {
  test('simulates a stack in the account and Region its env names, as the manifest records them', () => {
    const pinned = synth({ account: '111111111111', region: 'eu-west-1' });
    try {
      const sim = Simulation.fromAssembly(pinned, 'Api');
      expect([sim.runtime.environment.account, sim.runtime.environment.region]).toEqual(['111111111111', 'eu-west-1']);
      expect(sim.findings()).toEqual([]);
    } finally {
      fs.rmSync(pinned, { recursive: true, force: true });
    }
  });
});

describe('deploymentEnvironment', () => {
  test('takes the partition and URL suffix from the Region', () => {
    expect(deploymentEnvironment('111111111111', 'eu-west-1')).toEqual({ account: '111111111111', region: 'eu-west-1', partition: 'aws', urlSuffix: 'amazonaws.com' });
    expect(deploymentEnvironment(undefined, 'cn-north-1')).toEqual({ account: '123456789012', region: 'cn-north-1', partition: 'aws-cn', urlSuffix: 'amazonaws.com.cn' });
    expect(deploymentEnvironment(undefined, 'us-gov-west-1')).toMatchObject({ partition: 'aws-us-gov', urlSuffix: 'amazonaws.com' });
    expect(deploymentEnvironment(undefined, undefined)).toEqual({ account: '123456789012', region: 'us-east-1', partition: 'aws', urlSuffix: 'amazonaws.com' });
  });
});
