import type { MessageAttributeValue } from '../../../filter-policy';
import { AwsAction, AwsActions, RoleCaller } from '../../world/calls';
import { RoleClient } from '../../world/role-client';
import { SimulationWorld } from '../../world/world';

type InputOf<A extends AwsAction> = AwsActions[A] extends { input: infer I } ? I : never;
type OutputOf<A extends AwsAction> = AwsActions[A] extends { output: infer O } ? O : never;

/** A message attribute as the SDK writes it (SQS SendMessage, SNS Publish). */
export interface SdkMessageAttribute {
  readonly DataType: string;
  readonly StringValue?: string;
  readonly BinaryValue?: string;
}

/** SendMessage's input, as the AWS SDK for JavaScript v3 names it (`SendMessageCommandInput`). */
export interface SdkSendMessageInput {
  readonly QueueUrl: string;
  readonly MessageBody: string;
  readonly DelaySeconds?: number;
  readonly MessageAttributes?: Readonly<Record<string, SdkMessageAttribute>>;
  readonly MessageGroupId?: string;
  readonly MessageDeduplicationId?: string;
}

/** Publish's input, as the AWS SDK for JavaScript v3 names it (`PublishCommandInput`; TopicArn only). */
export interface SdkPublishInput {
  readonly TopicArn: string;
  readonly Message: string;
  readonly Subject?: string;
  readonly MessageAttributes?: Readonly<Record<string, SdkMessageAttribute>>;
  readonly MessageGroupId?: string;
  readonly MessageDeduplicationId?: string;
}

/**
 * AWS as a handler calls it (`context.aws`): every call is made as the function — its execution role's policies
 * are checked, and from a VPC its subnets must reach the service — then served by the simulation.
 *
 * - `call(action, resource, input)`: any action a simulated service serves (`sqs:SendMessage`, `sns:Publish`,
 *   `lambda:InvokeFunction`), with the input that action declares.
 * - `sqs.sendMessage`, `sns.publish`: the same calls with the SDK's input and output shapes.
 *
 * A call is a Promise: resolved with the output, rejected with an `AwsCallError` (`name` `AccessDenied` when a
 * policy refuses), or never settled when no route reaches the service; the invocation then ends at its timeout.
 */
export interface FunctionAws {
  call<A extends AwsAction>(action: A, resource: string, input: InputOf<A>): Promise<OutputOf<A>>;
  readonly sqs: { sendMessage(input: SdkSendMessageInput): Promise<{ readonly MessageId: string }> };
  readonly sns: { publish(input: SdkPublishInput): Promise<{ readonly MessageId: string }> };
}

function snsAttributes(a: SdkPublishInput['MessageAttributes']): Record<string, MessageAttributeValue> | undefined {
  if (!a) return undefined;
  const out: Record<string, MessageAttributeValue> = {};
  for (const [k, v] of Object.entries(a)) out[k] = { Type: v.DataType as MessageAttributeValue['Type'], Value: v.StringValue ?? v.BinaryValue ?? '' };
  return out;
}

/** The invocation a `context.aws` belongs to: who calls, and what a call with no answer does to it. */
export interface CallingInvocation {
  readonly functionLogicalId: string;
  readonly roleArn: string | undefined;
  readonly requestId: string;
  /** A call got no answer: the invocation ends at its timeout. */
  hang(reason: string): void;
}

/** The `context.aws` of one invocation: its calls are traced on the function and a call with no answer times it out. */
export function functionAws(world: SimulationWorld, inv: CallingInvocation): FunctionAws {
  const runtime = world.runtime;
  const fn = inv.functionLogicalId;
  const caller: RoleCaller = { kind: 'role', roleArn: inv.roleArn, roleKind: 'execution role', runsIn: fn };
  const client = new RoleClient(world.calls, caller, {
    answered(action, resource, result) {
      const detail = { requestId: inv.requestId, action, resource };
      if (result.ok) runtime.record('lambda.called', fn, undefined, undefined, detail);
      else runtime.record('lambda.callFailed', fn, undefined, result.reason, detail);
    },
    unanswered(action, resource, reason) {
      runtime.record('lambda.callUnanswered', fn, undefined, reason, { requestId: inv.requestId, action, resource });
      inv.hang(`${action} ${resource}: ${reason}`);
    },
  });
  return {
    call: (action, resource, input) => client.call(action, resource, input),
    sqs: {
      sendMessage: (i) => client.call('sqs:SendMessage', i.QueueUrl, {
        body: i.MessageBody, attributes: i.MessageAttributes, delayMs: i.DelaySeconds === undefined ? undefined : i.DelaySeconds * 1000,
        groupId: i.MessageGroupId, deduplicationId: i.MessageDeduplicationId,
      }).then((o) => ({ MessageId: o.messageId })),
    },
    sns: {
      publish: (i) => client.call('sns:Publish', i.TopicArn, {
        message: i.Message, subject: i.Subject, attributes: snsAttributes(i.MessageAttributes), groupId: i.MessageGroupId, deduplicationId: i.MessageDeduplicationId,
      }).then((o) => ({ MessageId: o.messageId })),
    },
  };
}
