import { SimulatedEnvironment } from '../runtime';
import { Unresolved } from './errors';
import { generatedName, generatedSuffix, deterministicUuid } from './physical-names';

/** What a type's Ref and GetAtt need to know about one resource. */
export interface ResourceNaming {
  readonly logicalId: string;
  readonly stackName: string;
  readonly env: SimulatedEnvironment;
  /** A resolved property (naming properties such as QueueName, FifoQueue). */
  prop(name: string): unknown;
}

/**
 * How one CloudFormation type answers `Ref` and `Fn::GetAtt`, as AWS documents for that type.
 * Registered by type, like moto's backends: a new type plugs in with `registerResourceType`, no switch to edit.
 */
export interface ResourceTypeInfo {
  readonly type: string;
  ref(r: ResourceNaming): unknown;
  getAtt?(r: ResourceNaming, attribute: string): unknown;
}

const types = new Map<string, ResourceTypeInfo>();

export function registerResourceType(info: ResourceTypeInfo): void {
  types.set(info.type, info);
}

/** The naming rules of a type; types with none get the generic ones (a generated physical id, unresolved attributes). */
export function resourceType(type: string): ResourceTypeInfo {
  return types.get(type) ?? genericType(type);
}

function genericType(type: string): ResourceTypeInfo {
  return {
    type,
    ref: (r) => generatedName(r.stackName, r.logicalId, 128),
    getAtt: (r, attribute) => new Unresolved(`${r.logicalId}.${attribute} (no model for ${type})`),
  };
}

function arn(r: ResourceNaming, service: string, resource: string, region = r.env.region): string {
  return `arn:${r.env.partition}:${service}:${region}:${r.env.account}:${resource}`;
}

function queueName(r: ResourceNaming): string {
  const explicit = r.prop('QueueName');
  if (typeof explicit === 'string') return explicit;
  return generatedName(r.stackName, r.logicalId, 80, r.prop('FifoQueue') === true || r.prop('FifoQueue') === 'true');
}

function topicName(r: ResourceNaming): string {
  const explicit = r.prop('TopicName');
  if (typeof explicit === 'string') return explicit;
  return generatedName(r.stackName, r.logicalId, 256, r.prop('FifoTopic') === true || r.prop('FifoTopic') === 'true');
}

/** A queue URL as SQS builds it (the current sqs.<region>.amazonaws.com form). */
export function queueUrl(env: SimulatedEnvironment, name: string): string {
  return `https://sqs.${env.region}.${env.urlSuffix}/${env.account}/${name}`;
}

registerResourceType({
  type: 'AWS::SQS::Queue',
  ref: (r) => queueUrl(r.env, queueName(r)),
  getAtt: (r, a) => ({ Arn: arn(r, 'sqs', queueName(r)), QueueName: queueName(r), QueueUrl: queueUrl(r.env, queueName(r)) })[a],
});

registerResourceType({
  type: 'AWS::SNS::Topic',
  ref: (r) => arn(r, 'sns', topicName(r)),
  getAtt: (r, a) => ({ TopicArn: arn(r, 'sns', topicName(r)), TopicName: topicName(r) })[a],
});

registerResourceType({
  type: 'AWS::SNS::Subscription',
  ref: (r) => `${String(r.prop('TopicArn'))}:${deterministicUuid(`${r.stackName}/${r.logicalId}`)}`,
});

registerResourceType({
  type: 'AWS::KMS::Key',
  ref: (r) => deterministicUuid(`${r.stackName}/${r.logicalId}`),
  getAtt: (r, a) => ({ Arn: arn(r, 'kms', `key/${deterministicUuid(`${r.stackName}/${r.logicalId}`)}`), KeyId: deterministicUuid(`${r.stackName}/${r.logicalId}`) })[a],
});

registerResourceType({
  type: 'AWS::KMS::Alias',
  ref: (r) => r.prop('AliasName'),
});

registerResourceType({
  type: 'AWS::IAM::Role',
  ref: (r) => (typeof r.prop('RoleName') === 'string' ? r.prop('RoleName') : generatedName(r.stackName, r.logicalId, 64)),
  getAtt: (r, a) => {
    const name = typeof r.prop('RoleName') === 'string' ? String(r.prop('RoleName')) : generatedName(r.stackName, r.logicalId, 64);
    return ({ Arn: `arn:${r.env.partition}:iam::${r.env.account}:role/${name}`, RoleId: `AROA${generatedSuffix(r.stackName, r.logicalId).toUpperCase()}` })[a];
  },
});

registerResourceType({
  type: 'AWS::Lambda::Function',
  ref: (r) => (typeof r.prop('FunctionName') === 'string' ? r.prop('FunctionName') : generatedName(r.stackName, r.logicalId, 64)),
  getAtt: (r, a) => {
    const name = typeof r.prop('FunctionName') === 'string' ? String(r.prop('FunctionName')) : generatedName(r.stackName, r.logicalId, 64);
    return a === 'Arn' ? arn(r, 'lambda', `function:${name}`) : new Unresolved(`${r.logicalId}.${a}`);
  },
});
