import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Duration, Stack } from 'aws-cdk-lib';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subs from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Simulation, TemplateError } from '../../../lib/simulator';
import { queue, template } from '../fixtures/templates';

// Intrinsics and entry points without a test of their own before: Fn::Select, Fn::Split, Fn::GetAZs, fromAssembly,
// and the queue model's message arrays.

describe('intrinsic functions', () => {
  test('Fn::Select of Fn::Split names a queue; its ARN and URL carry the name', () => {
    const sim = Simulation.fromTemplate(template({
      Q: queue('', { QueueName: { 'Fn::Select': [1, { 'Fn::Split': ['-', 'orders-payments-refunds'] }] } }),
    }));
    expect(sim.queue('Q').arn).toBe('arn:aws:sqs:us-east-1:123456789012:payments');
    expect(sim.queue('Q').settings.url).toMatch(/\/123456789012\/payments$/);
  });

  test('Fn::GetAZs lists the region\'s zones ("" means the stack region), and Fn::Select picks one', () => {
    const sim = Simulation.fromTemplate(template({
      Q: queue('', { QueueName: { 'Fn::Join': ['-', ['q', { 'Fn::Select': [2, { 'Fn::GetAZs': '' }] }]] } }),
    }));
    expect(sim.template.resolve({ 'Fn::GetAZs': '' }, { logicalId: 'test', path: '' })).toEqual(['us-east-1a', 'us-east-1b', 'us-east-1c']);
    expect(sim.template.resolve({ 'Fn::GetAZs': 'eu-west-1' }, { logicalId: 'test', path: '' })).toEqual(['eu-west-1a', 'eu-west-1b', 'eu-west-1c']);
    expect(sim.queue('Q').arn).toBe('arn:aws:sqs:us-east-1:123456789012:q-us-east-1c');
  });

  test('Fn::Select outside its list is a TemplateError naming where', () => {
    const build = () => Simulation.fromTemplate(template({ Q: queue('', { QueueName: { 'Fn::Select': [3, { 'Fn::Split': [',', 'a,b'] }] } }) }));
    expect(build).toThrow(TemplateError);
    expect(build).toThrow(/Q\.Properties\.QueueName\.Fn::Select: Fn::Select index 3 is outside the list of 2/);
  });
});

describe('Simulation.fromAssembly', () => {
  test('reads a synthesized cloud assembly and simulates its stack', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'decoupled-assembly-'));
    try {
      // The CDK CLI turns path metadata on; a bare App does not.
      const app = new App({ outdir, context: { 'aws:cdk:enable-path-metadata': true } });
      const stack = new Stack(app, 'Assembled');
      const topic = new sns.Topic(stack, 'Topic');
      const q = new sqs.Queue(stack, 'Queue');
      topic.addSubscription(new subs.SqsSubscription(q, { rawMessageDelivery: true }));
      app.synth();
      const sim = Simulation.fromAssembly(outdir, 'Assembled');
      const [topicId] = Object.keys(sim.template.template.Resources ?? {}).filter((id) => sim.template.resource(id)!.type === 'AWS::SNS::Topic');
      const [queueId] = Object.keys(sim.template.template.Resources ?? {}).filter((id) => sim.template.resource(id)!.type === 'AWS::SQS::Queue');
      sim.publish(topicId, { message: 'from the assembly' });
      expect(sim.receive(queueId).map((m) => m.body)).toEqual(['from the assembly']);
      // Construct paths come from the template's aws:cdk:path metadata.
      expect(sim.queue('Assembled/Queue').logicalId).toBe(queueId);
      expect(() => Simulation.fromAssembly(outdir, 'Missing')).toThrow(/No template for stack Missing/);
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });
});

describe('Simulation.fromStack', () => {
  test('takes the account, Region and partition a stack\'s env sets (its ARNs are written with them), else the test environment\'s', () => {
    const arnIn = (env?: { account: string; region: string }) => {
      const stack = new Stack(new App(), 'Env', { env });
      new sqs.Queue(stack, 'Q', { queueName: 'jobs' });
      return Simulation.fromStack(stack).queue('Q').arn;
    };
    expect(arnIn({ account: '111111111111', region: 'eu-west-1' })).toBe('arn:aws:sqs:eu-west-1:111111111111:jobs');
    expect(arnIn()).toBe('arn:aws:sqs:us-east-1:123456789012:jobs');
  });
});

describe('queue model arrays', () => {
  test('visible, inFlight and delayed hold the messages in each state', () => {
    const sim = Simulation.fromTemplate(template({ Q: queue('q') }));
    sim.send('Q', { body: 'now' });
    sim.send('Q', { body: 'soon' });
    sim.send('Q', { body: 'later', delay: Duration.seconds(60) });
    sim.receive('Q', { maxMessages: 1 });
    const q = sim.queue('Q');
    expect(q.inFlight.map((m) => m.body)).toEqual(['now']);
    expect(q.visible.map((m) => m.body)).toEqual(['soon']);
    expect(q.delayed.map((m) => m.body)).toEqual(['later']);
    sim.advance(Duration.seconds(60));
    expect(q.delayed).toEqual([]);
    expect(q.visible.map((m) => m.body).sort()).toEqual(['later', 'now', 'soon']);
    expect(q.inFlight).toEqual([]);
  });
});
