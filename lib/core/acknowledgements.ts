import { Stack, Validations } from 'aws-cdk-lib';
import type * as iam from 'aws-cdk-lib/aws-iam';
import { IConstruct } from 'constructs';

/**
 * A cdk-nag rule that does not fit a resource of a pattern, and why. Each one is scoped to one
 * resource, carries a reason a security reviewer would accept, and is asserted in the pattern's tests.
 */
export interface NagAcknowledgement {
  /** The rule id, as cdk-nag reports it (`Serverless-SQSRedrivePolicy`). */
  readonly id: string;
  readonly reason: string;
}

/**
 * A dead-letter queue is the end of its redrive chain: a redrive policy on it would move failed
 * messages to yet another queue with the same need, without end.
 */
export const DEAD_LETTER_QUEUE_HAS_NO_REDRIVE: NagAcknowledgement = {
  id: 'Serverless-SQSRedrivePolicy',
  reason: 'This queue is a dead-letter queue, the end of its redrive chain. Its messages are kept 14 days and alarmed on; a redrive policy here would only move them to another queue that needs one too.',
};

/**
 * The rule recognises a queue as a dead-letter queue only when another queue's or a function's
 * redrive names it; an SNS subscription's RedrivePolicy is not looked at.
 */
export const SUBSCRIPTION_DEAD_LETTER_QUEUE: NagAcknowledgement = {
  id: 'AwsSolutions-SQS3',
  reason: 'This queue is the dead-letter queue of an SNS subscription (the RedrivePolicy of the AWS::SNS::Subscription), which the rule does not recognise as a DLQ use. It is alarmed on.',
};

/** One acknowledgement of `rule` per pack, with the same reason: `forPacks('LambdaDLQ', ['Serverless'], …)`. */
export function forPacks(rule: string, packs: readonly string[], reason: string): NagAcknowledgement[] {
  return packs.map((pack) => ({ id: `${pack}-${rule}`, reason }));
}

/** Records acknowledgements on one resource, through the CDK's own mechanism (`Validations.acknowledge`). */
export function acknowledge(resource: IConstruct, ...acknowledgements: NagAcknowledgement[]): void {
  for (const a of acknowledgements) Validations.of(resource).acknowledge({ id: a.id, reason: a.reason });
}

/**
 * The AwsSolutions-IAM5 acknowledgements for a statement's resources, each scoped to that one resource as
 * cdk-nag renders it in the finding (`AwsSolutions-IAM5[Resource::arn:aws:ecs:…:task/<Cluster>/*]`). The
 * rendering is cdk-nag's own, of the resolved resource, so the id follows what the feature flags make of
 * it (`arn:aws:` with @aws-cdk/core:enablePartitionLiterals and a known Region, `arn:<AWS::Partition>:` otherwise).
 */
export function wildcardAcknowledgements(scope: IConstruct, statement: iam.PolicyStatement, reason: string): NagAcknowledgement[] {
  const flattenCfnReference = nagResourceRendering();
  if (!flattenCfnReference) return [];
  return statement.resources.map((resource) => ({
    id: `AwsSolutions-IAM5[Resource::${flattenCfnReference(Stack.of(scope).resolve(resource))}]`,
    reason,
  }));
}

/**
 * cdk-nag's own rendering of a resource in a finding id, so an acknowledgement names exactly one resource.
 * cdk-nag is an optional peer: loaded only here, when a pattern is built, never when the package is
 * required; without it no pack runs, and there is nothing to acknowledge.
 */
function nagResourceRendering(): ((reference: unknown) => string) | undefined {
  try {
    return (require('cdk-nag/lib/utils/flatten-cfn-reference') as { flattenCfnReference: (reference: unknown) => string }).flattenCfnReference;
  } catch {
    return undefined;
  }
}
