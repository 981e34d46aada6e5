import { SQS_EVENT_SOURCE_LIMITS } from '../../../core/limits';
import { TemplateError, TemplateResource, isUnresolved } from '../../template';
import { filterPatterns } from './event-filter';

/** What the simulator reads from AWS::Lambda::EventSourceMapping, with Lambda's defaults (AWS-FACTS §10). */
export interface EventSourceMappingSettings {
  readonly logicalId: string;
  readonly eventSourceArn: string;
  /** FunctionName as the template gives it: a name, an ARN or a qualified ARN. */
  readonly functionName: string;
  readonly batchSize: number;
  readonly maximumBatchingWindowMs: number;
  readonly reportBatchItemFailures: boolean;
  readonly maximumConcurrency: number | undefined;
  readonly filterPatterns: readonly object[];
  readonly enabled: boolean;
}

export function mappingSettingsFromTemplate(r: TemplateResource): EventSourceMappingSettings {
  const scaling = r.prop('ScalingConfig') as { MaximumConcurrency?: unknown } | undefined;
  const types = r.prop('FunctionResponseTypes');
  return {
    logicalId: r.logicalId,
    eventSourceArn: identity(r, 'EventSourceArn'),
    functionName: identity(r, 'FunctionName'),
    batchSize: r.numberProp('BatchSize') ?? SQS_EVENT_SOURCE_LIMITS.batchSizeStandard.default!,
    maximumBatchingWindowMs: (r.numberProp('MaximumBatchingWindowInSeconds') ?? SQS_EVENT_SOURCE_LIMITS.maximumBatchingWindow.default!) * 1000,
    reportBatchItemFailures: Array.isArray(types) && types.includes('ReportBatchItemFailures'),
    maximumConcurrency: scaling?.MaximumConcurrency === undefined ? undefined : Number(scaling.MaximumConcurrency),
    filterPatterns: patterns(r),
    enabled: r.booleanProp('Enabled') ?? true,
  };
}

/** A name or ARN; one known only at deploy time (an imported queue) is kept as its description, matching nothing. */
function identity(r: TemplateResource, name: string): string {
  const v = r.prop(name);
  return isUnresolved(v) ? v.toString() : String(v ?? '');
}

function patterns(r: TemplateResource): object[] {
  try {
    return filterPatterns(r.prop('FilterCriteria'));
  } catch (e) {
    throw new TemplateError(r.logicalId, 'Properties.FilterCriteria', (e as Error).message);
  }
}
