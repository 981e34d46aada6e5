/** What went wrong, as a stable code a script or test can match on. */
export type ReplayErrorCode =
  | 'usage'
  | 'window'
  | 'csv'
  | 'no-region'
  | 'no-credentials'
  | 'bad-credentials'
  | 'access-denied'
  | 'throttled'
  | 'unreachable'
  | 'no-data'
  | 'incomplete-data'
  | 'cloudwatch'
  | 'stack';

/** A replay that cannot go on: what is wrong, and what the user can do about it. */
export class ReplayError extends Error {
  constructor(
    public readonly code: ReplayErrorCode,
    /** What is wrong, with the values involved. */
    public readonly problem: string,
    /** What to do about it. */
    public readonly fix: string,
    options?: { cause?: unknown },
  ) {
    super(`${problem}. ${fix}`, options);
    this.name = 'ReplayError';
  }
}

/** What the failed request was about, for the message. */
export interface RequestContext {
  readonly queueName: string;
  readonly region?: string;
  readonly profile?: string;
  readonly endpoint?: string;
  readonly maxAttempts: number;
}

/** The action GetMetricData is authorized as. */
export const GET_METRIC_DATA_ACTION = 'cloudwatch:GetMetricData';

/**
 * The resource GetMetricData is authorized on: CloudWatch's metric reads have no resource-level permissions, a
 * policy grants them on `*` (CloudWatch user guide, permissions reference).
 */
export const GET_METRIC_DATA_RESOURCE = '*';

interface SdkErrorLike {
  readonly name?: string;
  readonly message?: string;
  readonly code?: string;
  readonly $metadata?: { readonly httpStatusCode?: number; readonly attempts?: number };
}

const ACCESS_DENIED = new Set(['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation', 'UnauthorizedAccess']);
const BAD_CREDENTIALS = new Set(['InvalidClientTokenId', 'UnrecognizedClientException', 'SignatureDoesNotMatch', 'ExpiredToken', 'ExpiredTokenException', 'IncompleteSignature']);
// The SDK's own list of throttling error names (its retry strategy retries these), narrowed to those CloudWatch sends.
const THROTTLED = new Set(['Throttling', 'ThrottlingException', 'TooManyRequestsException', 'RequestLimitExceeded']);
const NETWORK = new Set(['ECONNREFUSED', 'ENOTFOUND', 'ECONNRESET', 'ETIMEDOUT', 'EAI_AGAIN', 'TimeoutError']);

/** Turns an error of the SDK into one that names what failed and how to fix it; other errors pass through. */
export function explainAwsError(error: unknown, context: RequestContext): unknown {
  if (error instanceof ReplayError || typeof error !== 'object' || error === null) return error;
  const e = error as SdkErrorLike;
  const name = e.name ?? '';
  const status = e.$metadata?.httpStatusCode;
  const where = `queue '${context.queueName}' in ${context.region ?? 'the default region'}`;
  const who = context.profile ? ` (profile '${context.profile}')` : '';
  // A body the SDK could not parse (a proxy's HTML page, an emulator's XML) says nothing worth repeating.
  const aws = e.message && name !== 'SyntaxError' ? ` (AWS said: ${e.message.split('\n')[0]})` : '';
  if (name === 'CredentialsProviderError') {
    return new ReplayError(
      'no-credentials',
      `No AWS credentials for reading the metrics of ${where}${who}: ${e.message}`,
      context.profile
        ? `Check that profile '${context.profile}' is in ~/.aws/config or ~/.aws/credentials (for SSO: aws sso login --profile ${context.profile})`
        : 'Pass --profile NAME, set AWS_PROFILE, or provide credentials the SDK finds (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, ~/.aws, an instance or container role)',
      { cause: error },
    );
  }
  if (ACCESS_DENIED.has(name) || status === 403) {
    const principal = /User: (\S+) is not authorized/.exec(e.message ?? '')?.[1];
    return new ReplayError(
      'access-denied',
      `${principal ?? 'The caller'}${who} may not perform ${GET_METRIC_DATA_ACTION} on resource ${GET_METRIC_DATA_RESOURCE}, needed to read the AWS/SQS metrics of ${where}${aws}`,
      `Allow ${GET_METRIC_DATA_ACTION} on "Resource": "${GET_METRIC_DATA_RESOURCE}" (metric reads have no resource-level permissions), or use a profile that has it (the managed policy CloudWatchReadOnlyAccess does)`,
      { cause: error },
    );
  }
  if (BAD_CREDENTIALS.has(name)) {
    return new ReplayError('bad-credentials', `AWS rejected the credentials used for ${where}${who} (${name})${aws}`, 'Refresh them (aws sso login, or new keys) or pick another profile with --profile', { cause: error });
  }
  if (THROTTLED.has(name) || status === 429) {
    const attempts = e.$metadata?.attempts ?? context.maxAttempts;
    return new ReplayError(
      'throttled',
      `CloudWatch throttled ${GET_METRIC_DATA_ACTION} for ${where} on all ${attempts} attempts (${name || status})`,
      `Try again later, raise --max-attempts (now ${context.maxAttempts}), or read a shorter window`,
      { cause: error },
    );
  }
  if (NETWORK.has(e.code ?? '') || NETWORK.has(name)) {
    return new ReplayError(
      'unreachable',
      `Cannot reach CloudWatch${context.endpoint ? ` at ${context.endpoint}` : ''} in ${context.region ?? 'the default region'}: ${e.code ?? name} ${e.message ?? ''}`.trim(),
      context.endpoint ? 'Check that the endpoint is running and the address is right' : 'Check the network, a proxy (HTTPS_PROXY), and the region name',
      { cause: error },
    );
  }
  if (typeof status === 'number') {
    return new ReplayError('cloudwatch', `CloudWatch refused ${GET_METRIC_DATA_ACTION} for ${where}: ${name} (HTTP ${status})${aws}`, 'Fix what AWS said, then run the replay again', { cause: error });
  }
  return error;
}
