import { Stack, Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/** A rule acknowledged on one construct, with its reason, as `Validations.acknowledge` recorded it. */
export interface RecordedAcknowledgement {
  /** The rule id (`Serverless-SQSRedrivePolicy`, `AwsSolutions-IAM5[Resource::*]`). */
  readonly rule: string;
  /** The construct path below the stack. */
  readonly path: string;
  readonly reason: string;
}

/** Every acknowledgement recorded in a stack's construct tree (the `aws:cdk:acknowledged-rules` metadata). */
export function recordedAcknowledgements(stack: Stack): RecordedAcknowledgement[] {
  const prefix = `${stack.node.path}/`;
  return stack.node.findAll().flatMap((c: IConstruct) => c.node.metadata
    .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
    .flatMap((m) => Object.entries(m.data as Record<string, string>).map(([id, reason]) => ({
      rule: id.replace(/^[A-Za-z]+::/, ''),
      path: c.node.path.startsWith(prefix) ? c.node.path.slice(prefix.length) : c.node.path,
      reason,
    }))));
}
