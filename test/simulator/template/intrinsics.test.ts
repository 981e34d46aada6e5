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
  test('Fn::Join of an attribute only known at deploy time stays unresolved (a bucket ARN in a grant: `arn/*`)', () => {
    // GIVEN a policy naming `<bucket ARN>/*`: AWS::S3::Bucket has no model, so its Arn is unresolved
    const sim = Simulation.fromTemplate(template({
      B: { Type: 'AWS::S3::Bucket' },
      P: { Type: 'AWS::IAM::ManagedPolicy', Properties: { PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['B', 'Arn'] }, '/*']] } }] } } },
    }));
    // THEN the Join is an unresolved value naming what it contains, not an error
    const doc = sim.template.resource('P')!.jsonProp('PolicyDocument') as { Statement: { Resource: unknown }[] };
    expect(String(doc.Statement[0].Resource)).toBe('<unresolved Fn::Join containing B.Arn (no model for AWS::S3::Bucket)>');
  });

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

describe('Fn::Sub and Fn::Join', () => {
  let sim: Simulation;
  beforeEach(() => {
    sim = Simulation.fromTemplate(template({ Q: queue('orders') }));
  });
  const resolve = (value: unknown) => sim.template.resolve(value, { logicalId: 'Test', path: 'Value' });

  test('${!Literal} writes ${Literal} as it is, without looking it up', () => {
    expect(resolve({ 'Fn::Sub': 'echo ${!Missing} ${!AWS::Region}' })).toBe('echo ${Missing} ${AWS::Region}');
  });

  test('${Resource.Attribute} is Fn::GetAtt, ${Resource} is Ref, a variable wins over both', () => {
    expect(resolve({ 'Fn::Sub': '${Q.Arn}|${Q.QueueName}|${Q}' }))
      .toBe('arn:aws:sqs:us-east-1:123456789012:orders|orders|https://sqs.us-east-1.amazonaws.com/123456789012/orders');
    expect(resolve({ 'Fn::Sub': ['${Q.Arn}', { 'Q.Arn': 'given' }] })).toBe('given');
  });

  test('fails if ${Resource.Attribute} names an attribute the type does not have', () => {
    expect(() => resolve({ 'Fn::Sub': '${Q.Url}' })).toThrow(/Test\.Value\.Fn::Sub: AWS::SQS::Queue has no attribute Url \(Fn::GetAtt Q\.Url\)/);
  });

  test('Fn::Join keeps empty strings and zeros, with any separator', () => {
    expect(resolve({ 'Fn::Join': ['', ['a', '', 'b']] })).toBe('ab');
    expect(resolve({ 'Fn::Join': ['-', [0, '', 'x', 0]] })).toBe('0--x-0');
    expect(resolve({ 'Fn::Join': ['', []] })).toBe('');
    expect(resolve({ 'Fn::Join': [0, ['a', 'b']] })).toBe('a0b');
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
