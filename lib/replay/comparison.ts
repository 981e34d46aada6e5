import { TrafficSummary } from './summary';

/** One column of the comparison: production, or a simulated configuration. */
export interface ComparisonColumn {
  /** `production`, or what was simulated (`ThumbnailsStack, scaling on backlog per task`). */
  readonly heading: string;
  readonly summary: TrafficSummary;
}

/** One line of the comparison: a measure and its value in each column (undefined: not known there). */
export interface ComparisonRow {
  readonly measure: string;
  readonly values: readonly (string | undefined)[];
}

/** Production and any simulated configurations, measure by measure. */
export interface Comparison {
  readonly headings: readonly string[];
  readonly rows: readonly ComparisonRow[];
}

const count = (n: number) => Math.round(n).toLocaleString('en-US');
const seconds = (n: number) => `${count(n)} s`;

/** The measures, in the order shown; each reads one value of a summary and writes it for people. */
const MEASURES: readonly { readonly measure: string; readonly value: (s: TrafficSummary) => string | undefined }[] = [
  { measure: 'messages sent', value: (s) => count(s.messages) },
  { measure: 'arrivals in the busiest minute', value: (s) => count(s.peakArrivalsPerMinute) },
  { measure: 'arrivals per minute, mean', value: (s) => s.meanArrivalsPerMinute.toFixed(1) },
  { measure: 'age of oldest message, p95', value: (s) => (s.ageOfOldestP95Seconds === undefined ? undefined : seconds(s.ageOfOldestP95Seconds)) },
  { measure: 'age of oldest message, max', value: (s) => (s.ageOfOldestMaxSeconds === undefined ? undefined : seconds(s.ageOfOldestMaxSeconds)) },
  { measure: 'peak depth (visible messages)', value: (s) => (s.peakDepth === undefined ? undefined : count(s.peakDepth)) },
  { measure: 'capacity, peak', value: (s) => (s.capacity ? `${count(s.capacity.peak)} ${s.capacity.unit}${s.capacity.peak === 1 ? '' : 's'}` : undefined) },
  { measure: 'capacity, hours', value: (s) => (s.capacity ? `${s.capacity.hours.toFixed(1)} ${s.capacity.hoursUnit ?? `${s.capacity.unit}-hours`}` : undefined) },
];

/**
 * The comparison of production with simulated configurations. Production comes first; every other column is a
 * configuration played on production's arrivals. A measure a column cannot know (production's capacity, which
 * the queue's metrics do not tell) is left undefined and shown as a dash.
 */
export function compareTraffic(production: TrafficSummary, simulated: readonly ComparisonColumn[] = []): Comparison {
  const columns: ComparisonColumn[] = [{ heading: 'production', summary: production }, ...simulated];
  return {
    headings: columns.map((c) => c.heading),
    rows: MEASURES.map((m) => ({ measure: m.measure, values: columns.map((c) => m.value(c.summary)) })),
  };
}

/** The comparison as a text table: measures left, one right-aligned column each. */
export function renderComparison(comparison: Comparison): string {
  const cells = comparison.rows.map((r) => r.values.map((v) => v ?? '—'));
  const labelWidth = Math.max(0, ...comparison.rows.map((r) => r.measure.length));
  const widths = comparison.headings.map((h, i) => Math.max(h.length, ...cells.map((row) => row[i].length)));
  const line = (label: string, values: readonly string[]) => [label.padEnd(labelWidth), ...values.map((v, i) => v.padStart(widths[i]))].join('   ').trimEnd();
  return [line('', comparison.headings), ...comparison.rows.map((r, i) => line(r.measure, cells[i]))].join('\n');
}
