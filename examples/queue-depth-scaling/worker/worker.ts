import { DeleteMessageCommand, Message, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';

/** What the loop needs from the outside world, so it runs the same on ECS, on EC2 and in a test. */
export interface WorkerLoop {
  readonly queueUrl: string;
  readonly sqs: Pick<SQSClient, 'send'>;
  /** Processes one message; a thrown error leaves the message to reappear after its visibility timeout. */
  readonly process: (message: Message) => Promise<void>;
  /** Marks this worker protected from scale-in, or clears it (see `ecsTaskProtection`). */
  readonly protect: (enabled: boolean) => Promise<void>;
  /** Stops the loop after the current receive. */
  readonly signal?: AbortSignal;
  /**
   * How often the loop protects itself again while it keeps holding messages: ECS task protection expires
   * (`ExpiresInMinutes`), and a worker that stays busy longer would lose it in the middle of a message.
   * Keep it below the expiry. @default 30 (half of ecsTaskProtection's 60 minutes)
   */
  readonly renewProtectionAfterMinutes?: number;
  /** The wall clock, in milliseconds. @default Date.now */
  readonly now?: () => number;
}

// README: queue-depth-scaling-worker
/**
 * Receives, processes and deletes messages. The worker is protected from scale-in from the moment it holds
 * a message until a receive comes back empty, so a scale-in never stops it in the middle of a message; it
 * renews the protection while it stays busy, before ECS lets it expire.
 */
export async function runWorker(w: WorkerLoop): Promise<void> {
  const now = w.now ?? Date.now;
  const renewAfterMs = (w.renewProtectionAfterMinutes ?? 30) * 60_000;
  let isProtected = false;
  let protectedAt = 0;
  while (!w.signal?.aborted) {
    const { Messages = [] } = await w.sqs.send(new ReceiveMessageCommand({ QueueUrl: w.queueUrl, MaxNumberOfMessages: 1, WaitTimeSeconds: 20 }));
    if (Messages.length > 0 && (!isProtected || now() - protectedAt >= renewAfterMs)) {
      await w.protect((isProtected = true));
      protectedAt = now();
    }
    if (Messages.length === 0 && isProtected) await w.protect((isProtected = false));
    for (const message of Messages) {
      try {
        await w.process(message);
        await w.sqs.send(new DeleteMessageCommand({ QueueUrl: w.queueUrl, ReceiptHandle: message.ReceiptHandle }));
      } catch (error) {
        console.error(`message ${message.MessageId} failed, it will be received again`, error);
      }
    }
  }
  if (isProtected) await w.protect(false);
}

/** ECS task scale-in protection through the agent endpoint the agent injects (`ECS_AGENT_URI`). */
export function ecsTaskProtection(agentUri: string, expiresInMinutes = 60): (enabled: boolean) => Promise<void> {
  return async (enabled) => {
    const response = await fetch(`${agentUri}/task-protection/v1/state`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(enabled ? { ProtectionEnabled: true, ExpiresInMinutes: expiresInMinutes } : { ProtectionEnabled: false }),
    });
    if (!response.ok) throw new Error(`task protection: ${response.status} ${await response.text()}`);
  };
}
// README: end
