/**
 * Permissions in a Lambda function's role that the Lambda service (or another AWS service) uses on the function's
 * behalf, outside the function's VPC: they need no route from its subnets. Data only (no CDK import), so the
 * pattern's grant reader and the simulator's network model read the same table.
 */
export const CALLED_OUTSIDE_THE_VPC = {
  /** Lambda creates and deletes the function's network interfaces with these. */
  networkInterfaces: {
    actions: [
      'ec2:CreateNetworkInterface', 'ec2:DescribeNetworkInterfaces', 'ec2:DescribeSubnets', 'ec2:DeleteNetworkInterface',
      'ec2:AssignPrivateIpAddresses', 'ec2:UnassignPrivateIpAddresses',
    ],
    source: 'AWS managed policy AWSLambdaVPCAccessExecutionRole; Lambda developer guide, VPC networking (AWS-FACTS §3.4)',
  },
  /** Lambda captures the function's output and sends it to its log group itself. */
  functionLogs: {
    actions: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'],
    source: 'Lambda developer guide, sending Lambda function logs to CloudWatch Logs ("Lambda automatically captures logs … and sends them")',
  },
  /**
   * The event source mapping's poller reads the source (and decrypts it), and Lambda delivers asynchronous
   * failures to the dead-letter target and destinations: all from the Lambda service.
   */
  eventSourcesAndDestinations: {
    source: 'Lambda developer guide, event source mappings and asynchronous invocation',
  },
  /**
   * SQS, SNS, S3, DynamoDB, CloudWatch Logs, Secrets Manager and Kinesis call KMS for their encrypted resources:
   * the CloudFormation types, and the property naming the key (with the L1 construct's name for it).
   */
  serviceSideEncryption: {
    resources: [
      { type: 'AWS::SQS::Queue', property: 'KmsMasterKeyId', l1Property: 'kmsMasterKeyId' },
      { type: 'AWS::SNS::Topic', property: 'KmsMasterKeyId', l1Property: 'kmsMasterKeyId' },
      { type: 'AWS::Logs::LogGroup', property: 'KmsKeyId', l1Property: 'kmsKeyId' },
      { type: 'AWS::S3::Bucket', property: 'BucketEncryption', l1Property: 'bucketEncryption' },
      { type: 'AWS::DynamoDB::Table', property: 'SSESpecification', l1Property: 'sseSpecification' },
      { type: 'AWS::DynamoDB::GlobalTable', property: 'SSESpecification', l1Property: 'sseSpecification' },
      { type: 'AWS::SecretsManager::Secret', property: 'KmsKeyId', l1Property: 'kmsKeyId' },
      { type: 'AWS::Kinesis::Stream', property: 'StreamEncryption', l1Property: 'streamEncryption' },
    ],
    source: 'SQS developer guide, key management; KMS developer guide, permissions for AWS services in key policies',
  },
  /** AWS managed policies whose statements are all of the kinds above. */
  managedPolicies: ['AWSLambdaBasicExecutionRole', 'AWSLambdaVPCAccessExecutionRole', 'AWSLambdaSQSQueueExecutionRole'],
} as const;
