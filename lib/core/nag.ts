import { Validations } from 'aws-cdk-lib';
import {
  AwsSolutionsChecks,
  HIPAASecurityChecks,
  NIST80053R5Checks,
  NagPack,
  NagPackProps,
  PCIDSS321Checks,
  ServerlessChecks,
} from 'cdk-nag';
import { IConstruct } from 'constructs';

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
