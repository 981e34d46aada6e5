import { SimulationRuntime } from '../runtime';
import { TemplateModel, TemplateResource } from '../template';

/**
 * Any service model object. One that needs the others once all exist (a subscription needs its queue) has a
 * `link(world)` method, called after every model is created.
 */
export type LinkableModel = object;

/** Builds the model of one CloudFormation type from its resource. */
export interface ServiceModelFactory {
  readonly type: string;
  create(resource: TemplateResource, world: SimulationWorld): LinkableModel;
  /** Runs once after every model of every type exists, to connect them (redrive targets, policies, subscriptions). */
  link?(world: SimulationWorld): void;
}

const factories = new Map<string, ServiceModelFactory>();

/**
 * Plugs a service model in, keyed by CloudFormation type (moto's pattern): part 2 registers
 * `AWS::Lambda::Function` and `AWS::Lambda::EventSourceMapping` the same way, without editing a switch.
 * Types without a factory stay plain template resources.
 */
export function registerServiceModel(factory: ServiceModelFactory): void {
  factories.set(factory.type, factory);
}

/** Every model of a simulation, by logical id, plus lookups by the names resources use for each other. */
export class SimulationWorld {
  public readonly models = new Map<string, LinkableModel>();
  private readonly byArn = new Map<string, LinkableModel>();

  constructor(
    public readonly runtime: SimulationRuntime,
    public readonly template: TemplateModel,
  ) {}

  /** Builds every model with a registered factory, then links them. */
  public build(): void {
    for (const r of this.template.resources.values()) {
      const factory = factories.get(r.type);
      if (factory) this.models.set(r.logicalId, factory.create(r, this));
    }
    for (const f of factories.values()) f.link?.(this);
    for (const m of this.models.values()) (m as { link?(world: SimulationWorld): void }).link?.(this);
  }

  /** Lets a model be found by ARN (queues, topics, keys). */
  public indexArn(arn: string, model: LinkableModel): void {
    this.byArn.set(arn, model);
  }

  public byArnOf<T extends LinkableModel>(arn: string, kind: abstract new (...args: never[]) => T): T | undefined {
    const m = this.byArn.get(arn);
    return m instanceof kind ? m : undefined;
  }

  public modelOf<T extends LinkableModel>(logicalId: string, kind: abstract new (...args: never[]) => T): T | undefined {
    const m = this.models.get(logicalId);
    return m instanceof kind ? m : undefined;
  }

  public all<T extends LinkableModel>(kind: abstract new (...args: never[]) => T): T[] {
    return [...this.models.values()].filter((m): m is T => m instanceof kind);
  }

  /** Finds a model whose Ref or any GetAtt-able identity equals `value` (a URL, ARN, key id or alias). */
  public find<T extends LinkableModel>(value: string, kind: abstract new (...args: never[]) => T, identities: (m: T) => readonly string[]): T | undefined {
    return this.all(kind).find((m) => identities(m).includes(value));
  }
}
