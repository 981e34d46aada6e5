import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { CloudFormationTemplate, Simulation, deploymentEnvironment } from '../../lib/simulator';
import { assemblyEnvironment } from '../../lib/simulator/assembly-environment';
import { Random } from '../../lib/simulator/random';
import { SimulationRuntime, TEST_ENVIRONMENT, formatId } from '../../lib/simulator/runtime';
import { SqsQueue } from '../../lib/simulator/services/sqs/queue';
import { Trace } from '../../lib/simulator/trace';

// The simulated account and Region, the ids and random draws every model shares, and how tests name resources.

describe('deploymentEnvironment', () => {
  test('the partition and URL suffix follow the Region; unknown parts are the test environment\'s', () => {
    expect(deploymentEnvironment(undefined, undefined)).toEqual({ account: '123456789012', region: 'us-east-1', partition: 'aws', urlSuffix: 'amazonaws.com' });
    expect(deploymentEnvironment('111111111111', 'eu-west-1')).toEqual({ account: '111111111111', region: 'eu-west-1', partition: 'aws', urlSuffix: 'amazonaws.com' });
    expect(deploymentEnvironment(undefined, 'cn-north-1')).toEqual({ account: '123456789012', region: 'cn-north-1', partition: 'aws-cn', urlSuffix: 'amazonaws.com.cn' });
    expect(deploymentEnvironment('222222222222', 'us-gov-west-1')).toEqual({ account: '222222222222', region: 'us-gov-west-1', partition: 'aws-us-gov', urlSuffix: 'amazonaws.com' });
    // Only a prefix decides: a Region merely containing "cn-" is not in China.
    expect(deploymentEnvironment(undefined, 'xcn-1').partition).toBe('aws');
    expect(deploymentEnvironment(undefined, 'xus-gov-1').partition).toBe('aws');
  });

  test('a queue\'s ARN and URL in a China Region use its partition and suffix', () => {
    const sim = Simulation.fromTemplate({ Resources: { Q: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'q' } } } } as CloudFormationTemplate,
      { environment: deploymentEnvironment('333333333333', 'cn-northwest-1') });
    expect(sim.queue('Q').arn).toBe('arn:aws-cn:sqs:cn-northwest-1:333333333333:q');
    expect(sim.queue('Q').settings.url).toBe('https://sqs.cn-northwest-1.amazonaws.com.cn/333333333333/q');
  });
});

describe('assemblyEnvironment', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'assembly-env-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  const manifest = (artifacts: unknown) => fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(artifacts === undefined ? {} : { artifacts }));

  test('reads the account and Region of the stack from manifest.json, by its stackName property or its artifact id', () => {
    manifest({
      Tree: { type: 'cdk:tree' },
      ShopArtifact: { type: 'aws:cloudformation:stack', environment: 'aws://444444444444/eu-central-1', properties: { stackName: 'Shop' } },
      Plain: { type: 'aws:cloudformation:stack', environment: 'aws://555555555555/cn-north-1' },
    });
    expect(assemblyEnvironment(dir, 'Shop')).toEqual({ account: '444444444444', region: 'eu-central-1', partition: 'aws', urlSuffix: 'amazonaws.com' });
    expect(assemblyEnvironment(dir, 'Plain')).toEqual({ account: '555555555555', region: 'cn-north-1', partition: 'aws-cn', urlSuffix: 'amazonaws.com.cn' });
    // The artifact id is not the stack's name when a stackName property says otherwise.
    expect(assemblyEnvironment(dir, 'ShopArtifact')).toEqual(TEST_ENVIRONMENT);
  });

  test('an environment-agnostic stack, a stack not in the manifest, no artifacts or no manifest: the test environment', () => {
    manifest({ Agnostic: { type: 'aws:cloudformation:stack', environment: 'aws://unknown-account/unknown-region' }, Half: { type: 'aws:cloudformation:stack', environment: 'aws://unknown-account/ap-south-1' } });
    expect(assemblyEnvironment(dir, 'Agnostic')).toEqual(TEST_ENVIRONMENT);
    expect(assemblyEnvironment(dir, 'Half')).toEqual({ ...TEST_ENVIRONMENT, region: 'ap-south-1' });
    expect(assemblyEnvironment(dir, 'Missing')).toEqual(TEST_ENVIRONMENT);
    manifest(undefined);
    expect(assemblyEnvironment(dir, 'Agnostic')).toEqual(TEST_ENVIRONMENT);
    fs.rmSync(path.join(dir, 'manifest.json'));
    expect(assemblyEnvironment(dir, 'Agnostic')).toEqual(TEST_ENVIRONMENT);
  });

  test('an artifact that is not a stack is not read, even under the stack\'s name', () => {
    manifest({ Shop: { type: 'cdk:asset-manifest', environment: 'aws://666666666666/eu-west-2' } });
    expect(assemblyEnvironment(dir, 'Shop')).toEqual(TEST_ENVIRONMENT);
  });
});

describe('ids and random draws', () => {
  test('formatId writes an id number as a UUID, in hex', () => {
    expect([formatId(1), formatId(255), formatId(0xabcdef123456)]).toEqual([
      '00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-0000000000ff', '00000000-0000-4000-8000-abcdef123456',
    ]);
  });

  test('the runtime counts ids and receipts apart, maps virtual time to epoch time, and records at the clock\'s now', () => {
    const runtime = new SimulationRuntime(1, new Trace(), TEST_ENVIRONMENT, { duplicateRate: 0, reorder: false }, 1_000_000);
    expect([runtime.nextId(), runtime.nextIdNumber(), runtime.nextReceiptNumber(), runtime.nextReceiptNumber(), runtime.formatId(9)]).toEqual([
      '00000000-0000-4000-8000-000000000001', 2, 1, 2, '00000000-0000-4000-8000-000000000009',
    ]);
    expect(runtime.epoch(500)).toBe(1_000_500);
    runtime.clock.run(42);
    runtime.record('x.happened', 'R', 'm', 'why', { k: 1 });
    expect(runtime.trace.events).toEqual([{ seq: 0, time: 42, type: 'x.happened', resource: 'R', messageId: 'm', reason: 'why', detail: { k: 1 } }]);
  });

  test('the same seed gives the same draws, in [0, 1); int stays in [0, n); chance(0) draws nothing', () => {
    const a = new Random(7);
    const b = new Random(7);
    const draws = Array.from({ length: 1000 }, () => a.next());
    expect(Array.from({ length: 1000 }, () => b.next())).toEqual(draws);
    expect(draws.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(new Set(draws).size).toBe(1000);
    expect(new Random(8).next()).not.toBe(new Random(7).next());
    // mulberry32's first draw for seed 1, so a change of generator is seen.
    expect(new Random(1).next()).toBe(0.6270739405881613);
    const ints = Array.from({ length: 500 }, () => a.int(3));
    expect(new Set(ints)).toEqual(new Set([0, 1, 2]));
    const c = new Random(5);
    const d = new Random(5);
    expect(c.chance(0)).toBe(false);
    expect(c.next()).toBe(d.next());
    expect(Array.from({ length: 20 }, () => c.chance(1))).toEqual(new Array(20).fill(true));
    const half = Array.from({ length: 1000 }, () => c.chance(0.5)).filter(Boolean).length;
    expect(half).toBeGreaterThan(400);
    expect(half).toBeLessThan(600);
  });
});

describe('naming resources', () => {
  const paths = (): CloudFormationTemplate => ({
    Resources: {
      OrdersQueue1A2B: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'orders' }, Metadata: { 'aws:cdk:path': 'Shop/Orders/Queue/Resource' } },
      OrdersDlq9F8E: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'orders-dlq' }, Metadata: { 'aws:cdk:path': 'Shop/Orders/Dlq/Resource' } },
      Topic: { Type: 'AWS::SNS::Topic', Properties: { TopicName: 'events' } },
    },
  } as CloudFormationTemplate);

  test('a path, a path without /Resource, a unique ending, a logical id, an ARN and a URL name the same queue', () => {
    const sim = Simulation.fromTemplate(paths());
    const q = sim.queue('OrdersQueue1A2B');
    for (const ref of ['Shop/Orders/Queue/Resource', 'Shop/Orders/Queue', 'Orders/Queue', 'Queue', 'arn:aws:sqs:us-east-1:123456789012:orders', 'https://sqs.us-east-1.amazonaws.com/123456789012/orders']) {
      expect(sim.queue(ref)).toBe(q);
    }
    expect(sim.model('Orders/Queue', SqsQueue)).toBe(q);
    expect(() => sim.model('Topic', SqsQueue)).toThrow(new Error('Topic is an AWS::SNS::Topic, not SqsQueue'));
  });

  test('fails if a reference names nothing, listing the nearest paths and logical ids, nearest first', () => {
    const sim = Simulation.fromTemplate(paths());
    const messageOf = (ref: string) => {
      try {
        sim.queue(ref);
      } catch (e) {
        return (e as Error).message;
      }
      return undefined;
    };
    expect(messageOf('Shop/Orders/Queu')).toBe('No resource Shop/Orders/Queu in stack SimulatedStack (expected an SQS queue); the nearest that exist: Shop/Orders/Queue (OrdersQueue1A2B), Shop/Orders/Dlq (OrdersDlq9F8E)');
    expect(messageOf('Topik')).toBe('No resource Topik in stack SimulatedStack (expected an SQS queue); the nearest that exist: Topic');
    // The limit is a third of the name, at least 2 edits: at the limit a resource is listed, one past it not.
    expect(messageOf('Tpoic')).toBe('No resource Tpoic in stack SimulatedStack (expected an SQS queue); the nearest that exist: Topic');
    expect(messageOf('Tpoix')).toBe('No resource Tpoix in stack SimulatedStack (expected an SQS queue)');
    // Equally near: in the order of their labels.
    expect(messageOf('Shop/Orders/Xxxxx')).toBe('No resource Shop/Orders/Xxxxx in stack SimulatedStack (expected an SQS queue); the nearest that exist: Shop/Orders/Dlq (OrdersDlq9F8E), Shop/Orders/Queue (OrdersQueue1A2B)');
    expect(messageOf('Completely/Different/Name')).toBe('No resource Completely/Different/Name in stack SimulatedStack (expected an SQS queue)');
    expect(messageOf('Topic')).toBe('Topic is an AWS::SNS::Topic, not an SQS queue');
  });

  test('a construct of the simulated stack resolves; one of another stack, or without a resource, fails naming it', () => {
    const app = new App();
    const shop = new Stack(app, 'Shop');
    const queue = new sqs.Queue(shop, 'Orders', { queueName: 'orders' });
    const other = new Stack(app, 'Other');
    const foreign = new sqs.Queue(other, 'Orders', { queueName: 'elsewhere' });
    const sim = Simulation.fromStack(shop);
    expect(sim.queue(queue).arn).toBe('arn:aws:sqs:us-east-1:123456789012:orders');
    expect(() => sim.queue(foreign)).toThrow(new Error('Other/Orders is in stack Other, but this simulation runs stack Shop: simulate Other (Simulation.fromStack), or name a resource of Shop'));
    const lonely = new Stack(app, 'Lonely');
    const onlyHere = new sns.Topic(lonely, 'OnlyHere');
    expect(() => sim.topic(onlyHere)).toThrow(new Error('Lonely/OnlyHere is in stack Lonely, but this simulation runs stack Shop: simulate Lonely (Simulation.fromStack), or name a resource of Shop'));
  });

  test('an imported queue is named by its ARN: found when it is in the template, an error when its ARN is a token', () => {
    const app = new App();
    const shop = new Stack(app, 'Shop');
    new sqs.Queue(shop, 'Orders', { queueName: 'orders' });
    const imported = sqs.Queue.fromQueueArn(shop, 'Imported', 'arn:aws:sqs:us-east-1:123456789012:orders');
    const sim = Simulation.fromStack(shop);
    expect(sim.queue(imported).arn).toBe('arn:aws:sqs:us-east-1:123456789012:orders');
    const tokenArn = sqs.Queue.fromQueueArn(shop, 'Tokened', shop.formatArn({ service: 'sqs', resource: 'late' }));
    expect(() => sim.queue(tokenArn)).toThrow(/^Shop\/Tokened stands for a resource whose ARN is known only at deploy time \(.+\), so it is not in the template of stack Shop: simulate the stack that owns it, or name a resource of Shop$/);
  });
});
