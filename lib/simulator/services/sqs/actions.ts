import type { SqsMessageAttributes } from './message';

/** The SQS actions other services call through `world.calls` (a Lambda destination, later an API integration). */
declare module '../../world/calls' {
  interface AwsActions {
    /** SendMessage to a queue named by ARN or URL. */
    'sqs:SendMessage': {
      input: { readonly body: string; readonly attributes?: SqsMessageAttributes; readonly groupId?: string; readonly deduplicationId?: string; readonly delayMs?: number };
      output: { readonly messageId: string };
    };
  }
}

export {};
