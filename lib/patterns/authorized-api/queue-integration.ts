import { Duration } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { MessageValue } from './message-value';
import { ApiRoute } from './props';
import { QueueFacts } from './queue-facts';

/** The answers of a queue route: 202 with the message id; SQS refusals become 500, SQS failures 502. */
export const QUEUE_ROUTE_RESPONSES = {
  accepted: '202',
  rejected: '500',
  failed: '502',
} as const;

/** The queue route's integration, and the role API Gateway sends with. */
export interface QueueIntegration {
  readonly integration: apigateway.AwsIntegration;
  readonly role: iam.Role;
  /** The role's permissions: the method depends on it, so it is never live before the role can send. */
  readonly policy: iam.ManagedPolicy;
  readonly methodResponses: apigateway.MethodResponse[];
  /** Headers the template reads, which the method requires (400 before SQS when missing). */
  readonly requiredHeaders: string[];
}

function field(name: string, value: MessageValue): string {
  return `${name}=$util.urlEncode(${value.expression})`;
}

/**
 * The request template: SQS's query API, form-encoded, on one line (a line break would end up in the body).
 * The body is the message; the group and deduplication ids and the header attributes come from the request.
 */
export function sendMessageTemplate(route: ApiRoute, facts: QueueFacts): string {
  const parts = ['Action=SendMessage', 'MessageBody=$util.urlEncode($input.body)'];
  if (facts.fifo && route.messageGroupId) parts.push(field('MessageGroupId', route.messageGroupId));
  const dedup = route.messageDeduplicationId ?? (facts.fifo && !facts.contentBasedDeduplication ? MessageValue.requestId() : undefined);
  if (facts.fifo && dedup) parts.push(field('MessageDeduplicationId', dedup));
  (route.messageAttributes ?? []).forEach((header, i) => {
    const n = i + 1;
    parts.push(`MessageAttribute.${n}.Name=${encodeURIComponent(header)}`, `MessageAttribute.${n}.Value.DataType=String`,
      field(`MessageAttribute.${n}.Value.StringValue`, MessageValue.header(header)));
  });
  return parts.join('&');
}

/**
 * The SQS service integration of one route, through a role that may send to that queue only (and encrypt with its
 * key when it has a customer-managed one). Its permissions are in a customer-managed policy (cdk-nag IAMNoInlinePolicy).
 */
export function createQueueIntegration(scope: Construct, key: string, route: ApiRoute, queue: sqs.IQueue, facts: QueueFacts, timeout: Duration): QueueIntegration {
  const role = new iam.Role(scope, 'Role', {
    assumedBy: new iam.ServicePrincipal('apigateway.amazonaws.com'),
    description: `Lets API Gateway send the requests of ${key} to the queue`,
  });
  const statements = [new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: [queue.queueArn] })];
  if (facts.key && (facts.encryption === 'app-key' || facts.encryption === 'imported-key')) {
    // SQS generates a data key as the sender (SQS developer guide, key management: producers).
    statements.push(new iam.PolicyStatement({ actions: ['kms:GenerateDataKey', 'kms:Decrypt'], resources: [facts.key.keyArn] }));
  }
  const policy = new iam.ManagedPolicy(scope, 'Policy', {
    description: `Send to the queue of ${key}, and nothing else`,
    roles: [role],
    statements,
  });
  const jsonResponse = (body: string) => ({ 'application/json': body });
  const integration = new apigateway.AwsIntegration({
    service: 'sqs',
    region: queue.env.region,
    path: `${queue.env.account}/${queue.queueName}`,
    integrationHttpMethod: 'POST',
    options: {
      credentialsRole: role,
      timeout,
      // Only JSON bodies are sent; anything else is answered 415 instead of reaching the queue unmapped.
      passthroughBehavior: apigateway.PassthroughBehavior.NEVER,
      requestParameters: { 'integration.request.header.Content-Type': '\'application/x-www-form-urlencoded\'' },
      requestTemplates: { 'application/json': sendMessageTemplate(route, facts) },
      integrationResponses: [
        {
          statusCode: QUEUE_ROUTE_RESPONSES.accepted,
          responseTemplates: jsonResponse('{"messageId":"$input.path(\'$.SendMessageResponse.SendMessageResult.MessageId\')"}'),
        },
        {
          selectionPattern: '4\\d{2}',
          statusCode: QUEUE_ROUTE_RESPONSES.rejected,
          responseTemplates: jsonResponse('{"message":"The queue did not accept the message","requestId":"$context.requestId"}'),
        },
        {
          selectionPattern: '5\\d{2}',
          statusCode: QUEUE_ROUTE_RESPONSES.failed,
          responseTemplates: jsonResponse('{"message":"The queue could not be reached","requestId":"$context.requestId"}'),
        },
      ],
    },
  });
  const headers = [route.messageGroupId, route.messageDeduplicationId]
    .map((v) => v?.header).filter((h): h is string => h !== undefined);
  return {
    integration,
    role,
    policy,
    methodResponses: Object.values(QUEUE_ROUTE_RESPONSES).map((statusCode) => ({ statusCode })),
    requiredHeaders: [...headers, ...route.messageAttributes ?? []],
  };
}
