import { createHash } from 'crypto';
import { BoundCall, RoleCaller } from '../../world/calls';
import type { SqsMessageAttributes } from '../sqs/message';
import { GatewayResponseType } from './gateway-responses';
import { Answer } from './gateway-answer';
import { mapRequest, selectResponse } from './integration-responses';
import type { ApiMethod, Integration } from './method';
import { RequestScope } from './request-scope';

type SqsIntegration = Extract<Integration, { kind: 'sqs' }>;

/** What SQS answered API Gateway's call: an HTTP status and SQS's JSON body. */
interface SqsReply {
  readonly status: number;
  readonly body: string;
  /** The message id, when stored. */
  readonly messageId?: string;
}

// One bound call per method: the role and the queue are fixed, so the permissions are decided once.
const boundCalls = new WeakMap<ApiMethod, BoundCall<'sqs:SendMessage'>>();

/**
 * An SQS service integration (`arn:aws:apigateway:{region}:sqs:path/{account}/{queue}`): the request template
 * is evaluated to SQS's query API form (`Action=SendMessage&MessageBody=…`), sent as the integration's role
 * through `world.calls` (the role's identity policies, the queue policy, the queue key), and SQS's JSON reply is
 * mapped by the integration responses (their SelectionPattern matched against SQS's status code).
 */
export function sendToQueue(scope: RequestScope, integration: SqsIntegration): (Answer & { readonly messageId?: string }) | { readonly type: GatewayResponseType; readonly reason: string } {
  if (integration.credentials === undefined) return { type: 'API_CONFIGURATION_ERROR', reason: 'the SQS integration has no Credentials (a role API Gateway calls SQS with)' };
  const mapped = mapRequest(scope, integration.template);
  if (!mapped.ok) return mapped;
  const reply = sqsReply(scope, integration, mapped.headers['content-type'], mapped.body);
  const answer = selectResponse(scope, integration.responses, reply.status, reply.body);
  return 'type' in answer ? answer : { ...answer, messageId: reply.messageId };
}

function sqsReply(scope: RequestScope, integration: SqsIntegration, contentType: string | undefined, body: string): SqsReply {
  const requestId = scope.world.runtime.nextId();
  const error = (status: number, code: string, message: string): SqsReply => ({
    status, body: JSON.stringify({ Error: { Code: code, Message: message, Type: status < 500 ? 'Sender' : 'Receiver' }, RequestId: requestId }),
  });
  // SQS's query API reads a form body; API Gateway sends what the integration's Content-Type header says.
  if (contentType?.split(';')[0].trim().toLowerCase() !== 'application/x-www-form-urlencoded') {
    return error(400, 'MissingAction', `the integration sends Content-Type ${contentType ?? '(none)'}; SQS's query API reads application/x-www-form-urlencoded (set integration.request.header.Content-Type)`);
  }
  const form = new URLSearchParams(body);
  const action = form.get('Action');
  if (action !== 'SendMessage') return error(400, action === null ? 'MissingAction' : 'InvalidAction', `the simulator's SQS integration performs SendMessage, not ${action ?? 'a missing Action'}`);
  const messageBody = form.get('MessageBody');
  if (messageBody === null || messageBody === '') return error(400, 'MissingParameter', 'The request must contain the parameter MessageBody.');
  let call = boundCalls.get(scope.method);
  if (!call) {
    const caller: RoleCaller = { kind: 'role', roleArn: integration.credentials, roleKind: 'integration role', runsIn: scope.api.logicalId };
    call = scope.world.calls.bind(caller, 'sqs:SendMessage', integration.queueArn);
    boundCalls.set(scope.method, call);
  }
  if (!call.found) return error(400, 'AWS.SimpleQueueService.NonExistentQueue', `no queue ${integration.queueArn} in the template`);
  // A refusal for the queue's key is KMS.AccessDeniedException (400) on AWS; one of IAM or the queue policy, AccessDenied (403).
  if (call.refusal !== undefined) return /key policy|encrypted with/.test(call.refusal) ? error(400, 'KMS.AccessDeniedException', call.refusal) : error(403, 'AccessDenied', call.refusal);
  const delay = form.get('DelaySeconds');
  const sent = call.call({
    body: messageBody, attributes: messageAttributes(form),
    groupId: form.get('MessageGroupId') ?? undefined, deduplicationId: form.get('MessageDeduplicationId') ?? undefined,
    ...(delay !== null ? { delayMs: Number(delay) * 1000 } : {}),
  });
  if (!sent.ok) return error(400, 'InvalidParameterValue', sent.reason);
  const md5 = createHash('md5').update(messageBody).digest('hex');
  return {
    status: 200,
    messageId: sent.output.messageId,
    body: JSON.stringify({ SendMessageResponse: { ResponseMetadata: { RequestId: requestId }, SendMessageResult: { MD5OfMessageAttributes: null, MD5OfMessageBody: md5, MD5OfMessageSystemAttributes: null, MessageId: sent.output.messageId, SequenceNumber: null } } }),
  };
}

/** `MessageAttribute.N.Name`, `.Value.DataType`, `.Value.StringValue` of the form, as SQS reads them. */
function messageAttributes(form: URLSearchParams): SqsMessageAttributes | undefined {
  let out: Record<string, { DataType: string; StringValue: string }> | undefined;
  for (let n = 1; form.has(`MessageAttribute.${n}.Name`); n++) {
    const name = form.get(`MessageAttribute.${n}.Name`)!;
    (out ??= {})[name] = { DataType: form.get(`MessageAttribute.${n}.Value.DataType`) ?? 'String', StringValue: form.get(`MessageAttribute.${n}.Value.StringValue`) ?? '' };
  }
  return out as SqsMessageAttributes | undefined;
}
