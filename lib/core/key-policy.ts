import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { IConstruct } from 'constructs';
import { warn } from './validation';

/**
 * The key policy statement AWS Control Tower's proactive control CT.KMS.PR.3 (`kms_create_grant_aws_service_check`)
 * requires: nobody may create a grant on the key, unless the grant is for an AWS resource (`kms:GrantIsForAWSResource`,
 * true when an integrated service such as EBS or RDS creates it for you) or the caller is an AWS service
 * (`aws:PrincipalIsAWSService`). SNS, SQS, Lambda event source mappings and CloudWatch call `kms:GenerateDataKey*` and
 * `kms:Decrypt` directly and create no grant, so the key still works for every pattern; what it stops is a principal
 * with `kms:*` handing the key's use to someone else through a grant.
 */
export function grantsForAwsResourcesOnly(): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid: 'DenyGrantsUnlessForAwsResources',
    effect: iam.Effect.DENY,
    principals: [new iam.AnyPrincipal()],
    actions: ['kms:CreateGrant'],
    resources: ['*'],
    conditions: {
      BoolIfExists: {
        'kms:GrantIsForAWSResource': 'false',
        'aws:PrincipalIsAWSService': 'false',
      },
    },
  });
}

/** Statements each key's policy did not take, so a pattern can list them all in one place. */
const notAdded = new WeakMap<kms.IKey, iam.PolicyStatement[]>();

/** The statements `addKeyStatementOrWarn` could not add to this key's policy, in the order they were tried. */
export function statementsNotAdded(key: kms.IKey): readonly iam.PolicyStatement[] {
  return notAdded.get(key) ?? [];
}

/** A statement as a user pastes it into a policy: resolved, as CloudFormation would write it. */
export function renderStatement(scope: IConstruct, statement: iam.PolicyStatement): string {
  return JSON.stringify(Stack.of(scope).resolve(statement.toStatementJson()));
}

/** Who is told, and under which code, when a key's policy cannot take a statement. */
export interface KeyStatementContext {
  /** A stable id for the warning (`decoupled:key-policy-not-editable`). */
  readonly code: string;
  /** The prop that brought the key in (`encryptionKey`, `subscribers.billing.queue`). */
  readonly prop: string;
  /** What fails at deploy or at run time without the statement. */
  readonly consequence: string;
}

/**
 * Adds a statement to a key's policy. A key imported from another app or account cannot have its policy
 * edited here: the user is warned, with the exact statement (resolved to CloudFormation) to add by hand.
 *
 * @returns whether the statement was added
 */
export function addKeyStatementOrWarn(scope: IConstruct, key: kms.IKey, statement: iam.PolicyStatement, context: KeyStatementContext): boolean {
  if (key.addToResourcePolicy(statement).statementAdded) return true;
  notAdded.set(key, [...statementsNotAdded(key), statement]);
  warn(scope, {
    code: context.code,
    prop: context.prop,
    value: key.keyArn,
    rule: `is a key whose policy cannot be edited here (imported); ${context.consequence}`,
    fix: `Add this statement to the key policy: ${renderStatement(scope, statement)}`,
  });
  return false;
}
