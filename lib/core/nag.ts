import { Validations } from 'aws-cdk-lib';
import type { NagPack, NagPackProps } from 'cdk-nag';
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
export function nagPacks(scope?: IConstruct, props?: NagPackProps): NagPack[] {
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
export function applyNagPacks(appOrStage: IConstruct, props?: NagPackProps): void {
  Validations.of(appOrStage).addPlugins(...nagPacks(appOrStage, props));
}

/** Runs the five packs over a construct tree (a stack, usually) and returns what they find. */
export function nagFindings(scope: IConstruct, props?: NagPackProps): NagFinding[] {
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
