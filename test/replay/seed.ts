import { CloudWatchClient, MetricDatum, PutMetricDataCommand, StandardUnit } from '@aws-sdk/client-cloudwatch';
import { QUEUE_METRICS, QUEUE_METRIC_KEYS, QueueTraffic } from '../../lib/replay';

/** Credentials moto accepts; the replay under test finds them through the SDK's default chain (the environment). */
export const TEST_CREDENTIALS = { accessKeyId: 'AKIAREPLAYTEST000000', secretAccessKey: 'replay-test-secret' };

const UNIT: Record<string, StandardUnit> = { NumberOfMessagesSent: 'Count', ApproximateNumberOfMessagesVisible: 'Count', ApproximateAgeOfOldestMessage: 'Seconds' };
// PutMetricData takes at most 1,000 datums a request (CloudWatch API-model PutMetricData).
const DATUMS_PER_REQUEST = 1_000;

/** Publishes a queue's traffic as AWS/SQS metrics, one datum per period, through the same SDK the replay reads with. */
export async function putQueueTraffic(endpoint: string, region: string, traffic: QueueTraffic, queueName = traffic.queueName): Promise<void> {
  // moto 5.2.1 answers 500 to a PutMetricData body the SDK gzips (it does above 10 KiB): send it plain.
  const client = new CloudWatchClient({ region, endpoint, credentials: TEST_CREDENTIALS, disableRequestCompression: true });
  const datums: MetricDatum[] = [];
  for (const key of QUEUE_METRIC_KEYS) {
    const series = traffic[key];
    series.values.forEach((value, i) => {
      if (value === null) return;
      const metricName = QUEUE_METRICS[key].metricName;
      datums.push({
        MetricName: metricName,
        Dimensions: [{ Name: 'QueueName', Value: queueName }],
        Timestamp: new Date(series.startEpochMs + i * series.periodSeconds * 1000),
        Value: value,
        Unit: UNIT[metricName],
      });
    });
  }
  for (let i = 0; i < datums.length; i += DATUMS_PER_REQUEST) {
    await client.send(new PutMetricDataCommand({ Namespace: 'AWS/SQS', MetricData: datums.slice(i, i + DATUMS_PER_REQUEST) }));
  }
  client.destroy();
}
