// Replaying production traffic (package entry `decoupled-cdk/replay`): a queue's arrivals and what production saw,
// read from CloudWatch (or a CSV file of the same metrics), played through simulated configurations, compared and
// plotted. The CloudWatch SDK is loaded only when metrics are read, vega and vega-lite only when a plot is drawn.
export { readQueueTraffic } from './read-cloudwatch';
export type { ReadProgress, ReadQueueTrafficOptions } from './read-cloudwatch';
export { createCloudWatchClient, DEFAULT_MAX_ATTEMPTS } from './client';
export type { CloudWatchConnection } from './client';
export { parseTrafficCsv, readTrafficCsv, trafficToCsv } from './csv';
export type { ReadCsvOptions } from './csv';
export { QUEUE_METRICS, QUEUE_METRIC_KEYS } from './traffic';
export type { QueueMetric, QueueMetricKey, QueueTraffic } from './traffic';
export type { RecordedArrivals } from './arrivals';
export type { MetricSeries, SeriesFrame, SeriesStat } from './series';
export { CLOUDWATCH_RESOLUTIONS, metricWindow } from './resolution';
export type { MetricWindow, Resolution, WindowRequest } from './resolution';
export { percentile, summarizeTraffic } from './summary';
export type { CapacityUsed, SummaryInput, TrafficSummary } from './summary';
export { compareTraffic, renderComparison } from './comparison';
export type { Comparison, ComparisonColumn, ComparisonRow } from './comparison';
export { ReplayError, GET_METRIC_DATA_ACTION, GET_METRIC_DATA_RESOURCE } from './errors';
export type { ReplayErrorCode } from './errors';
export { playArrivals } from './play';
export type { PlayArrivalsOptions, PlayProgress, SimulatedRun } from './play';
export type { AttachedConsumer, ReplayConsumer } from './consumer';
export { lambdaConsumer, DEFAULT_TIME_PER_INVOCATION } from './lambda-consumer';
export type { LambdaConsumerOptions } from './lambda-consumer';
export { fleetConsumer } from './fleet-consumer';
export type { FleetConsumerOptions } from './fleet-consumer';
export { stackConsumer } from './stack-consumer';
export type { StackConsumerOptions } from './stack-consumer';
export { replayThroughStacks } from './replay-stacks';
export type { ReplayStacksOptions } from './replay-stacks';
export { plotReplay, replayPlotSpec } from './plot';
export type { ReplayPlotOptions } from './plot';
export { replayCommand, REPLAY_HELP, REPLAY_OPTIONS } from './command';
export type { CommandIo } from './command';
