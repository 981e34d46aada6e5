import { CloudFormationTemplate, Simulation, TemplateError } from '../../../lib/simulator';
import { deterministicUuid, generatedName, generatedSuffix } from '../../../lib/simulator/template/physical-names';
import { physicalName, regionalArn, ResourceNaming } from '../../../lib/simulator/template/resource-types';
import { TEST_ENVIRONMENT } from '../../../lib/simulator/runtime';
import { Unresolved } from '../../../lib/simulator/template/errors';

// The names CloudFormation generates, made deterministic, and the ARNs built from them.

describe('generated names', () => {
  test('the suffix is 12 characters of [A-Za-z0-9], the same for the same stack and logical id, else different', () => {
    const s = generatedSuffix('Shop', 'Queue');
    expect(s).toMatch(/^[A-Za-z0-9]{12}$/);
    expect(generatedSuffix('Shop', 'Queue')).toBe(s);
    expect(generatedSuffix('Shop', 'Queue2')).not.toBe(s);
    expect(generatedSuffix('Shop2', 'Queue')).not.toBe(s);
    // "Shop/Queue" is hashed, not "ShopQueue": the separator matters.
    expect(generatedSuffix('Sho', 'pQueue')).not.toBe(s);
  });

  test('stack-logicalId-suffix, trimmed to the maximum length, .fifo kept at the end', () => {
    const suffix = generatedSuffix('Shop', 'Queue');
    expect(generatedName('Shop', 'Queue', 80)).toBe(`Shop-Queue-${suffix}`);
    expect(generatedName('Shop', 'Queue', 80, true)).toBe(`Shop-Queue-${suffix}.fifo`);
    // Exactly the room: nothing trimmed; one less: the head loses its last character.
    const exact = `Shop-Queue-${suffix}`.length;
    expect(generatedName('Shop', 'Queue', exact)).toBe(`Shop-Queue-${suffix}`);
    expect(generatedName('Shop', 'Queue', exact - 1)).toBe(`Shop-Queu-${suffix}`);
    expect(generatedName('Shop', 'Queue', exact - 1 + 5, true)).toBe(`Shop-Queu-${suffix}.fifo`);
    expect(generatedName('Shop', 'Queue', exact + 5, true)).toBe(`Shop-Queue-${suffix}.fifo`);
    // With no room at all, one character of the head is kept.
    expect(generatedName('Shop', 'Queue', 1)).toBe(`S-${suffix}`);
  });

  test('deterministic UUIDs: version 4 and variant 8 in place, the same seed the same id', () => {
    const id = deterministicUuid('key/1');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(deterministicUuid('key/1')).toBe(id);
    expect(deterministicUuid('key/2')).not.toBe(id);
  });
});

describe('ARNs and physical names', () => {
  const naming = (props: Record<string, unknown>): ResourceNaming => ({ logicalId: 'Q', stackName: 'Shop', env: TEST_ENVIRONMENT, prop: (n) => props[n] });

  test('a regional ARN is of the stack\'s Region unless another is given', () => {
    expect(regionalArn(naming({}), 'sqs', 'orders')).toBe('arn:aws:sqs:us-east-1:123456789012:orders');
    expect(regionalArn(naming({}), 'sns', 'events', 'eu-west-1')).toBe('arn:aws:sns:eu-west-1:123456789012:events');
  });

  test('the explicit name wins; without one the generated name, .fifo when the FIFO property is true or "true"', () => {
    expect(physicalName(naming({ QueueName: 'orders' }), 'QueueName', 80, 'FifoQueue')).toBe('orders');
    expect(physicalName(naming({}), 'QueueName', 80, 'FifoQueue')).toBe(generatedName('Shop', 'Q', 80));
    expect(physicalName(naming({ FifoQueue: true }), 'QueueName', 80, 'FifoQueue')).toBe(generatedName('Shop', 'Q', 80, true));
    expect(physicalName(naming({ FifoQueue: 'true' }), 'QueueName', 80, 'FifoQueue')).toBe(generatedName('Shop', 'Q', 80, true));
    expect(physicalName(naming({ FifoQueue: 'false' }), 'QueueName', 80, 'FifoQueue')).toBe(generatedName('Shop', 'Q', 80));
    expect(physicalName(naming({ FifoQueue: true }), 'QueueName', 80)).toBe(generatedName('Shop', 'Q', 80));
  });

  test('fails if the name is known only at deploy time, saying how to give it', () => {
    const build = () => physicalName(naming({ QueueName: new Unresolved('parameter Name (no value given, no Default)') }), 'QueueName', 80);
    expect(build).toThrow(new TemplateError('Q', 'Properties.QueueName', 'the simulator needs this value but it is only known at deploy time (parameter Name (no value given, no Default)); pass the parameter\'s value in the Simulation\'s `parameters`, or simulate the stack that exports it'));
  });

  test('a FIFO queue without a name gets a generated .fifo name, in its ARN and URL', () => {
    const sim = Simulation.fromTemplate({ Resources: { Jobs: { Type: 'AWS::SQS::Queue', Properties: { FifoQueue: true } } } } as CloudFormationTemplate, { stackName: 'Shop' });
    const name = generatedName('Shop', 'Jobs', 80, true);
    expect(name.endsWith('.fifo')).toBe(true);
    expect(sim.queue('Jobs').arn).toBe(`arn:aws:sqs:us-east-1:123456789012:${name}`);
    expect(sim.queue('Jobs').settings.url).toBe(`https://sqs.us-east-1.amazonaws.com/123456789012/${name}`);
  });
});
