import { SQS_QUEUE_NAME, describeRange } from '../core/limits';
import { ReplayError } from './errors';

/** A queue as the metrics name it, and the region its URL or ARN gave, if any. */
export interface QueueReference {
  /** The `QueueName` dimension of its AWS/SQS metrics. */
  readonly name: string;
  /** The region in the queue's URL or ARN. */
  readonly region?: string;
}

const ARN = /^arn:aws[a-z-]*:sqs:([a-z0-9-]+):\d{12}:([^:/]+)$/;
// https://sqs.eu-west-1.amazonaws.com/123456789012/orders, and the legacy https://eu-west-1.queue.amazonaws.com/...
const URL_HOST = /^(?:sqs\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?|([a-z0-9-]+)\.queue\.amazonaws\.com(?:\.cn)?)$/;

/**
 * The queue a replay reads: its name, or its URL or ARN as the console and `aws sqs get-queue-url` show them (the
 * metrics are keyed by name; the region those carry is used unless --region says otherwise).
 */
export function parseQueueReference(input: string): QueueReference {
  const arn = ARN.exec(input);
  if (arn) return checked({ name: arn[2], region: arn[1] }, input);
  if (/^https?:\/\//.test(input)) {
    const url = new URL(input);
    const segments = url.pathname.split('/').filter(Boolean);
    const host = URL_HOST.exec(url.hostname);
    if (segments.length === 2) return checked({ name: segments[1], region: host?.[1] ?? host?.[2] }, input);
    throw new ReplayError('usage', `--queue '${input}' is a URL but not a queue URL (https://sqs.REGION.amazonaws.com/ACCOUNT/NAME)`, 'Pass the queue name, its URL or its ARN');
  }
  return checked({ name: input }, input);
}

function checked(ref: QueueReference, input: string): QueueReference {
  const suffix = SQS_QUEUE_NAME.fifoSuffix;
  const base = ref.name.endsWith(suffix) ? ref.name.slice(0, -suffix.length) : ref.name;
  const length = SQS_QUEUE_NAME.length;
  if (ref.name.length < length.min || ref.name.length > length.max || !SQS_QUEUE_NAME.characters.test(base)) {
    throw new ReplayError(
      'usage',
      `--queue '${input}' is not an SQS queue name: a name has ${describeRange(length)}, letters, digits, hyphens and underscores, and '${suffix}' at the end of a FIFO queue's (${SQS_QUEUE_NAME.source})`,
      'Pass the queue name exactly as SQS shows it (names are case-sensitive), its URL or its ARN',
    );
  }
  return ref;
}
