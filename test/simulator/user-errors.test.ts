import { App, Stack } from 'aws-cdk-lib';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subs from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { InvalidRequestError, Simulation } from '../../lib/simulator';
import { queue, template } from './fixtures/templates';

// Errors a user can act on: what is wrong, with which value, and what to do instead.

/** Two stacks of one app, each with a queue at the same construct id (so the same logical id), and a topic in Orders. */
function twoStacks() {
  const app = new App();
  const orders = new Stack(app, 'Orders');
  const billing = new Stack(app, 'Billing');
  const intake = new Construct(orders, 'Intake');
  const ordersQueue = new sqs.Queue(intake, 'Queue');
  const billingQueue = new sqs.Queue(new Construct(billing, 'Intake'), 'Queue');
  new sqs.Queue(intake, 'Dlq');
  const topic = new sns.Topic(orders, 'Events');
  topic.addSubscription(new subs.SqsSubscription(ordersQueue, { rawMessageDelivery: true }));
  return { orders, billing, ordersQueue, billingQueue, topic };
}

describe('a construct of another stack', () => {
  const { orders, ordersQueue, billingQueue } = twoStacks();
  // The simulation is made in each test, so a simulator that fails to build fails the tests.
  let sim: Simulation;
  beforeEach(() => {
    sim = Simulation.fromStack(orders);
  });

  test('fails if a construct of another stack is passed, even when its logical id exists here: the error names both stacks', () => {
    expect(Stack.of(billingQueue).resolve((billingQueue.node.defaultChild as sqs.CfnQueue).logicalId)).toBe(Stack.of(ordersQueue).resolve((ordersQueue.node.defaultChild as sqs.CfnQueue).logicalId));
    expect(() => sim.queue(billingQueue)).toThrow('Billing/Intake/Queue is in stack Billing, but this simulation runs stack Orders: simulate Billing (Simulation.fromStack), or name a resource of Orders');
    expect(() => sim.send(billingQueue, { body: 'x' })).toThrow(/is in stack Billing, but this simulation runs stack Orders/);
  });

  test('fails if an imported construct stands for another stack\'s resource (its ARN a deploy-time reference)', () => {
    // (its own app: the import is added before the app is synthesized)
    const own = twoStacks();
    const imported = sqs.Queue.fromQueueArn(own.billing, 'Imported', own.billingQueue.queueArn);
    expect(() => Simulation.fromStack(own.orders).queue(imported)).toThrow(/Billing\/Imported stands for a resource whose ARN is known only at deploy time \(\{"Fn::GetAtt":\[.*\]\}\), so it is not in the template of stack Orders/);
  });

  test('the simulated stack\'s own construct still resolves', () => {
    expect(sim.queue(ordersQueue).logicalId).toMatch(/^IntakeQueue/);
  });
});

describe('an unknown construct path or logical id', () => {
  const { orders } = twoStacks();
  let sim: Simulation;
  beforeEach(() => {
    sim = Simulation.fromStack(orders);
  });

  test('fails listing the nearest paths that exist: a typo in the last part', () => {
    expect(() => sim.queue('Intake/Qeueu')).toThrow(/^No resource Intake\/Qeueu in stack Orders \(expected an SQS queue\); the nearest that exist: Orders\/Intake\/Queue \(IntakeQueue\w+\)/);
  });

  test('fails listing the nearest paths: a shortened path matched against path endings, then logical ids', () => {
    const error = () => sim.queue('Intake/Dql');
    expect(error).toThrow(/the nearest that exist: Orders\/Intake\/Dlq \(IntakeDlq\w+\)/);
    expect(() => sim.topic('Event')).toThrow(/the nearest that exist: Orders\/Events \(Events\w+\)/);
  });

  test('fails without a guess when nothing is near', () => {
    expect(() => sim.queue('Completely/Different/Name')).toThrow(/^No resource Completely\/Different\/Name in stack Orders \(expected an SQS queue\)$/);
  });
});

describe('malformed message attributes', () => {
  const { orders, topic, ordersQueue } = twoStacks();
  let sim: Simulation;
  beforeEach(() => {
    sim = Simulation.fromStack(orders);
  });
  const publish = (attributes: unknown) => () => sim.publish(topic, { message: 'm', attributes: attributes as never });
  const send = (attributes: unknown) => () => sim.send(ordersQueue, { body: 'm', attributes: attributes as never });

  test.each([
    ['null', { a: null }, /message attribute "a" is null; give a string, a number, a boolean/],
    ['undefined', { a: undefined }, /message attribute "a" is undefined; give/],
    ['an object of neither form', { a: { value: 'x' } }, /message attribute "a" is \{"value":"x"\}; give .*\{ Type, Value \} or \{ DataType, StringValue \| BinaryValue \}/],
    ['an unknown Type', { a: { Type: 'Strng', Value: 'x' } }, /message attribute "a" has the type "Strng", which SNS does not accept: use String, String.Array, Number, Binary/],
    ['a Value that is not a string', { a: { Type: 'Number', Value: 5 } }, /message attribute "a" has the value 5; a Number attribute's value is a string/],
    ['an empty value', { a: '' }, /message attribute "a" is empty; SNS refuses an attribute without a value/],
    ['a number that is not finite', { a: Number.NaN }, /message attribute "a" is the number NaN; a Number attribute must be finite/],
    ['an array holding an object', { a: ['x', { y: 1 }] }, /message attribute "a" is a String.Array holding \{"y":1\}/],
    ['a reserved name', { 'AWS.trace': 'x' }, /message attribute "AWS.trace" has a name SNS and SQS refuse: AWS. and Amazon. prefixes are reserved/],
    ['a name with a space', { 'event type': 'x' }, /message attribute "event type" has a name SNS and SQS refuse: 1–256 characters/],
    ['successive periods', { 'a..b': 'x' }, /no leading, trailing or successive periods/],
    ['Binary that is not base64', { a: { Type: 'Binary', Value: 'not base64!' } }, /message attribute "a" is Binary but its value is not base64/],
    ['attributes that are a list', ['a'], /attributes must be an object of attribute names to values, got \["a"\]/],
  ])('fails if a publish has %s: the simulator\'s InvalidRequestError, not a TypeError', (_, attributes, message) => {
    expect(publish(attributes)).toThrow(InvalidRequestError);
    expect(publish(attributes)).toThrow(message);
  });

  test('fails if a send has a Number attribute that is not a number, or an SNS-only type; SQS custom types are accepted', () => {
    expect(send({ n: { DataType: 'Number', StringValue: 'ten' } })).toThrow(/InvalidParameterValue: message attribute "n" is Number but its value "ten" is not a number/);
    expect(send({ n: { DataType: 'Stringy', StringValue: 'x' } })).toThrow(/has the type "Stringy", which SQS does not accept: use String, Number or Binary, optionally with a custom label/);
    send({ n: { DataType: 'Number.int', StringValue: '10' }, tags: ['a', 1, true, null] })();
    const [m] = sim.receive(ordersQueue);
    expect(m.attributes).toEqual({ n: { DataType: 'Number.int', StringValue: '10' }, tags: { DataType: 'String.Array', StringValue: '["a",1,true,null]' } });
    sim.delete(ordersQueue, m.receiptHandle);
  });

  test('bytes are a Binary attribute, sent as base64', () => {
    send({ blob: new Uint8Array([0, 255, 1]) })();
    const [m] = sim.receive(ordersQueue);
    expect(m.attributes.blob).toEqual({ DataType: 'Binary', BinaryValue: 'AP8B' });
    sim.delete(ordersQueue, m.receiptHandle);
  });
});

describe('requests SQS refuses', () => {
  test('fails with the SQS error code as an InvalidRequestError: a delay on a FIFO queue, a stale receipt handle', () => {
    const sim = Simulation.fromTemplate(template({ Q: queue('q.fifo', { ContentBasedDeduplication: true }), S: queue('s') }));
    const delayed = () => sim.send('Q', { body: 'x', groupId: 'g', delay: { toMilliseconds: () => 1000 } as never });
    expect(delayed).toThrow(InvalidRequestError);
    expect(delayed).toThrow('InvalidParameterValue: SendMessage to Q failed: FIFO queues do not support a per-message DelaySeconds; only the queue-level delay applies');
    sim.send('S', { body: 'x' });
    const [m] = sim.receive('S');
    sim.delete('S', m.receiptHandle);
    expect(() => sim.delete('S', m.receiptHandle)).toThrow(/^ReceiptHandleIsInvalid: DeleteMessage on S failed: receipt handle .* is not current/);
  });
});
