/** The SNS actions other services call through `world.calls` (a Lambda destination). */
declare module '../../world/calls' {
  interface AwsActions {
    /** Publish to a topic named by ARN. */
    'sns:Publish': {
      input: { readonly message: string; readonly subject?: string; readonly groupId?: string; readonly deduplicationId?: string };
      output: { readonly messageId: string };
    };
  }
}

export {};
