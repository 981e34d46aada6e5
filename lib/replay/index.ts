// Replaying production traffic: a queue's arrivals and what production saw, read from CloudWatch (or a CSV file of
// the same metrics), summarized for the comparison with simulated configurations. The CloudWatch SDK is loaded
// only when metrics are read.
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
export { replayCommand, REPLAY_HELP } from './command';
export type { CommandIo } from './command';
