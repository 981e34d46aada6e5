import type { SqsMessageAttributes } from './message';
import type { MessageMoveTaskEntry } from './move-task';
import type { StartMoveTaskRequest } from './move-tasks';

/**
 * The SQS actions other services call through `world.calls` (a Lambda destination, an API integration, code
 * running with a role). The resource is the queue's ARN or URL: for the move task actions, the dead-letter queue.
 */
declare module '../../world/calls' {
  interface AwsActions {
    /** SendMessage to a queue named by ARN or URL. */
    'sqs:SendMessage': {
      input: { readonly body: string; readonly attributes?: SqsMessageAttributes; readonly delayMs?: number; readonly groupId?: string; readonly deduplicationId?: string };
      output: { readonly messageId: string };
    };
    /** StartMessageMoveTask from the dead-letter queue named as the resource. */
    'sqs:StartMessageMoveTask': { input: StartMoveTaskRequest; output: { readonly taskHandle: string } };
    /** ListMessageMoveTasks of the dead-letter queue named as the resource (MaxResults 1–10, default 1). */
    'sqs:ListMessageMoveTasks': { input: { readonly maxResults?: number }; output: { readonly results: readonly MessageMoveTaskEntry[] } };
    /** CancelMessageMoveTask; the resource is the task's dead-letter queue, as IAM authorizes it. */
    'sqs:CancelMessageMoveTask': { input: { readonly taskHandle: string }; output: { readonly approximateNumberOfMessagesMoved: number } };
    /** PurgeQueue. */
    'sqs:PurgeQueue': { input: Record<string, never>; output: Record<string, never> };
  }
}

export {};
