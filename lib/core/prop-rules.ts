/**
 * The stable codes of the rules every pattern applies to the aws-cdk-lib props it passes through
 * (`queueProps`, `functionProps`, a key's removal policy). Tests, docs and acknowledgements match on them.
 */
export const PROP_RULES = {
  /** A queue attribute outside its SQS range, or not in whole seconds/bytes. */
  queueSettingRange: 'decoupled:queue-setting-range',
  /** A queue name SQS would refuse: length, characters. */
  invalidQueueName: 'decoupled:invalid-queue-name',
  /** A queue that would be FIFO where the pattern makes standard queues, or the reverse. */
  fifoMismatch: 'decoupled:fifo-mismatch',
  maxReceiveCountRange: 'decoupled:max-receive-count-range',
  /** A dead-letter queue's RedriveAllowPolicy that SQS refuses. */
  redriveAllowPolicy: 'decoupled:redrive-allow-policy',
  /** Encryption settings that contradict each other or are silently dropped. */
  queueEncryption: 'decoupled:queue-encryption',
  /** A function setting outside its Lambda range, or not in whole seconds/MiB. */
  functionSettingRange: 'decoupled:function-setting-range',
  /** A function name, description or handler Lambda would refuse. */
  invalidFunctionName: 'decoupled:invalid-function-name',
  /** Environment variables Lambda would refuse: key, reserved key, total size. */
  invalidEnvironment: 'decoupled:invalid-environment',
  /** Dead-letter settings of a function that aws-cdk-lib refuses together. */
  functionDeadLetter: 'decoupled:function-dead-letter',
  /** Asynchronous invocation settings without a destination for the events that fail them. */
  functionAsyncDestination: 'decoupled:function-async-without-destination',
  /** `RemovalPolicy.SNAPSHOT` on a resource that has no snapshot. */
  removalPolicy: 'decoupled:removal-policy-not-supported',
  /** A setting the pattern makes itself (a dead-letter queue, its key, TLS only), given in the props it passes through. */
  patternOwnedSetting: 'decoupled:pattern-owned-setting',
  /** An AWS managed key (`alias/aws/sqs`, any `alias/aws/…`) where a service principal must use the key. */
  awsManagedKey: 'decoupled:aws-managed-key',
  /** A prop that shapes a resource the pattern makes, given next to a resource the user brings instead. */
  optionOnBroughtResource: 'decoupled:option-on-brought-resource',
} as const;
