import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { ReplayError } from './errors';

/** How to reach CloudWatch: the SDK's own settings, as the AWS CLI users know them. */
export interface CloudWatchConnection {
  /**
   * The region of the queue.
   * @default - the SDK's default: AWS_REGION, then the profile's `region`
   */
  readonly region?: string;
  /**
   * A profile of ~/.aws/config and ~/.aws/credentials, for credentials and region (SSO, assumed roles and
   * credential_process included, as the SDK reads them).
   * @default - AWS_PROFILE, then `default`; without a profile the SDK's default credential chain
   */
  readonly profile?: string;
  /**
   * Another endpoint than AWS's: a local CloudWatch such as moto_server.
   * @default - CloudWatch's endpoint in the region
   */
  readonly endpoint?: string;
  /**
   * Attempts per request, the first included, before a throttled or failed request gives up. The SDK's retry
   * strategy spaces them with exponential backoff and jitter.
   * @default 5
   */
  readonly maxAttempts?: number;
  /**
   * The SDK's retry mode: `standard`, or `adaptive` (also slows the client's own request rate after throttling).
   * @default 'standard'
   */
  readonly retryMode?: 'standard' | 'adaptive';
}

/** Attempts per request unless told otherwise: the SDK's 3, plus two for a burst of throttling. */
export const DEFAULT_MAX_ATTEMPTS = 5;

/** The SDK, loaded only when metrics are read: requiring the library stays cheap. */
export function loadCloudWatchSdk(): typeof import('@aws-sdk/client-cloudwatch') {
  return require('@aws-sdk/client-cloudwatch') as typeof import('@aws-sdk/client-cloudwatch');
}

/** A CloudWatch client with the SDK's default credential chain, the given profile, region and retry settings. */
export function createCloudWatchClient(connection: CloudWatchConnection = {}): CloudWatchClient {
  const maxAttempts = connection.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) {
    throw new ReplayError('usage', `--max-attempts ${maxAttempts} is not a whole number of at least 1`, 'Give the number of attempts per request, the first included (1 never retries)');
  }
  const { CloudWatchClient: Client } = loadCloudWatchSdk();
  return new Client({
    region: connection.region,
    profile: connection.profile,
    endpoint: connection.endpoint,
    maxAttempts,
    retryMode: connection.retryMode ?? 'standard',
  });
}

/** The region the client will use, or an error saying how to give one. */
export async function resolvedRegion(client: CloudWatchClient, profile?: string): Promise<string> {
  try {
    return await client.config.region();
  } catch (cause) {
    throw new ReplayError(
      'no-region',
      `No AWS region${profile ? ` in profile '${profile}'` : ''}: CloudWatch metrics are regional, the replay must know where the queue is`,
      `Pass --region (for example --region eu-west-1), set AWS_REGION, or set region in the profile${profile ? ` '${profile}'` : ''}`,
      { cause },
    );
  }
}
