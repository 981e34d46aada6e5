/**
 * The AWS Control Tower proactive controls the example stacks still fail, each with why and what removes it: only
 * CT.LAMBDA.PR.3 for the functions the user chose to keep out of a VPC (issue 16 allows it). The DLQs pass
 * CT.SQS.PR.1 with a RedriveAllowPolicy byQueue naming their source, and every key CT.KMS.PR.2 (kms:CreateGrant
 * only for an AWS resource).
 * test/examples/validators.test.ts asserts that the findings are exactly these: a new failure fails the suite,
 * and so does one that is gone (remove it here, with the change that removed it).
 */
export interface KnownControlTowerFailure {
  /** The guard rule (`sqs_dlq_check`). */
  readonly rule: string;
  /** Why the resource fails it. */
  readonly reason: string;
  /** What removes it, or why it stays. */
  readonly until: string;
  /** The construct paths of the resources that fail it. */
  readonly paths: readonly string[];
}

export const KNOWN_CONTROL_TOWER_FAILURES: readonly KnownControlTowerFailure[] = [
  {
    rule: 'lambda_inside_vpc_check',
    reason: 'CT.LAMBDA.PR.3: a function must be in a customer-managed VPC. The QueueConsumer example function and the fan-out\'s '
      + 'consumer need no network but SQS, which they reach through the event source mapping, so the user chose not to put them in a VPC.',
    until: 'allowed: the function is in no VPC by the user\'s choice; it goes once QueueConsumer takes a VPC and the example gives it one',
    paths: ['QueueConsumerExample/Payments/Function/Resource', 'FanOutConsumerExample/Orders/fulfilment/Consumer/Function/Resource'],
  },
];
