/**
 * The AWS Control Tower proactive controls the example stacks still fail, each with why and what removes it.
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

const DLQS = [
  'QueueConsumerExample/Payments/DeadLetterQueue/Resource',
  ...['billing', 'shipping', 'audit'].flatMap((s) => [
    `TopicFanOutExample/Orders/${s}/DeadLetterQueue/Resource`,
    `TopicFanOutExample/Orders/${s}/SubscriptionDeadLetterQueue/Resource`,
  ]),
  'FanOutConsumerExample/Orders/fulfilment/DeadLetterQueue/Resource',
  'FanOutConsumerExample/Orders/fulfilment/SubscriptionDeadLetterQueue/Resource',
  ...['balances', 'statements'].flatMap((s) => [
    `TopicFanOutFifoExample/Ledger/${s}/DeadLetterQueue/Resource`,
    `TopicFanOutFifoExample/Ledger/${s}/SubscriptionDeadLetterQueue/Resource`,
  ]),
];

export const KNOWN_CONTROL_TOWER_FAILURES: readonly KnownControlTowerFailure[] = [
  {
    rule: 'sqs_dlq_check',
    reason: 'CT.SQS.PR.1: a queue needs a RedrivePolicy, or, being a dead-letter queue, a RedriveAllowPolicy (allowAll or byQueue). '
      + 'The dead-letter queues and the subscription dead-letter queues have neither, so any queue of the account may name them as its DLQ.',
    until: 'issue 16 phase B: each pattern gives its DLQ a RedriveAllowPolicy byQueue naming only its source queue',
    paths: DLQS,
  },
  {
    rule: 'lambda_inside_vpc_check',
    reason: 'CT.LAMBDA.PR.3: a function must be in a customer-managed VPC. The QueueConsumer example function and the fan-out\'s '
      + 'consumer need no network but SQS, which they reach through the event source mapping, so the user chose not to put them in a VPC.',
    until: 'allowed: the function is in no VPC by the user\'s choice; it goes once QueueConsumer takes a VPC and the example gives it one',
    paths: ['QueueConsumerExample/Payments/Function/Resource', 'FanOutConsumerExample/Orders/fulfilment/Consumer/Function/Resource'],
  },
];
