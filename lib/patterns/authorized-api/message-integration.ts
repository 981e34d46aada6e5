import { Duration } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { NagAcknowledgement, acknowledge } from '../../core';
import { MessageValue } from './message-value';
import { ApiRoute } from './props';
import { TargetFacts } from './target-facts';

/** The answers of a queue or topic route: 202 with the message id; refusals of SQS or SNS become 500, their failures 502. */
export const MESSAGE_ROUTE_RESPONSES = {
  accepted: '202',
  rejected: '500',
  failed: '502',
} as const;

/** The service integration of a queue or topic route, and the role API Gateway sends with. */
export interface MessageIntegration {
  readonly integration: apigateway.AwsIntegration;
  readonly role: iam.Role;
  /** The role's permissions: the method depends on it, so it is never live before the role can send. */
  readonly policy: iam.ManagedPolicy;
  readonly methodResponses: apigateway.MethodResponse[];
  /** Headers the template reads, which the method requires (400 before SQS or SNS is called when missing). */
  readonly requiredHeaders: string[];
}

/** Why a topic route's policy names `kms:GenerateDataKey*`, on the topic's key only. */
export const TOPIC_KEY_ACKNOWLEDGEMENTS: readonly NagAcknowledgement[] = [{
  id: 'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]',
  reason: 'Publishing to a KMS-encrypted SNS topic needs kms:GenerateDataKey* and kms:Decrypt on the topic\'s key (SNS developer '
    + 'guide, encryption at rest: AWS KMS permissions); the statement names that one key, and SNS makes the KMS call for the role.',
}];

function field(name: string, value: MessageValue): string {
  return `${name}=$util.urlEncode(${value.expression})`;
}

/** The FIFO fields of the form: the group id, and the deduplication id unless the target derives it from the body. */
function fifoFields(route: ApiRoute, facts: TargetFacts): string[] {
  if (!facts.fifo) return [];
  const parts = route.messageGroupId ? [field('MessageGroupId', route.messageGroupId)] : [];
  const dedup = route.messageDeduplicationId ?? (facts.contentBasedDeduplication ? undefined : MessageValue.requestId());
  if (dedup) parts.push(field('MessageDeduplicationId', dedup));
  return parts;
}

/** The header attributes, in the form's names for them: `MessageAttribute.1` (SQS) or `MessageAttributes.entry.1` (SNS). */
function attributeFields(route: ApiRoute, prefix: (n: number) => string): string[] {
  return (route.messageAttributes ?? []).flatMap((header, i) => [
    `${prefix(i + 1)}.Name=${encodeURIComponent(header)}`,
    `${prefix(i + 1)}.Value.DataType=String`,
    field(`${prefix(i + 1)}.Value.StringValue`, MessageValue.header(header)),
  ]);
}

/**
 * The request template of a queue route: SQS's query API, form-encoded, on one line (a line break would end up in the
 * body). The body is the message; the group and deduplication ids and the header attributes come from the request.
 */
export function sendMessageTemplate(route: ApiRoute, facts: TargetFacts): string {
  return ['Action=SendMessage', 'MessageBody=$util.urlEncode($input.body)', ...fifoFields(route, facts),
    ...attributeFields(route, (n) => `MessageAttribute.${n}`)].join('&');
}

/**
 * The request template of a topic route: SNS's Publish, form-encoded, on one line. The body is the message; header
 * attributes become message attributes, which subscription filter policies (a TopicFanOut subscriber's `filter`) match.
 */
export function publishTemplate(route: ApiRoute, facts: TargetFacts, topicArn: string): string {
  return ['Action=Publish', `TopicArn=$util.urlEncode('${topicArn}')`, 'Message=$util.urlEncode($input.body)', ...fifoFields(route, facts),
    ...attributeFields(route, (n) => `MessageAttributes.entry.${n}`)].join('&');
}

/** What differs between sending to a queue and publishing to a topic. */
interface ServiceCall {
  readonly noun: 'queue' | 'topic';
  readonly service: 'sqs' | 'sns';
  readonly region: string;
  /** `path` for SQS (the queue's URL path), `action` for SNS (one endpoint for every topic). */
  readonly target: { readonly path: string } | { readonly action: string };
  readonly statements: iam.PolicyStatement[];
  readonly template: string;
  /** Where the message id is in the service's JSON answer. */
  readonly messageIdPath: string;
}

/**
 * The SQS service integration of one route, through a role that may send to that queue only (and encrypt with its
 * key when it has a customer-managed one: the key of the pattern that made the queue, when one did).
 */
export function createQueueIntegration(scope: Construct, key: string, route: ApiRoute, queue: sqs.IQueue, facts: TargetFacts, timeout: Duration): MessageIntegration {
  const statements = [new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: [queue.queueArn] })];
  if (facts.key && (facts.encryption === 'app-key' || facts.encryption === 'imported-key')) {
    // SQS generates a data key as the sender (SQS developer guide, key management: producers).
    statements.push(new iam.PolicyStatement({ actions: ['kms:GenerateDataKey', 'kms:Decrypt'], resources: [facts.key.keyArn] }));
  }
  return createMessageIntegration(scope, key, route, timeout, {
    noun: 'queue', service: 'sqs', region: queue.env.region, target: { path: `${queue.env.account}/${queue.queueName}` },
    statements, template: sendMessageTemplate(route, facts), messageIdPath: '$.SendMessageResponse.SendMessageResult.MessageId',
  });
}

/**
 * The SNS service integration of one route (Publish), through a role that may publish to that topic only (and use
 * its key when it has a customer-managed one): an API in front of a TopicFanOut, with no function in between.
 */
export function createTopicIntegration(scope: Construct, key: string, route: ApiRoute, topic: sns.ITopic, facts: TargetFacts, timeout: Duration): MessageIntegration {
  const statements = [new iam.PolicyStatement({ actions: ['sns:Publish'], resources: [topic.topicArn] })];
  const encrypted = facts.key && (facts.encryption === 'app-key' || facts.encryption === 'imported-key');
  if (facts.key && encrypted) {
    // A publisher to an encrypted topic needs both (AWS-FACTS §2.6).
    statements.push(new iam.PolicyStatement({ actions: ['kms:GenerateDataKey*', 'kms:Decrypt'], resources: [facts.key.keyArn] }));
  }
  const made = createMessageIntegration(scope, key, route, timeout, {
    noun: 'topic', service: 'sns', region: topic.env.region, target: { action: 'Publish' },
    statements, template: publishTemplate(route, facts, topic.topicArn), messageIdPath: '$.PublishResponse.PublishResult.MessageId',
  });
  if (encrypted) acknowledge(made.policy, ...TOPIC_KEY_ACKNOWLEDGEMENTS);
  return made;
}

/** The role, its customer-managed policy (cdk-nag IAMNoInlinePolicy), and the integration with its three answers. */
function createMessageIntegration(scope: Construct, key: string, route: ApiRoute, timeout: Duration, call: ServiceCall): MessageIntegration {
  const verb = call.noun === 'queue' ? 'send the requests of' : 'publish the requests of';
  const role = new iam.Role(scope, 'Role', {
    assumedBy: new iam.ServicePrincipal('apigateway.amazonaws.com'),
    description: `Lets API Gateway ${verb} ${key} to the ${call.noun}`,
  });
  const policy = new iam.ManagedPolicy(scope, 'Policy', {
    description: `${call.noun === 'queue' ? 'Send to' : 'Publish to'} the ${call.noun} of ${key}, and nothing else`,
    roles: [role],
    statements: call.statements,
  });
  const jsonResponse = (body: string) => ({ 'application/json': body });
  const integration = new apigateway.AwsIntegration({
    service: call.service,
    region: call.region,
    ...call.target,
    integrationHttpMethod: 'POST',
    options: {
      credentialsRole: role,
      timeout,
      // Only JSON bodies are sent; anything else is answered 415 instead of reaching the service unmapped.
      passthroughBehavior: apigateway.PassthroughBehavior.NEVER,
      requestParameters: { 'integration.request.header.Content-Type': '\'application/x-www-form-urlencoded\'' },
      requestTemplates: { 'application/json': call.template },
      integrationResponses: [
        {
          statusCode: MESSAGE_ROUTE_RESPONSES.accepted,
          responseTemplates: jsonResponse(`{"messageId":"$input.path('${call.messageIdPath}')"}`),
        },
        {
          selectionPattern: '4\\d{2}',
          statusCode: MESSAGE_ROUTE_RESPONSES.rejected,
          responseTemplates: jsonResponse(`{"message":"The ${call.noun} did not accept the message","requestId":"$context.requestId"}`),
        },
        {
          selectionPattern: '5\\d{2}',
          statusCode: MESSAGE_ROUTE_RESPONSES.failed,
          responseTemplates: jsonResponse(`{"message":"The ${call.noun} could not be reached","requestId":"$context.requestId"}`),
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
    methodResponses: Object.values(MESSAGE_ROUTE_RESPONSES).map((statusCode) => ({ statusCode })),
    requiredHeaders: [...headers, ...route.messageAttributes ?? []],
  };
}
