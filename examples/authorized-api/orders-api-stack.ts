import * as path from 'path';
import { Annotations, Duration, Stack, StackProps } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { AuthorizedApi, DEAD_LETTER_QUEUE_HAS_NO_REDRIVE, VPC_FUNCTION_RULES, VpcFunction } from '../../lib';
import { SECURE_DEFAULTS, acknowledge, createEncryptionKey, secureDeadLetterQueueProps, secureQueueProps } from '../../lib/core';
import { exampleNetwork } from './example-network';

/** Where the example's handlers are, one folder each. */
const HANDLERS = path.join(__dirname, 'handlers');

/**
 * An orders API: a Lambda TOKEN authorizer in front of every method, GET /orders/{id} answered by a function,
 * POST /orders sent straight to an SQS queue, and a public GET /health that checks the queue answers.
 *
 * The functions are VpcFunctions in the landing zone's private subnets: each gets its own security group with HTTPS
 * out only to the endpoints of what it is granted (the health check's SQS and every function's X-Ray).
 */
export class OrdersApiStack extends Stack {
  public readonly api: AuthorizedApi;
  public readonly orders: sqs.Queue;
  /** The authorizer, the orders function and the health check, by route. */
  public readonly functions: { readonly authorizer: VpcFunction; readonly getOrder: VpcFunction; readonly health: VpcFunction };

  constructor(scope: Construct, id: string, props?: StackProps) {
    // An explicit account: Control Tower's CT.LAMBDA.PR.2 accepts a Lambda permission only with a literal
    // SourceAccount, and the imported VPC belongs to one account anyway.
    super(scope, id, { env: { account: '123456789012', region: 'eu-west-1' }, ...props });
    const key = createEncryptionKey(this, 'Key', { description: 'Encrypts the orders queues and the functions\' logs' });
    const vpc = exampleNetwork(this);
    const deadLetters = new sqs.Queue(this, 'OrdersDeadLetterQueue', {
      ...secureDeadLetterQueueProps(key, false),
      redriveAllowPolicy: { redrivePermission: sqs.RedrivePermission.ALLOW_ALL },
    });
    acknowledge(deadLetters, DEAD_LETTER_QUEUE_HAS_NO_REDRIVE);
    this.orders = new sqs.Queue(this, 'OrdersQueue', {
      ...secureQueueProps(key, false),
      deadLetterQueue: { queue: deadLetters, maxReceiveCount: SECURE_DEFAULTS.maxReceiveCount },
    });
    this.functions = {
      authorizer: apiFunction(this, 'Authorizer', { vpc, key, handler: 'authorizer', description: 'Authorizes the orders API\'s callers' }),
      getOrder: apiFunction(this, 'GetOrder', { vpc, key, handler: 'orders', description: 'Answers GET /orders/{id}' }),
      health: apiFunction(this, 'Health', { vpc, key, handler: 'health', description: 'Answers GET /health: whether the orders queue answers' }),
    };
    // The health check reads the queue's ARN: the grant is all VpcFunction needs to add the SQS endpoint and HTTPS to it.
    this.orders.grant(this.functions.health.function, 'sqs:GetQueueAttributes');
    this.functions.health.function.addEnvironment('ORDERS_QUEUE_URL', this.orders.queueUrl);
    Annotations.of(this.functions.health).acknowledgeWarning(VPC_FUNCTION_RULES.legacyHostname.code,
      'The health handler uses the AWS SDK for JavaScript v3, which calls SQS\'s Regional hostname (sqs.<region>.amazonaws.com).');
    const authFn = this.functions.authorizer.function;
    const getOrder = this.functions.getOrder.function;
    const health = this.functions.health.function;
    const ordersQueue = this.orders;

    // README: authorized-api
    this.api = new AuthorizedApi(this, 'Orders', {
      authorizer: { type: 'token', function: authFn },
      routes: {
        'GET /orders/{id}': { function: getOrder },
        // API → SQS: the body is the message, no function in between; 202 with the message id.
        'POST /orders': { queue: ordersQueue, messageAttributes: ['X-Tenant-Id'] },
        // The only way to a public method: say so.
        'GET /health': { function: health, authorization: 'none', throttling: { rateLimit: 10, burstLimit: 20 } },
      },
      throttling: { rateLimit: 100, burstLimit: 200 },
    });
    // README: end
  }
}

/**
 * A function behind the API, in the network's private subnets: 10 s (within API Gateway's 29 s integration timeout),
 * at most 10 at once, its logs encrypted with the stack's key.
 */
function apiFunction(scope: Construct, id: string, props: { readonly vpc: ec2.IVpc; readonly key: kms.IKey; readonly handler: string; readonly description: string }): VpcFunction {
  return new VpcFunction(scope, id, {
    vpc: props.vpc,
    encryptionKey: props.key,
    functionProps: {
      code: lambda.Code.fromAsset(path.join(HANDLERS, props.handler)),
      handler: 'index.handler',
      description: props.description,
      timeout: Duration.seconds(10),
      reservedConcurrentExecutions: 10,
    },
  });
}

/** The cache-safe authorizer's policy: every route of the stage, not only the one that was called. */
export function apiWideResource(methodArn: string): string {
  // README: authorizer-policy
  // arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/{VERB}/{resource}
  const [api, stage] = methodArn.split('/');
  return `${api}/${stage}/*/*`;
  // README: end
}
