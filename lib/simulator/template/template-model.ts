import { SimulatedEnvironment } from '../runtime';
import { TemplateError, Unresolved, isUnresolved } from './errors';
import { Location, NO_VALUE, ResolveContext, resolve } from './resolver';
import { ResourceTypeInfo, resourceType } from './resource-types';

/** A CloudFormation template as JSON. */
export interface CloudFormationTemplate {
  readonly Resources?: Record<string, { Type: string; Properties?: Record<string, unknown>; Condition?: string; Metadata?: Record<string, unknown>; DependsOn?: unknown }>;
  readonly Parameters?: Record<string, { Type: string; Default?: unknown }>;
  readonly Conditions?: Record<string, unknown>;
  readonly Mappings?: Record<string, Record<string, Record<string, unknown>>>;
  readonly Outputs?: Record<string, unknown>;
  readonly [section: string]: unknown;
}

export interface TemplateModelOptions {
  readonly stackName: string;
  readonly environment: SimulatedEnvironment;
  /** Values for template parameters; parameters without one use their Default, or stay unresolved. */
  readonly parameters?: Record<string, unknown>;
  /** Construct paths by logical id, when the template came from a CDK stack (else read from `aws:cdk:path`). */
  readonly constructPaths?: Record<string, string>;
  /** How Ref and GetAtt answer for each modelled type (the services' `resourceTypes`); others get generic names. */
  readonly resourceTypes?: readonly ResourceTypeInfo[];
}

/**
 * One resource of the template. Properties are resolved when read and cached, so a property the simulator never
 * reads (an alarm's metric math) cannot fail the simulation, while one it reads fails with its location.
 */
export class TemplateResource {
  private readonly cache = new Map<string, unknown>();

  constructor(
    private readonly model: TemplateModel,
    public readonly logicalId: string,
    public readonly type: string,
    /** The properties exactly as written in the template. */
    public readonly rawProperties: Readonly<Record<string, unknown>>,
    /** The construct path (`Stack/Orders/Topic/Resource`), when known. */
    public readonly constructPath: string | undefined,
  ) {}

  /** One property, resolved (`undefined` when absent or AWS::NoValue). */
  public prop(name: string): unknown {
    if (!this.cache.has(name)) {
      const raw = this.rawProperties[name];
      const value = raw === undefined ? undefined : resolve(raw, this.model.context, { logicalId: this.logicalId, path: `Properties.${name}` });
      this.cache.set(name, value === NO_VALUE ? undefined : value);
    }
    return this.cache.get(name);
  }

  /** Every property, resolved: for models that read a resource whole (part 2: functions, mappings, roles). */
  public get properties(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const name of Object.keys(this.rawProperties)) {
      const v = this.prop(name);
      if (v !== undefined) out[name] = v;
    }
    return out;
  }

  /** A property that must be a concrete string: an unresolved value here is an error with its location. */
  public stringProp(name: string): string | undefined {
    const v = this.prop(name);
    if (v === undefined) return undefined;
    if (isUnresolved(v)) throw new TemplateError(this.logicalId, `Properties.${name}`, `the simulator needs this value but it is only known at deploy time (${v.description})`);
    if (typeof v === 'object') throw new TemplateError(this.logicalId, `Properties.${name}`, `expected a string, got ${JSON.stringify(v)}`);
    return String(v);
  }

  /** A numeric property (CloudFormation often carries numbers as strings). */
  public numberProp(name: string): number | undefined {
    const s = this.stringProp(name);
    if (s === undefined) return undefined;
    const n = Number(s);
    if (!Number.isFinite(n)) throw new TemplateError(this.logicalId, `Properties.${name}`, `expected a number, got ${JSON.stringify(s)}`);
    return n;
  }

  public booleanProp(name: string): boolean | undefined {
    const s = this.stringProp(name);
    return s === undefined ? undefined : s === 'true';
  }

  /** A property holding JSON (a policy or filter policy), accepted as an object or as a JSON string. */
  public jsonProp(name: string): unknown {
    const v = this.prop(name);
    if (typeof v !== 'string') return v;
    try {
      return JSON.parse(v);
    } catch {
      throw new TemplateError(this.logicalId, `Properties.${name}`, 'is not valid JSON');
    }
  }

  /** What `Ref` gives for this resource. */
  public get ref(): unknown {
    return this.model.context.ref(this.logicalId, { logicalId: this.logicalId, path: 'Ref' });
  }

  /** What `Fn::GetAtt` gives for an attribute of this resource. */
  public getAtt(attribute: string): unknown {
    return this.model.context.getAtt(this.logicalId, attribute, { logicalId: this.logicalId, path: `Fn::GetAtt.${attribute}` });
  }
}

const AZ_SUFFIXES = ['a', 'b', 'c', 'd', 'e', 'f'];

/** The template, parsed: resources (those whose Condition holds), resolved on demand, with Ref and GetAtt as AWS answers them. */
export class TemplateModel {
  public readonly resources = new Map<string, TemplateResource>();
  public readonly context: ResolveContext;
  private readonly conditionCache = new Map<string, boolean>();
  private readonly types: ReadonlyMap<string, ResourceTypeInfo>;

  constructor(
    public readonly template: CloudFormationTemplate,
    public readonly options: TemplateModelOptions,
  ) {
    this.types = new Map((options.resourceTypes ?? []).map((t) => [t.type, t]));
    this.context = {
      ref: (name, loc) => this.ref(name, loc),
      getAtt: (id, attribute, loc) => this.getAtt(id, attribute, loc),
      condition: (name, loc) => this.condition(name, loc),
      mapping: (map, top, second, loc) => {
        const v = template.Mappings?.[map]?.[top]?.[second];
        if (v === undefined) throw new TemplateError(loc.logicalId, loc.path, `Fn::FindInMap: no ${map}.${top}.${second} in Mappings`);
        return v;
      },
      azs: (region) => AZ_SUFFIXES.slice(0, 3).map((s) => `${region}${s}`),
    };
    // A macro (AWS::Serverless-2016-10-31…) rewrites the template at deploy time; what it produces is unknown here.
    if (template.Transform !== undefined) {
      throw new TemplateError('Transform', '', `the template uses the transform ${JSON.stringify(template.Transform)}: process it first (aws cloudformation package / sam build, or take the processed template from the deployed stack); synthesized CDK templates have none`);
    }
    for (const [logicalId, r] of Object.entries(template.Resources ?? {})) {
      if (r.Condition !== undefined && !this.condition(r.Condition, { logicalId, path: 'Condition' })) continue;
      const path = options.constructPaths?.[logicalId] ?? (r.Metadata?.['aws:cdk:path'] as string | undefined);
      this.resources.set(logicalId, new TemplateResource(this, logicalId, r.Type, r.Properties ?? {}, path));
    }
  }

  public get stackName(): string {
    return this.options.stackName;
  }

  /** Resources of one CloudFormation type, in template order. */
  public ofType(type: string): TemplateResource[] {
    return [...this.resources.values()].filter((r) => r.type === type);
  }

  public resource(logicalId: string): TemplateResource | undefined {
    return this.resources.get(logicalId);
  }

  /** Resolves a value from anywhere in the template (an Output, a policy document). */
  public resolve(value: unknown, loc: Location): unknown {
    return resolve(value, this.context, loc);
  }

  private ref(name: string, loc: Location): unknown {
    const env = this.options.environment;
    switch (name) {
      case 'AWS::AccountId':
        return env.account;
      case 'AWS::Region':
        return env.region;
      case 'AWS::Partition':
        return env.partition;
      case 'AWS::URLSuffix':
        return env.urlSuffix;
      case 'AWS::StackName':
        return this.stackName;
      case 'AWS::StackId':
        return `arn:${env.partition}:cloudformation:${env.region}:${env.account}:stack/${this.stackName}/00000000-0000-4000-8000-000000000000`;
      case 'AWS::NotificationARNs':
        return [];
      case 'AWS::NoValue':
        return NO_VALUE;
    }
    const parameter = this.template.Parameters?.[name];
    if (parameter) {
      const given = this.options.parameters?.[name];
      if (given !== undefined) return given;
      if (parameter.Type.startsWith('AWS::SSM::Parameter::Value')) return new Unresolved(`SSM parameter ${name}`);
      return parameter.Default ?? new Unresolved(`parameter ${name} (no value given, no Default)`);
    }
    const r = this.requireResource(name, loc);
    return resourceType(this.types, r.type).ref(this.naming(r));
  }

  private getAtt(logicalId: string, attribute: string, loc: Location): unknown {
    const r = this.requireResource(logicalId, loc);
    const info = resourceType(this.types, r.type);
    const v = info.getAtt ? info.getAtt(this.naming(r), attribute) : new Unresolved(`${logicalId}.${attribute}`);
    if (v === undefined) throw new TemplateError(loc.logicalId, loc.path, `${r.type} has no attribute ${attribute} (Fn::GetAtt ${logicalId}.${attribute})`);
    return v;
  }

  private requireResource(logicalId: string, loc: Location): TemplateResource {
    const r = this.resources.get(logicalId);
    if (r) return r;
    const declared = this.template.Resources?.[logicalId];
    if (declared) return fail(loc, `${logicalId} is not created (its Condition ${declared.Condition} is false)`);
    return fail(loc, `no resource or parameter named ${logicalId}`);
  }

  private condition(name: string, loc: Location): boolean {
    const cached = this.conditionCache.get(name);
    if (cached !== undefined) return cached;
    const expr = this.template.Conditions?.[name];
    if (expr === undefined) return fail(loc, `no condition named ${name}`);
    const v = resolve(expr, this.context, { logicalId: `Conditions.${name}`, path: '' });
    if (typeof v !== 'boolean') return fail(loc, `condition ${name} did not evaluate to true or false`);
    this.conditionCache.set(name, v);
    return v;
  }

  private naming(r: TemplateResource) {
    return { logicalId: r.logicalId, stackName: this.stackName, env: this.options.environment, prop: (n: string) => r.prop(n) };
  }
}

function fail(loc: Location, problem: string): never {
  throw new TemplateError(loc.logicalId, loc.path, problem);
}

