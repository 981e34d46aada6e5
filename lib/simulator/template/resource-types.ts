import { SimulatedEnvironment } from '../runtime';
import { TemplateError, Unresolved, isUnresolved } from './errors';
import { generatedName } from './physical-names';
import { withArticle } from '../../core/article';

/** What a type's Ref and GetAtt need to know about one resource. */
export interface ResourceNaming {
  readonly logicalId: string;
  readonly stackName: string;
  readonly env: SimulatedEnvironment;
  /** A resolved property (naming properties such as QueueName, FifoQueue). */
  prop(name: string): unknown;
}

/**
 * How one CloudFormation type answers `Ref` and `Fn::GetAtt`, as AWS documents for that type. Each service lists
 * the types it knows (`ServiceModule.resourceTypes`), like moto's backends: a new type plugs in, no switch to edit.
 */
export interface ResourceTypeInfo {
  readonly type: string;
  ref(r: ResourceNaming): unknown;
  getAtt?(r: ResourceNaming, attribute: string): unknown;
}

/** The naming rules of a type among `known`; types with none get the generic ones (a generated physical id, unresolved attributes). */
export function resourceType(known: ReadonlyMap<string, ResourceTypeInfo>, type: string): ResourceTypeInfo {
  return known.get(type) ?? genericType(type);
}

function genericType(type: string): ResourceTypeInfo {
  return {
    type,
    ref: (r) => generatedName(r.stackName, r.logicalId, 128),
    getAtt: (r, attribute) => new Unresolved(`${r.logicalId}.${attribute} (no model for ${type})`),
  };
}

/** An ARN of this stack's account and Region (or `region`). */
export function regionalArn(r: ResourceNaming, service: string, resource: string, region = r.env.region): string {
  return `arn:${r.env.partition}:${service}:${region}:${r.env.account}:${resource}`;
}

/** The explicit name property, or the name CloudFormation generates (`Stack-LogicalId-SUFFIX`, `.fifo` kept). */
export function physicalName(r: ResourceNaming, nameProperty: string, maxLength: number, fifoProperty?: string): string {
  const explicit = r.prop(nameProperty);
  if (typeof explicit === 'string') return explicit;
  // A name known only at deploy time is not replaced by a generated one: every ARN and URL would be a guess.
  if (isUnresolved(explicit)) {
    throw new TemplateError(r.logicalId, `Properties.${nameProperty}`, `the simulator needs this value but it is only known at deploy time (${explicit.description}); pass the parameter's value in the Simulation's \`parameters\`, or simulate the stack that exports it`);
  }
  const fifo = fifoProperty !== undefined && (r.prop(fifoProperty) === true || r.prop(fifoProperty) === 'true');
  return generatedName(r.stackName, r.logicalId, maxLength, fifo);
}

/** A resource type with its article, for messages: "an AWS::IAM::Role", "a Custom::Thing". */
export function aResourceOfType(type: string): string {
  return withArticle(type);
}
