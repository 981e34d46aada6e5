import type { MessageAttributeValue } from '../../../filter-policy';

/** The SNS actions other services call through `world.calls` (a Lambda destination, a handler's call). */
declare module '../../world/calls' {
  interface AwsActions {
    /** Publish to a topic named by ARN. */
    'sns:Publish': {
      input: {
        readonly message: string;
        readonly subject?: string;
        readonly attributes?: Readonly<Record<string, MessageAttributeValue>>;
        readonly groupId?: string;
        readonly deduplicationId?: string;
      };
      output: { readonly messageId: string };
    };
  }
}

export {};
