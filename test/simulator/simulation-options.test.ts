import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CloudFormationTemplate, Simulation } from '../../lib/simulator';
import { Random } from '../../lib/simulator/random';
import { TEST_ENVIRONMENT } from '../../lib/simulator/runtime';
import { ServiceModule } from '../../lib/simulator/world/world';

// The Simulation's options, each default deciding an outcome, and its trace queries.

const TEMPLATE = {
  Resources: {
    Orders: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'orders' }, Metadata: { 'aws:cdk:path': 'Shop/Orders/Resource' } },
    Other: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'other' } },
  },
} as CloudFormationTemplate;

describe('Simulation options', () => {
  test('the defaults: seed 1, a full trace, no duplicates in send order, 2026-01-01, the test environment, SimulatedStack', () => {
    const sim = Simulation.fromTemplate(TEMPLATE);
    expect(sim.runtime.random.next()).toBe(new Random(1).next());
    expect(sim.trace.mode).toBe('full');
    expect(sim.runtime.standardQueues).toEqual({ duplicateRate: 0, reorder: false });
    expect(sim.runtime.epochMs).toBe(Date.UTC(2026, 0, 1));
    expect(sim.runtime.environment).toEqual(TEST_ENVIRONMENT);
    expect(sim.template.stackName).toBe('SimulatedStack');
    expect(sim.now).toBe(0);
  });

  test('each option given is the one used', () => {
    const environment = { account: '111111111111', region: 'eu-west-1', partition: 'aws', urlSuffix: 'amazonaws.com' };
    const sim = Simulation.fromTemplate(TEMPLATE, {
      seed: 9, trace: 'summary', standardQueues: { duplicateRate: 0.25 }, startTime: new Date('2030-05-06T07:08:09Z'), environment, stackName: 'Shop',
    });
    expect(sim.runtime.random.next()).toBe(new Random(9).next());
    expect(sim.trace.mode).toBe('summary');
    expect(sim.runtime.standardQueues).toEqual({ duplicateRate: 0.25, reorder: false });
    expect(sim.runtime.epochMs).toBe(Date.UTC(2030, 4, 6, 7, 8, 9));
    expect(sim.queue('Orders').arn).toBe('arn:aws:sqs:eu-west-1:111111111111:orders');
    expect(sim.template.stackName).toBe('Shop');
    expect(Simulation.fromTemplate(TEMPLATE, { standardQueues: { reorder: true } }).runtime.standardQueues).toEqual({ duplicateRate: 0, reorder: true });
    expect(Simulation.fromTemplate(TEMPLATE, { trace: false }).trace.mode).toBe(false);
  });

  test('a template given as JSON text is parsed', () => {
    const sim = Simulation.fromTemplate(JSON.stringify(TEMPLATE));
    expect(sim.queue('Orders').arn).toBe('arn:aws:sqs:us-east-1:123456789012:orders');
  });

  test('fails if asked for the entry points of a service that has none', () => {
    const sim = Simulation.fromTemplate(TEMPLATE);
    expect(() => sim.facade({ name: 'quiet' } as ServiceModule<unknown>)).toThrow(new Error('the quiet service has no entry points'));
    const once: ServiceModule<{ n: number }> = { name: 'counted', facade: () => ({ n: Math.random() }) };
    expect(sim.facade(once)).toBe(sim.facade(once));
  });
});

describe('Simulation.events', () => {
  test('without a query gives every event; each field narrows, resources named by path or logical id', () => {
    const sim = Simulation.fromTemplate(TEMPLATE);
    const a = sim.send('Orders', { body: 'a' });
    sim.send('Other', { body: 'b' });
    sim.receive('Orders');
    const all = sim.events();
    expect(all.map((e) => `${e.type}:${e.resource}`)).toEqual(['sqs.sent:Orders', 'sqs.sent:Other', 'sqs.received:Orders']);
    expect(sim.events({}).length).toBe(3);
    expect(sim.events({ resource: 'Shop/Orders' }).map((e) => e.type)).toEqual(['sqs.sent', 'sqs.received']);
    expect(sim.events({ resource: 'Other' }).map((e) => e.type)).toEqual(['sqs.sent']);
    expect(sim.events({ type: ['sqs.received', 'sqs.deleted'] }).map((e) => e.resource)).toEqual(['Orders']);
    expect(sim.events({ messageId: a.messageId }).map((e) => e.type)).toEqual(['sqs.sent', 'sqs.received']);
  });
});

describe('Simulation entry points that read files', () => {
  test('fails if the assembly has no template for the stack, naming the file it looked for', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'no-template-'));
    try {
      expect(() => Simulation.fromAssembly(dir, 'Shop')).toThrow(new Error(`No template for stack Shop in ${dir} (looked for ${path.join(dir, 'Shop.template.json')})`));
      // GIVEN a template and a manifest naming the stack's environment
      fs.writeFileSync(path.join(dir, 'Shop.template.json'), JSON.stringify(TEMPLATE));
      fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ artifacts: { Shop: { type: 'aws:cloudformation:stack', environment: 'aws://777777777777/eu-north-1' } } }));
      // THEN the stack is simulated in that environment, under its name
      const sim = Simulation.fromAssembly(dir, 'Shop');
      expect(sim.queue('Orders').arn).toBe('arn:aws:sqs:eu-north-1:777777777777:orders');
      expect(sim.template.stackName).toBe('Shop');
      // AND an explicit environment wins over the manifest's
      expect(Simulation.fromAssembly(dir, 'Shop', { environment: TEST_ENVIRONMENT }).queue('Orders').arn).toBe('arn:aws:sqs:us-east-1:123456789012:orders');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('fails if the template uses a transform, with the whole message', () => {
    let message: string | undefined;
    try {
      Simulation.fromTemplate({ ...TEMPLATE, Transform: ['AWS::Serverless-2016-10-31'] });
    } catch (e) {
      message = (e as Error).message;
      expect(e).toMatchObject({ name: 'TemplateError', logicalId: 'Transform', propertyPath: '' });
    }
    expect(message).toBe('Transform: the template uses the transform ["AWS::Serverless-2016-10-31"]: process it first (aws cloudformation package / sam build, or take the processed template from the deployed stack); synthesized CDK templates have none');
  });
});
