/**
 * What a pattern says about itself, as data: the rules it enforces at synth and the defaults it chooses,
 * each with why. The pattern's code reads the same data it publishes, so the README, the catalog and the
 * `decoupled` command never hold a second copy of the prose.
 */

/** One synth-time rule of a pattern. */
export interface RuleDefinition {
  /** The stable code, `decoupled:<pattern>/<rule>`: errors, warnings and acknowledgements carry it. */
  readonly code: string;
  /** An error stops the synth; a warning is shown and can be acknowledged by its code. */
  readonly severity: 'error' | 'warning';
  /** What fires it, in the user's words: "the queue's visibility timeout is below 6 x the function timeout". */
  readonly fires: string;
  /** What the user changes to satisfy it. */
  readonly fix: string;
}

/** One default a pattern chooses, and why. */
export interface DefaultDefinition<T = unknown> {
  /** The prop the default applies to, as the user writes it (`functionProps.timeout`). */
  readonly prop: string;
  readonly value: T;
  /** Why this is the default. */
  readonly why: string;
  /** Where the fact behind it comes from (an AWS page, a cdk-nag rule), when it rests on one. */
  readonly source?: string;
}

/** A fixed monthly cost a pattern brings with it (keys, endpoints, NAT gateways, WAF), for the catalog. */
export interface CostNote {
  readonly item: string;
  /** The price as AWS publishes it, with its unit: `$1 per key per month`. */
  readonly price: string;
  readonly source: string;
}

/** A pattern as the catalog and the command line present it. */
export interface PatternDescription {
  /** The construct's class name. */
  readonly name: string;
  /** One sentence: what it builds. */
  readonly summary: string;
  /** When an architect should reach for it, and when not. */
  readonly chooseWhen: readonly string[];
  readonly rules: readonly RuleDefinition[];
  readonly defaults: readonly DefaultDefinition[];
  readonly costs: readonly CostNote[];
}
