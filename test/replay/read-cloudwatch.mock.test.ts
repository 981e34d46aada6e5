import { CloudWatchClient, GetMetricDataCommand, GetMetricDataCommandInput, GetMetricDataCommandOutput, MetricDataResult } from '@aws-sdk/client-cloudwatch';
import { mockClient } from 'aws-sdk-client-mock';
import { ReadProgress, ReadQueueTrafficOptions, ReplayError, readQueueTraffic } from '../../lib/replay';

// What moto_server cannot produce: NextToken paging, PartialData, Forbidden and InternalError results, and the
// request itself as CloudWatch receives it. aws-sdk-client-mock answers the client's send(); the SDK's retry
// middleware is skipped, so throttling is tested against a proxy in read-cloudwatch.moto.test.ts.

const cloudWatch = mockClient(CloudWatchClient);
const FROM = new Date('2026-11-18T10:00:00Z');
const TO = new Date('2026-11-18T10:04:00Z');
const NOW = new Date('2026-11-19T00:00:00Z');
const at = (minute: number) => new Date(FROM.getTime() + minute * 60_000);

beforeEach(() => cloudWatch.reset());
afterAll(() => cloudWatch.restore());

const read = (options: Partial<ReadQueueTrafficOptions> = {}) =>
  readQueueTraffic({ queue: 'orders', from: FROM, to: TO, now: NOW, client: new CloudWatchClient({ region: 'eu-west-1' }), ...options });

const result = (Id: string, minutes: number[], values: number[], StatusCode: MetricDataResult['StatusCode'] = 'Complete', extra: Partial<MetricDataResult> = {}): MetricDataResult => ({
  Id,
  Label: Id,
  Timestamps: minutes.map(at),
  Values: values,
  StatusCode,
  ...extra,
});
const page = (results: MetricDataResult[], NextToken?: string): GetMetricDataCommandOutput => ({ MetricDataResults: results, NextToken, $metadata: {} });

const failure = async (promise: Promise<unknown>): Promise<ReplayError> => {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(ReplayError);
  return error as ReplayError;
};

describe('the GetMetricData request', () => {
  test('asks for three plain metrics of the queue, no metric math, over the aligned window, oldest first', async () => {
    // GIVEN
    cloudWatch.on(GetMetricDataCommand).resolves(page([result('sent', [0], [5])]));
    // WHEN
    await read({ from: new Date('2026-11-18T10:00:42Z') });
    // THEN
    const [call] = cloudWatch.commandCalls(GetMetricDataCommand);
    const input = call.args[0].input;
    expect(input.StartTime).toEqual(FROM);
    expect(input.EndTime).toEqual(TO);
    expect(input.ScanBy).toBe('TimestampAscending');
    expect(input.MaxDatapoints).toBeUndefined();
    expect(input.MetricDataQueries).toEqual([
      { Id: 'sent', ReturnData: true, MetricStat: { Metric: { Namespace: 'AWS/SQS', MetricName: 'NumberOfMessagesSent', Dimensions: [{ Name: 'QueueName', Value: 'orders' }] }, Period: 60, Stat: 'Sum' } },
      { Id: 'visible', ReturnData: true, MetricStat: { Metric: { Namespace: 'AWS/SQS', MetricName: 'ApproximateNumberOfMessagesVisible', Dimensions: [{ Name: 'QueueName', Value: 'orders' }] }, Period: 60, Stat: 'Maximum' } },
      { Id: 'ageOfOldest', ReturnData: true, MetricStat: { Metric: { Namespace: 'AWS/SQS', MetricName: 'ApproximateAgeOfOldestMessage', Dimensions: [{ Name: 'QueueName', Value: 'orders' }] }, Period: 60, Stat: 'Maximum' } },
    ]);
    expect(input.MetricDataQueries!.some((q) => q.Expression !== undefined)).toBe(false);
  });

  test('asks for the page size given, as MaxDatapoints', async () => {
    cloudWatch.on(GetMetricDataCommand).resolves(page([result('sent', [0], [5])]));
    await read({ datapointsPerPage: 2 });
    expect(cloudWatch.commandCalls(GetMetricDataCommand)[0].args[0].input.MaxDatapoints).toBe(2);
  });
});

describe('paging', () => {
  test('follows NextToken to the end, PartialData on the way, and joins the pages in time order', async () => {
    // GIVEN two pages: the first PartialData for two metrics, with a NextToken
    const pages = [
      page([result('sent', [0, 1], [3, 4], 'PartialData'), result('visible', [0, 1], [1, 2], 'PartialData'), result('ageOfOldest', [0], [7], 'Complete')], 'page-2'),
      page([result('sent', [2, 3], [5, 6]), result('visible', [2, 3], [3, 0]), result('ageOfOldest', [], [])]),
    ];
    // The paginator reuses one input object: what each request carried is copied when it is sent.
    const sent: GetMetricDataCommandInput[] = [];
    cloudWatch.on(GetMetricDataCommand).callsFake((input: GetMetricDataCommandInput) => {
      sent.push({ ...input });
      return pages[sent.length - 1];
    });
    const progress: ReadProgress[] = [];
    // WHEN
    const traffic = await read({ onProgress: (p) => progress.push(p) });
    // THEN
    expect(sent.map((c) => c.NextToken)).toEqual([undefined, 'page-2']);
    expect(sent[1].StartTime).toEqual(sent[0].StartTime);
    expect(sent[1].EndTime).toEqual(sent[0].EndTime);
    expect(traffic.arrivals.perMinute).toEqual([3, 4, 5, 6]);
    expect(traffic.visible.values).toEqual([1, 2, 3, 0]);
    expect(traffic.ageOfOldest.values).toEqual([7, null, null, null]);
    expect(progress).toEqual([
      { pages: 1, datapoints: 5, expectedDatapoints: 12 },
      { pages: 2, datapoints: 9, expectedDatapoints: 12 },
    ]);
  });

  test('fails if a metric is still PartialData after the last page, naming it', async () => {
    cloudWatch.on(GetMetricDataCommand).resolves(page([result('sent', [0], [3], 'PartialData'), result('visible', [0], [1])]));
    const error = await failure(read());
    expect(error.code).toBe('incomplete-data');
    expect(error.message).toMatch(/PartialData for NumberOfMessagesSent of queue 'orders' after the last page/);
  });

  test('keeps what was read of a metric still PartialData after the last page when told to', async () => {
    cloudWatch.on(GetMetricDataCommand).resolves(page([result('sent', [0], [3], 'PartialData'), result('visible', [0], [1])]));
    const traffic = await read({ incompleteData: 'keep' });
    expect(traffic.arrivals.perMinute).toEqual([3, 0, 0, 0]);
    expect(traffic.notes).toContain('CloudWatch still reported PartialData for NumberOfMessagesSent after the last page: what it returned is kept');
  });
});

describe('results CloudWatch refuses', () => {
  test('fails if a metric comes back Forbidden, naming the metric, the action and the resource', async () => {
    cloudWatch.on(GetMetricDataCommand).resolves(page([result('sent', [], [], 'Forbidden', { Messages: [{ Code: 'Forbidden', Value: 'not allowed for account 111122223333' }] })]));
    const error = await failure(read());
    expect(error.code).toBe('access-denied');
    expect(error.message).toMatch(/Forbidden for NumberOfMessagesSent of queue 'orders': the caller may not perform cloudwatch:GetMetricData on resource \* for this metric \(Forbidden: not allowed for account 111122223333\)/);
  });

  test('fails if a metric comes back InternalError, saying to run again', async () => {
    cloudWatch.on(GetMetricDataCommand).resolves(page([result('visible', [], [], 'InternalError')]));
    const error = await failure(read());
    expect(error.code).toBe('cloudwatch');
    expect(error.message).toMatch(/internal error reading ApproximateNumberOfMessagesVisible/);
    expect(error.fix).toBe('Run the replay again in a moment');
  });
});

describe('errors of the call', () => {
  const sdkError = (name: string, message: string, httpStatusCode: number, attempts = 1) => Object.assign(new Error(message), { name, $metadata: { httpStatusCode, attempts } });

  test('fails if access is denied, with the principal AWS named, the action, the resource and the profile', async () => {
    cloudWatch.on(GetMetricDataCommand).rejects(sdkError('AccessDeniedException', 'User: arn:aws:sts::123456789012:assumed-role/ReadOnly/ci is not authorized to perform: cloudwatch:GetMetricData', 400));
    const error = await failure(read({ profile: 'prod' }));
    expect(error.code).toBe('access-denied');
    expect(error.message).toMatch(/^arn:aws:sts::123456789012:assumed-role\/ReadOnly\/ci \(profile 'prod'\) may not perform cloudwatch:GetMetricData on resource \*/);
    expect(error.message).toMatch(/queue 'orders' in eu-west-1/);
  });

  test('fails if the throttling outlasts the SDK\'s retries, with the attempts it made', async () => {
    cloudWatch.on(GetMetricDataCommand).rejects(sdkError('ThrottlingException', 'Rate exceeded', 400, 5));
    const error = await failure(read());
    expect(error.code).toBe('throttled');
    expect(error.message).toMatch(/on all 5 attempts \(ThrottlingException\)/);
  });

  test('fails if the credentials are rejected, saying to refresh them', async () => {
    cloudWatch.on(GetMetricDataCommand).rejects(sdkError('ExpiredToken', 'The security token included in the request is expired', 400));
    const error = await failure(read());
    expect(error.code).toBe('bad-credentials');
    expect(error.fix).toMatch(/aws sso login/);
  });

  test('fails if CloudWatch rejects the request for another reason, with what AWS said', async () => {
    cloudWatch.on(GetMetricDataCommand).rejects(sdkError('InvalidParameterValue', 'The parameter StartTime must be before EndTime', 400));
    const error = await failure(read());
    expect(error.code).toBe('cloudwatch');
    expect(error.message).toMatch(/InvalidParameterValue \(HTTP 400\) \(AWS said: The parameter StartTime must be before EndTime\)/);
  });

  test('fails with access denied on an HTTP 403 whose body the SDK could not parse (moto_server\'s IAM check answers in XML)', async () => {
    cloudWatch.on(GetMetricDataCommand).rejects(sdkError('SyntaxError', 'Unexpected token \'<\', "<?xml vers"... is not valid JSON', 403));
    const error = await failure(read());
    expect(error.code).toBe('access-denied');
    expect(error.problem).toBe("The caller may not perform cloudwatch:GetMetricData on resource *, needed to read the AWS/SQS metrics of queue 'orders' in eu-west-1");
  });

  test('passes an error that is not from AWS through unchanged', async () => {
    const bug = new TypeError('not an AWS error');
    cloudWatch.on(GetMetricDataCommand).rejects(bug);
    await expect(read()).rejects.toBe(bug);
  });
});
