import { IPolicyValidationPlugin, PolicyValidationPluginReport, Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * cdk-nag is an optional peer dependency, loaded only when a pack is asked for: the constructs never
 * need it (they acknowledge rules through aws-cdk-lib's own `Validations`), it costs about 0.2 s to load,
 * and an app that already uses cdk-nag must run its own copy, not a second one.
 */
function loadCdkNag(): typeof import('cdk-nag') {
  try {
    return require('cdk-nag') as typeof import('cdk-nag');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'MODULE_NOT_FOUND' || !String(e).includes('\'cdk-nag\'')) throw e;
    throw new Error('applyNagPacks and nagFindings need cdk-nag, an optional peer dependency of decoupled-cdk: run `npm install --save-dev cdk-nag@^3`.');
  }
}

/**
 * The options of the cdk-nag packs (cdk-nag's `NagPackProps`), written out here: cdk-nag is an optional peer,
 * and the package's declarations must type-check in an app that does not install it.
 */
export interface NagPackOptions {
  /**
   * Whether cdk-nag adds its extended explanation to each finding.
   * @default false
   */
  readonly verbose?: boolean;
  /**
   * Whether cdk-nag also writes the acknowledged rules into each resource's CloudFormation Metadata
   * (`cdk_nag.rules_to_suppress`), as cdk-nag 2 did, for audit tools that read it.
   * @default false
   */
  readonly writeSuppressionsToCloudFormation?: boolean;
}

/**
 * A cdk-nag pack as the helpers return it: a validation plugin of aws-cdk-lib (what `Validations.of(app).addPlugins`
 * takes) that can also check a construct tree directly. cdk-nag's `NagPack` is one; the type is ours so that the
 * declarations do not name cdk-nag.
 */
export interface NagPackPlugin extends IPolicyValidationPlugin {
  /** The pack's name, as its rule ids start (`AwsSolutions`). */
  readonly readPackName: string;
  /** Checks every resource under `scope` and reports what breaks a rule that is not acknowledged. */
  validateScope(scope: IConstruct): PolicyValidationPluginReport;
}

/** One cdk-nag rule that a resource breaks. */
export interface NagFinding {
  readonly pack: string;
  /** The rule id, with the finding for rules that report several (`AwsSolutions-IAM5[Resource::*]`). */
  readonly rule: string;
  readonly severity: 'error' | 'warning';
  readonly constructPath: string;
  readonly description: string;
}

/**
 * The five cdk-nag packs every Decoupled pattern passes with zero errors:
 * AwsSolutions, Serverless, NIST 800-53 R5, HIPAA Security and PCI DSS 3.2.1.
 */
export function nagPacks(scope?: IConstruct, props?: NagPackOptions): NagPackPlugin[] {
  const { AwsSolutionsChecks, HIPAASecurityChecks, NIST80053R5Checks, PCIDSS321Checks, ServerlessChecks } = loadCdkNag();
  return [
    new AwsSolutionsChecks(scope, props),
    new ServerlessChecks(scope, props),
    new NIST80053R5Checks(scope, props),
    new HIPAASecurityChecks(scope, props),
    new PCIDSS321Checks(scope, props),
  ];
}

/**
 * Registers the five packs as validation plugins of an App or Stage: `cdk synth` then fails with
 * cdk-nag's report when any resource breaks a rule that is not acknowledged.
 */
export function applyNagPacks(appOrStage: IConstruct, props?: NagPackOptions): void {
  Validations.of(appOrStage).addPlugins(...nagPacks(appOrStage, props));
}

/** Runs the five packs over a construct tree (a stack, usually) and returns what they find. */
export function nagFindings(scope: IConstruct, props?: NagPackOptions): NagFinding[] {
  return nagPacks(undefined, props).flatMap((pack) =>
    pack.validateScope(scope).violations.flatMap((violation) =>
      violation.violatingResources.map((resource) => ({
        pack: pack.readPackName,
        rule: violation.ruleName,
        severity: violation.severity === 'error' ? 'error' as const : 'warning' as const,
        constructPath: resource.constructPath ?? resource.resourceLogicalId ?? '',
        description: violation.description,
      })),
    ),
  );
}
