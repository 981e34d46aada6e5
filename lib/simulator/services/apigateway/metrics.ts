import { Datapoint, MetricRegistry, MetricSource, MetricUnit, StatisticSeries } from '../../world/metrics';

/** CloudWatch's namespace for API Gateway; REST API metrics have the dimensions ApiName and Stage. */
export const API_GATEWAY_NAMESPACE = 'AWS/ApiGateway';

/** A metric read from a statistic series the stage records into (one value per request). */
class SeriesMetric implements MetricSource {
  public readonly namespace = API_GATEWAY_NAMESPACE;
  constructor(
    public readonly metricName: string,
    public readonly dimensions: Readonly<Record<string, string>>,
    public readonly unit: MetricUnit,
    private readonly series: StatisticSeries,
  ) {}

  public datapoints(startMs: number, endMs: number, periodMs: number): Datapoint[] {
    return this.series.datapoints(startMs, endMs, periodMs);
  }
}

/**
 * What a stage records per request, as API Gateway publishes it: `Count`; `4XXError` and `5XXError` as 1 or 0
 * per request (their Sum is the errors, their Average the error rate); `Latency` (the whole request) and
 * `IntegrationLatency` (requests that reached an integration), in milliseconds on the virtual clock.
 */
export class StageMetrics {
  private readonly count = new StatisticSeries();
  private readonly clientErrors = new StatisticSeries();
  private readonly serverErrors = new StatisticSeries();
  private readonly latency = new StatisticSeries();
  private readonly integrationLatency = new StatisticSeries();

  constructor(registry: MetricRegistry, apiName: string, stage: string) {
    const dimensions = { ApiName: apiName, Stage: stage };
    registry.add(new SeriesMetric('Count', dimensions, 'Count', this.count));
    registry.add(new SeriesMetric('4XXError', dimensions, 'Count', this.clientErrors));
    registry.add(new SeriesMetric('5XXError', dimensions, 'Count', this.serverErrors));
    registry.add(new SeriesMetric('Latency', dimensions, 'Milliseconds', this.latency));
    registry.add(new SeriesMetric('IntegrationLatency', dimensions, 'Milliseconds', this.integrationLatency));
  }

  /** One request answered at `now` (virtual ms): its status, its latency, and its integration's when it reached one. */
  public record(now: number, status: number, latencyMs: number, integrationLatencyMs: number | undefined): void {
    this.count.record(now, 1);
    this.clientErrors.record(now, status >= 400 && status < 500 ? 1 : 0);
    this.serverErrors.record(now, status >= 500 ? 1 : 0);
    this.latency.record(now, latencyMs);
    if (integrationLatencyMs !== undefined) this.integrationLatency.record(now, integrationLatencyMs);
  }
}
