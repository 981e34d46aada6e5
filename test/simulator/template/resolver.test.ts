import { CloudFormationTemplate, Simulation, TemplateError } from '../../../lib/simulator';
import { containsUnresolved, Unresolved } from '../../../lib/simulator/template/errors';
import { queue } from '../fixtures/templates';

// Every intrinsic function the resolver knows, with its result in full, and every way a template can misuse one,
// with the whole message a user reads (logical id, property path, problem).

const LOC = { logicalId: 'Test', path: 'Value' };

function simOf(extra: Partial<CloudFormationTemplate> = {}, options: Parameters<typeof Simulation.fromTemplate>[1] = {}): Simulation {
  return Simulation.fromTemplate({
    Resources: { Q: queue('orders'), Bucket: { Type: 'AWS::S3::Bucket' } },
    Parameters: {
      Env: { Type: 'String', Default: 'prod' },
      NoDefault: { Type: 'String' },
      Ssm: { Type: 'AWS::SSM::Parameter::Value<String>', Default: '/config/name' },
    },
    Conditions: {
      IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] },
      IsDev: { 'Fn::Equals': [{ Ref: 'Env' }, 'dev'] },
      NotString: { 'Fn::Join': ['', ['a', 'b']] },
    },
    Mappings: { Sizes: { prod: { retention: 1209600 }, dev: { retention: 60 } } },
    ...extra,
  } as CloudFormationTemplate, options);
}

function resolveIn(sim: Simulation, value: unknown): unknown {
  return sim.template.resolve(value, LOC);
}

function errorOf(action: () => unknown): TemplateError {
  try {
    action();
  } catch (e) {
    expect(e).toBeInstanceOf(TemplateError);
    return e as TemplateError;
  }
  throw new Error('expected a TemplateError');
}

describe('pseudo parameters and parameters', () => {
  test('each pseudo parameter resolves to the simulated environment and stack', () => {
    // GIVEN a simulation in a China Region under a stack name of its own
    const sim = simOf({}, { stackName: 'Shop', environment: { account: '210987654321', region: 'cn-north-1', partition: 'aws-cn', urlSuffix: 'amazonaws.com.cn' } });
    // WHEN each pseudo parameter is referenced
    // THEN each names that environment
    expect(resolveIn(sim, [
      { Ref: 'AWS::AccountId' }, { Ref: 'AWS::Region' }, { Ref: 'AWS::Partition' }, { Ref: 'AWS::URLSuffix' },
      { Ref: 'AWS::StackName' }, { Ref: 'AWS::StackId' }, { Ref: 'AWS::NotificationARNs' },
    ])).toEqual([
      '210987654321', 'cn-north-1', 'aws-cn', 'amazonaws.com.cn', 'Shop',
      'arn:aws-cn:cloudformation:cn-north-1:210987654321:stack/Shop/00000000-0000-4000-8000-000000000000', [],
    ]);
  });

  test('AWS::NoValue removes the property, from an object and from a list', () => {
    const sim = simOf();
    expect(resolveIn(sim, { Keep: 'yes', Drop: { Ref: 'AWS::NoValue' }, List: ['a', { Ref: 'AWS::NoValue' }, 'b'] })).toEqual({ Keep: 'yes', List: ['a', 'b'] });
  });

  test('a property that is AWS::NoValue reads as absent', () => {
    // GIVEN a queue whose name is AWS::NoValue
    const sim = Simulation.fromTemplate({ Resources: { Q: queue('', { QueueName: { Ref: 'AWS::NoValue' } }) } } as CloudFormationTemplate, { stackName: 'Shop' });
    // THEN the property is absent and CloudFormation's generated name is used
    expect(sim.template.resource('Q')!.prop('QueueName')).toBeUndefined();
    expect(sim.template.resource('Q')!.properties).toEqual({});
    expect(sim.queue('Q').arn).toBe('arn:aws:sqs:us-east-1:123456789012:Shop-Q-ZPJ7Azr6zaxu');
  });

  test('a parameter takes the given value, else its Default; an SSM parameter or one without Default stays unresolved', () => {
    const given = simOf({}, { parameters: { Env: 'dev', Ssm: 'given-name' } });
    expect(resolveIn(given, [{ Ref: 'Env' }, { Ref: 'Ssm' }])).toEqual(['dev', 'given-name']);
    const defaults = simOf();
    expect(resolveIn(defaults, { Ref: 'Env' })).toBe('prod');
    expect(String(resolveIn(defaults, { Ref: 'Ssm' }))).toBe('<unresolved SSM parameter Ssm>');
    expect(String(resolveIn(defaults, { Ref: 'NoDefault' }))).toBe('<unresolved parameter NoDefault (no value given, no Default)>');
  });

  test('fails if Ref names nothing in the template, or is not a string', () => {
    const sim = simOf();
    expect(() => resolveIn(sim, { Ref: 'Missing' })).toThrow(new TemplateError('Test', 'Value.Ref', 'no resource or parameter named Missing'));
    expect(errorOf(() => resolveIn(sim, { Ref: ['Q'] })).message).toBe('Test.Value.Ref: Ref takes a logical id or parameter name');
  });

  test('GetAtt of a modelled type that names no attributes stays unresolved, named by resource and attribute', () => {
    const sim = Simulation.fromTemplate({ Resources: { Stage: { Type: 'AWS::ApiGateway::Stage', Properties: { StageName: 'prod', RestApiId: 'abc' } } } } as CloudFormationTemplate);
    expect(resolveIn(sim, { Ref: 'Stage' })).toBe('prod');
    expect(String(resolveIn(sim, { 'Fn::GetAtt': ['Stage', 'Whatever'] }))).toBe('<unresolved Stage.Whatever>');
  });

  test('Ref and GetAtt of a type the simulator does not model: a generated name, an unresolved attribute', () => {
    const sim = simOf({}, { stackName: 'Shop' });
    expect(resolveIn(sim, { Ref: 'Bucket' })).toBe('Shop-Bucket-MhzJGXa9ZqPp');
    expect(String(resolveIn(sim, { 'Fn::GetAtt': 'Bucket.Arn' }))).toBe('<unresolved Bucket.Arn (no model for AWS::S3::Bucket)>');
  });
});

describe('conditions', () => {
  test('a resource whose Condition is false is not created; referring to it says why', () => {
    // GIVEN a queue created only in dev, simulated in prod
    const sim = simOf({ Resources: { Q: queue('orders'), DevOnly: { ...queue('dev-only'), Condition: 'IsDev' }, ProdOnly: { ...queue('prod-only'), Condition: 'IsProd' } } });
    // THEN only the prod queue exists
    expect([...sim.template.resources.keys()]).toEqual(['Q', 'ProdOnly']);
    expect(errorOf(() => resolveIn(sim, { Ref: 'DevOnly' })).message).toBe('Test.Value.Ref: DevOnly is not created (its Condition IsDev is false)');
    expect(errorOf(() => resolveIn(sim, { 'Fn::GetAtt': ['DevOnly', 'Arn'] })).message).toBe('Test.Value.Fn::GetAtt: DevOnly is not created (its Condition IsDev is false)');
  });

  test('Fn::If picks the branch of its condition; Condition reads a condition', () => {
    const prod = simOf();
    const dev = simOf({}, { parameters: { Env: 'dev' } });
    const value = { 'Fn::If': ['IsProd', 'big', 'small'] };
    expect(resolveIn(prod, value)).toBe('big');
    expect(resolveIn(dev, value)).toBe('small');
    expect(resolveIn(prod, { Condition: 'IsDev' })).toBe(false);
    expect(resolveIn(dev, { Condition: 'IsDev' })).toBe(true);
    // A condition is evaluated once and remembered.
    expect(resolveIn(prod, [{ Condition: 'IsProd' }, { Condition: 'IsProd' }])).toEqual([true, true]);
  });

  test('Fn::And, Fn::Or, Fn::Not follow their truth tables, with "true"/"false" strings read as booleans', () => {
    const sim = simOf();
    const and = (a: unknown, b: unknown) => resolveIn(sim, { 'Fn::And': [a, b] });
    const or = (a: unknown, b: unknown) => resolveIn(sim, { 'Fn::Or': [a, b] });
    expect([and(true, true), and(true, false), and(false, true), and(false, false)]).toEqual([true, false, false, false]);
    expect([or(true, true), or(true, false), or(false, true), or(false, false)]).toEqual([true, true, true, false]);
    expect([and('true', 'true'), and('true', 'false'), or('false', 'true'), or('false', 'false')]).toEqual([true, false, true, false]);
    expect(resolveIn(sim, { 'Fn::Not': [true] })).toBe(false);
    expect(resolveIn(sim, { 'Fn::Not': ['false'] })).toBe(true);
    expect(resolveIn(sim, { 'Fn::Not': [{ Condition: 'IsDev' }] })).toBe(true);
    expect(resolveIn(sim, { 'Fn::And': [{ Condition: 'IsProd' }, { 'Fn::Not': [{ Condition: 'IsDev' }] }] })).toBe(true);
  });

  test('Fn::Equals compares whole values', () => {
    const sim = simOf();
    expect(resolveIn(sim, { 'Fn::Equals': ['a', 'a'] })).toBe(true);
    expect(resolveIn(sim, { 'Fn::Equals': ['a', 'b'] })).toBe(false);
    expect(resolveIn(sim, { 'Fn::Equals': [['a', 1], ['a', 1]] })).toBe(true);
    expect(resolveIn(sim, { 'Fn::Equals': [1, '1'] })).toBe(false);
  });

  test('fails if a condition function is misused, naming the location and the problem', () => {
    const sim = simOf();
    const messageOf = (value: unknown) => errorOf(() => resolveIn(sim, value)).message;
    expect(messageOf({ 'Fn::And': 'IsProd' })).toBe('Test.Value.Fn::And: a condition function takes a list');
    expect(messageOf({ 'Fn::Or': { Condition: 'IsProd' } })).toBe('Test.Value.Fn::Or: a condition function takes a list');
    expect(messageOf({ 'Fn::And': [true, 'yes'] })).toBe('Test.Value.Fn::And: a condition must be true or false, got "yes"');
    expect(messageOf({ 'Fn::Or': [false, 1] })).toBe('Test.Value.Fn::Or: a condition must be true or false, got 1');
    expect(messageOf({ 'Fn::Not': [true, false] })).toBe('Test.Value.Fn::Not: Fn::Not takes a list of 1');
    expect(messageOf({ 'Fn::Not': true })).toBe('Test.Value.Fn::Not: Fn::Not takes a list of 1');
    expect(messageOf({ Condition: ['IsProd'] })).toBe('Test.Value.Condition: Condition takes a name');
    expect(messageOf({ Condition: 'Nope' })).toBe('Test.Value.Condition: no condition named Nope');
    expect(messageOf({ Condition: 'NotString' })).toBe('Test.Value.Condition: condition NotString did not evaluate to true or false');
    expect(messageOf({ 'Fn::If': [['IsProd'], 'a', 'b'] })).toBe('Test.Value.Fn::If: Fn::If needs a condition name');
    expect(messageOf({ 'Fn::If': ['IsProd', 'a'] })).toBe('Test.Value.Fn::If: Fn::If takes a list of 3');
    expect(messageOf({ 'Fn::Equals': [{ Ref: 'NoDefault' }, 'x'] })).toBe('Test.Value.Fn::Equals: Fn::Equals compares a value only known at deploy time');
    expect(messageOf({ 'Fn::Equals': ['x', { Ref: 'NoDefault' }] })).toBe('Test.Value.Fn::Equals: Fn::Equals compares a value only known at deploy time');
  });

  test('fails if a resource Condition names no condition', () => {
    const build = () => simOf({ Resources: { Q: { ...queue('orders'), Condition: 'Missing' } } });
    expect(build).toThrow(new TemplateError('Q', 'Condition', 'no condition named Missing'));
  });
});

describe('Fn::FindInMap', () => {
  test('reads Mappings by map, top and second key, the keys themselves resolved', () => {
    const sim = simOf();
    expect(resolveIn(sim, { 'Fn::FindInMap': ['Sizes', { Ref: 'Env' }, 'retention'] })).toBe(1209600);
    expect(resolveIn(simOf({}, { parameters: { Env: 'dev' } }), { 'Fn::FindInMap': ['Sizes', { Ref: 'Env' }, 'retention'] })).toBe(60);
  });

  test('a key known only at deploy time makes the value unresolved', () => {
    const sim = simOf();
    expect(String(resolveIn(sim, { 'Fn::FindInMap': ['Sizes', { Ref: 'NoDefault' }, 'retention'] }))).toBe('<unresolved Fn::FindInMap with parameter NoDefault (no value given, no Default)>');
  });

  test('fails if the entry is missing, or the arguments are not three', () => {
    const sim = simOf();
    expect(errorOf(() => resolveIn(sim, { 'Fn::FindInMap': ['Sizes', 'test', 'retention'] })).message).toBe('Test.Value.Fn::FindInMap: Fn::FindInMap: no Sizes.test.retention in Mappings');
    expect(errorOf(() => resolveIn(sim, { 'Fn::FindInMap': ['Nope', 'prod', 'retention'] })).message).toBe('Test.Value.Fn::FindInMap: Fn::FindInMap: no Nope.prod.retention in Mappings');
    expect(errorOf(() => resolveIn(sim, { 'Fn::FindInMap': ['Sizes', 'prod', 'nope'] })).message).toBe('Test.Value.Fn::FindInMap: Fn::FindInMap: no Sizes.prod.nope in Mappings');
    expect(errorOf(() => resolveIn(sim, { 'Fn::FindInMap': ['Sizes', 'prod'] })).message).toBe('Test.Value.Fn::FindInMap: Fn::FindInMap takes a list of 3');
  });

  test('a template without Mappings fails the same way', () => {
    const sim = Simulation.fromTemplate({ Resources: { Q: queue('q') } } as CloudFormationTemplate);
    expect(errorOf(() => resolveIn(sim, { 'Fn::FindInMap': ['A', 'b', 'c'] })).message).toBe('Test.Value.Fn::FindInMap: Fn::FindInMap: no A.b.c in Mappings');
  });
});

describe('string functions', () => {
  test('Fn::GetAtt takes "Id.Attribute" or [Id, Attribute], the attribute name possibly resolved', () => {
    const sim = simOf();
    const arn = 'arn:aws:sqs:us-east-1:123456789012:orders';
    expect(resolveIn(sim, { 'Fn::GetAtt': 'Q.Arn' })).toBe(arn);
    expect(resolveIn(sim, { 'Fn::GetAtt': ['Q', 'Arn'] })).toBe(arn);
    expect(resolveIn(sim, { 'Fn::GetAtt': ['Q', { 'Fn::Join': ['', ['A', 'rn']] }] })).toBe(arn);
  });

  test('fails if Fn::GetAtt is not [logicalId, attribute]', () => {
    const sim = simOf();
    const expected = 'Test.Value.Fn::GetAtt: Fn::GetAtt takes [logicalId, attribute]';
    expect(errorOf(() => resolveIn(sim, { 'Fn::GetAtt': 'QArn' })).message).toBe(expected);
    expect(errorOf(() => resolveIn(sim, { 'Fn::GetAtt': ['Q'] })).message).toBe(expected);
    expect(errorOf(() => resolveIn(sim, { 'Fn::GetAtt': ['Q', 'Arn', 'x'] })).message).toBe(expected);
    expect(errorOf(() => resolveIn(sim, { 'Fn::GetAtt': ['Q', 1] })).message).toBe(expected);
    expect(errorOf(() => resolveIn(sim, { 'Fn::GetAtt': [1, 'Arn'] })).message).toBe(expected);
    expect(errorOf(() => resolveIn(sim, { 'Fn::GetAtt': { Q: 'Arn' } })).message).toBe(expected);
  });

  test('Fn::Join of an unresolved list or separator stays unresolved, naming it', () => {
    const sim = simOf();
    expect(String(resolveIn(sim, { 'Fn::Join': ['', { Ref: 'NoDefault' }] }))).toBe('<unresolved Fn::Join of parameter NoDefault (no value given, no Default)>');
    expect(String(resolveIn(sim, { 'Fn::Join': [{ Ref: 'Ssm' }, ['a', 'b']] }))).toBe('<unresolved Fn::Join containing SSM parameter Ssm>');
    expect(String(resolveIn(sim, { 'Fn::Join': ['-', ['a', { Ref: 'Ssm' }]] }))).toBe('<unresolved Fn::Join containing SSM parameter Ssm>');
  });

  test('fails if Fn::Join has no list, or an item is not a scalar', () => {
    const sim = simOf();
    expect(errorOf(() => resolveIn(sim, { 'Fn::Join': ['', 'ab'] })).message).toBe('Test.Value.Fn::Join: Fn::Join needs a list');
    expect(errorOf(() => resolveIn(sim, { 'Fn::Join': [''] })).message).toBe('Test.Value.Fn::Join: Fn::Join takes a list of 2');
    expect(errorOf(() => resolveIn(sim, { 'Fn::Join': ['', [{ a: 1 }]] })).message).toBe('Test.Value.Fn::Join: expected a string, got {"a":1}');
    expect(errorOf(() => resolveIn(sim, { 'Fn::Join': ['', [null]] })).message).toBe('Test.Value.Fn::Join: expected a string, got null');
    expect(resolveIn(sim, { 'Fn::Join': [',', [true, false, 1.5]] })).toBe('true,false,1.5');
  });

  test('Fn::Sub with variables: variables resolve, an unresolved one leaves the whole value unresolved', () => {
    const sim = simOf();
    expect(resolveIn(sim, { 'Fn::Sub': ['${Name}-${AWS::Region}', { Name: { Ref: 'Env' } }] })).toBe('prod-us-east-1');
    expect(String(resolveIn(sim, { 'Fn::Sub': ['${Name}-x', { Name: { Ref: 'Ssm' } }] }))).toBe('<unresolved Fn::Sub containing SSM parameter Ssm>');
    expect(String(resolveIn(sim, { 'Fn::Sub': '${Bucket.Arn}/*' }))).toBe('<unresolved Fn::Sub containing Bucket.Arn (no model for AWS::S3::Bucket)>');
    expect(resolveIn(sim, { 'Fn::Sub': 'no variables' })).toBe('no variables');
  });

  test('fails if Fn::Sub is not a string or [string, variables]', () => {
    const sim = simOf();
    expect(errorOf(() => resolveIn(sim, { 'Fn::Sub': [1, {}] })).message).toBe('Test.Value.Fn::Sub: Fn::Sub needs a string');
    expect(errorOf(() => resolveIn(sim, { 'Fn::Sub': ['x'] })).message).toBe('Test.Value.Fn::Sub: Fn::Sub takes a list of 2');
    expect(errorOf(() => resolveIn(sim, { 'Fn::Sub': 5 })).message).toBe('Test.Value.Fn::Sub: Fn::Sub takes a list of 2');
    const mapMessage = 'Test.Value.Fn::Sub: Fn::Sub takes a map of variables';
    expect(errorOf(() => resolveIn(sim, { 'Fn::Sub': ['x', null] })).message).toBe(mapMessage);
    expect(errorOf(() => resolveIn(sim, { 'Fn::Sub': ['x', 'y'] })).message).toBe(mapMessage);
    expect(errorOf(() => resolveIn(sim, { 'Fn::Sub': ['x', ['y']] })).message).toBe(mapMessage);
    expect(errorOf(() => resolveIn(sim, { 'Fn::Sub': ['x', { Ref: 'NoDefault' }] })).message).toBe(mapMessage);
    expect(errorOf(() => resolveIn(sim, { 'Fn::Sub': ['${V}', { V: ['a'] }] })).message).toBe('Test.Value.Fn::Sub: expected a string, got ["a"]');
  });

  test('Fn::Select: each index of the list, unresolved list or index, and the limits of the index', () => {
    const sim = simOf();
    const list = ['a', 'b', 'c'];
    expect([0, 1, 2, '2'].map((i) => resolveIn(sim, { 'Fn::Select': [i, list] }))).toEqual(['a', 'b', 'c', 'c']);
    expect(String(resolveIn(sim, { 'Fn::Select': [0, { Ref: 'NoDefault' }] }))).toBe('<unresolved Fn::Select from parameter NoDefault (no value given, no Default)>');
    expect(String(resolveIn(sim, { 'Fn::Select': [{ Ref: 'Ssm' }, list] }))).toBe('<unresolved Fn::Select at SSM parameter Ssm>');
    expect(errorOf(() => resolveIn(sim, { 'Fn::Select': [3, list] })).message).toBe('Test.Value.Fn::Select: Fn::Select index 3 is outside the list of 3');
    expect(errorOf(() => resolveIn(sim, { 'Fn::Select': [-1, list] })).message).toBe('Test.Value.Fn::Select: Fn::Select index -1 is outside the list of 3');
    expect(errorOf(() => resolveIn(sim, { 'Fn::Select': [0.5, list] })).message).toBe('Test.Value.Fn::Select: Fn::Select index 0.5 is outside the list of 3');
    expect(errorOf(() => resolveIn(sim, { 'Fn::Select': [0, 'abc'] })).message).toBe('Test.Value.Fn::Select: Fn::Select needs a list');
    expect(errorOf(() => resolveIn(sim, { 'Fn::Select': [0] })).message).toBe('Test.Value.Fn::Select: Fn::Select takes a list of 2');
  });

  test('Fn::Split splits a string on its separator; an unresolved source stays unresolved', () => {
    const sim = simOf();
    expect(resolveIn(sim, { 'Fn::Split': [',', 'a,b,,c'] })).toEqual(['a', 'b', '', 'c']);
    expect(String(resolveIn(sim, { 'Fn::Split': [',', { Ref: 'Ssm' }] }))).toBe('<unresolved Fn::Split of SSM parameter Ssm>');
    expect(errorOf(() => resolveIn(sim, { 'Fn::Split': [',', ['a']] })).message).toBe('Test.Value.Fn::Split: expected a string, got ["a"]');
  });

  test('Fn::GetAZs lists three zones of the Region given, resolved; an empty or non-string Region is the stack\'s', () => {
    const sim = simOf({}, { environment: { account: '1', region: 'ap-south-1', partition: 'aws', urlSuffix: 'amazonaws.com' } });
    expect(resolveIn(sim, { 'Fn::GetAZs': { Ref: 'AWS::Region' } })).toEqual(['ap-south-1a', 'ap-south-1b', 'ap-south-1c']);
    expect(resolveIn(sim, { 'Fn::GetAZs': 'eu-west-3' })).toEqual(['eu-west-3a', 'eu-west-3b', 'eu-west-3c']);
    expect(resolveIn(sim, { 'Fn::GetAZs': '' })).toEqual(['ap-south-1a', 'ap-south-1b', 'ap-south-1c']);
    expect(resolveIn(sim, { 'Fn::GetAZs': 5 })).toEqual(['ap-south-1a', 'ap-south-1b', 'ap-south-1c']);
  });

  test('Fn::Base64 encodes UTF-8; an unresolved value stays unresolved', () => {
    const sim = simOf();
    expect(resolveIn(sim, { 'Fn::Base64': 'héllo' })).toBe(Buffer.from('héllo', 'utf8').toString('base64'));
    expect(resolveIn(sim, { 'Fn::Base64': { 'Fn::Sub': '${AWS::Region}' } })).toBe('dXMtZWFzdC0x');
    expect(String(resolveIn(sim, { 'Fn::Base64': { Ref: 'Ssm' } }))).toBe('<unresolved SSM parameter Ssm>');
  });

  test('Fn::ImportValue and Fn::GetStackOutput are only known at deploy time, named with their arguments', () => {
    const sim = simOf();
    expect(String(resolveIn(sim, { 'Fn::ImportValue': { 'Fn::Sub': '${AWS::StackName}-Arn' } }))).toBe('<unresolved Fn::ImportValue "SimulatedStack-Arn">');
    expect(String(resolveIn(sim, { 'Fn::ImportValue': { Ref: 'Ssm' } }))).toBe('<unresolved Fn::ImportValue SSM parameter Ssm>');
    expect(String(resolveIn(sim, { 'Fn::GetStackOutput': { StackName: 'Other', OutputName: 'Arn' } }))).toBe('<unresolved Fn::GetStackOutput "Other"."Arn">');
    expect(String(resolveIn(sim, { 'Fn::GetStackOutput': null }))).toBe('<unresolved Fn::GetStackOutput undefined.undefined>');
  });

  test('fails if an intrinsic is unknown; an object with other keys is data', () => {
    const sim = simOf();
    expect(errorOf(() => resolveIn(sim, { 'Fn::Length': [1, 2] })).message).toBe('Test.Value: the intrinsic function Fn::Length is not supported by the simulator');
    expect(resolveIn(sim, { Ref: 'Q', Other: 1 })).toEqual({ Ref: 'Q', Other: 1 });
    expect(resolveIn(sim, { RefName: 'x', Conditions: ['y'] })).toEqual({ RefName: 'x', Conditions: ['y'] });
    expect(resolveIn(sim, { Nested: { Deeper: [{ Ref: 'Env' }] } })).toEqual({ Nested: { Deeper: ['prod'] } });
  });

  test('an error deep in a value names the whole path to it', () => {
    const sim = simOf();
    expect(errorOf(() => resolveIn(sim, { A: [{ B: { Ref: 'Missing' } }] })).message).toBe('Test.Value.A[0].B.Ref: no resource or parameter named Missing');
    expect(errorOf(() => sim.template.resolve({ Ref: 'Missing' }, { logicalId: 'Outputs', path: '' })).message).toBe('Outputs.Ref: no resource or parameter named Missing');
    expect(resolveIn(sim, new Unresolved('kept'))).toEqual(new Unresolved('kept'));
  });
});

describe('resource properties', () => {
  const sim = () => Simulation.fromTemplate({
    Parameters: { NoDefault: { Type: 'String' } },
    Resources: {
      R: {
        Type: 'AWS::S3::Bucket',
        Properties: {
          Name: 'n', Count: '12', Float: 2.5, Bad: 'twelve', Obj: { a: 1 }, Late: { Ref: 'NoDefault' },
          Yes: 'true', No: 'false', Bool: true, Json: '{"k":[1]}', Broken: '{k', JsonObj: { k: 2 },
        },
      },
    },
  } as CloudFormationTemplate);

  test('stringProp, numberProp and booleanProp read concrete scalars, absent ones are undefined', () => {
    const r = sim().template.resource('R')!;
    expect([r.stringProp('Name'), r.stringProp('Count'), r.stringProp('Bool'), r.stringProp('Absent')]).toEqual(['n', '12', 'true', undefined]);
    expect([r.numberProp('Count'), r.numberProp('Float'), r.numberProp('Absent')]).toEqual([12, 2.5, undefined]);
    expect([r.booleanProp('Yes'), r.booleanProp('No'), r.booleanProp('Bool'), r.booleanProp('Name'), r.booleanProp('Absent')]).toEqual([true, false, true, false, undefined]);
  });

  test('fails if a property the simulator reads is an object, unresolved, or not a number', () => {
    const r = sim().template.resource('R')!;
    expect(errorOf(() => r.stringProp('Obj')).message).toBe('R.Properties.Obj: expected a string, got {"a":1}');
    expect(errorOf(() => r.stringProp('Late')).message).toBe('R.Properties.Late: the simulator needs this value but it is only known at deploy time (parameter NoDefault (no value given, no Default))');
    expect(errorOf(() => r.numberProp('Bad')).message).toBe('R.Properties.Bad: expected a number, got "twelve"');
  });

  test('jsonProp parses a JSON string, keeps an object, and fails on broken JSON', () => {
    const r = sim().template.resource('R')!;
    expect(r.jsonProp('Json')).toEqual({ k: [1] });
    expect(r.jsonProp('JsonObj')).toEqual({ k: 2 });
    expect(r.jsonProp('Absent')).toBeUndefined();
    expect(errorOf(() => r.jsonProp('Broken')).message).toBe('R.Properties.Broken: is not valid JSON');
  });

  test('ref and getAtt of a resource answer as Ref and Fn::GetAtt do', () => {
    const s = Simulation.fromTemplate({ Resources: { Q: queue('orders') } } as CloudFormationTemplate);
    const q = s.template.resource('Q')!;
    expect(q.ref).toBe('https://sqs.us-east-1.amazonaws.com/123456789012/orders');
    expect(q.getAtt('Arn')).toBe('arn:aws:sqs:us-east-1:123456789012:orders');
    expect(errorOf(() => q.getAtt('Nope')).message).toBe('Q.Fn::GetAtt.Nope: AWS::SQS::Queue has no attribute Nope (Fn::GetAtt Q.Nope)');
    expect(s.template.ofType('AWS::SQS::Queue').map((r) => r.logicalId)).toEqual(['Q']);
    expect(s.template.ofType('AWS::SNS::Topic')).toEqual([]);
  });

  test('a template with no Resources section simulates nothing', () => {
    const s = Simulation.fromTemplate('{}');
    expect(s.template.resources.size).toBe(0);
  });
});

describe('containsUnresolved', () => {
  test('finds an unresolved part at any depth, in lists and objects', () => {
    const u = new Unresolved('x');
    expect([u, [1, u], { a: { b: [u] } }].map(containsUnresolved)).toEqual([true, true, true]);
    expect([1, 'a', null, undefined, [1, [2]], { a: { b: [3] } }].map(containsUnresolved)).toEqual([false, false, false, false, false, false]);
  });
});
