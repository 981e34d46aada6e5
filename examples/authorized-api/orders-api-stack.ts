import * as path from 'path';
import { Stack, StackProps } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { AuthorizedApi, DEAD_LETTER_QUEUE_HAS_NO_REDRIVE } from '../../lib';
import { SECURE_DEFAULTS, acknowledge, createEncryptionKey, secureDeadLetterQueueProps, secureQueueProps } from '../../lib/core';
import { exampleFunction, exampleNetwork } from './example-function';

/**
 * An orders API: a Lambda TOKEN authorizer in front of every method, GET /orders/{id} answered by a function,
 * POST /orders sent straight to an SQS queue, and a public GET /health.
 */
export class OrdersApiStack extends Stack {
  public readonly api: AuthorizedApi;
  public readonly orders: sqs.Queue;

  constructor(scope: Construct, id: string, props?: StackProps) {
    // An explicit account: Control Tower's CT.LAMBDA.PR.2 accepts a Lambda permission only with a literal
    // SourceAccount, and the imported VPC belongs to one account anyway.
    super(scope, id, { env: { account: '123456789012', region: 'eu-west-1' }, ...props });
    const key = createEncryptionKey(this, 'Key', { description: 'Encrypts the orders queues and the functions\' logs' });
    const network = exampleNetwork(this);
    const handlers = path.join(__dirname, 'handlers');
    const authFn = exampleFunction(this, 'Authorizer', {
      code: lambda.Code.fromAsset(path.join(handlers, 'authorizer')), description: 'Authorizes the orders API\'s callers', network, key,
    });
    const getOrder = exampleFunction(this, 'GetOrder', {
      code: lambda.Code.fromAsset(path.join(handlers, 'orders')), description: 'Answers GET /orders/{id} and GET /health', network, key,
    });
    const deadLetters = new sqs.Queue(this, 'OrdersDeadLetterQueue', {
      ...secureDeadLetterQueueProps(key, false),
      redriveAllowPolicy: { redrivePermission: sqs.RedrivePermission.ALLOW_ALL },
    });
    acknowledge(deadLetters, DEAD_LETTER_QUEUE_HAS_NO_REDRIVE);
    this.orders = new sqs.Queue(this, 'OrdersQueue', {
      ...secureQueueProps(key, false),
      deadLetterQueue: { queue: deadLetters, maxReceiveCount: SECURE_DEFAULTS.maxReceiveCount },
    });
    const ordersQueue = this.orders;
    const health = getOrder;

    // README: authorized-api
    this.api = new AuthorizedApi(this, 'Orders', {
      authorizer: { type: 'token', function: authFn },
      routes: {
        'GET /orders/{id}': { function: getOrder },
        // API → SQS: the body is the message, no function in between; 202 with the message id.
        'POST /orders': { queue: ordersQueue, messageAttributes: ['X-Tenant-Id'] },
        // The only way to a public method: say so.
        'GET /health': { function: health, authorization: 'none' },
      },
      throttling: { rateLimit: 100, burstLimit: 200 },
    });
    // README: end
  }
}

/** The cache-safe authorizer's policy: every route of the stage, not only the one that was called. */
export function apiWideResource(methodArn: string): string {
  // README: authorizer-policy
  // arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/{VERB}/{resource}
  const [api, stage] = methodArn.split('/');
  return `${api}/${stage}/*/*`;
  // README: end
}
