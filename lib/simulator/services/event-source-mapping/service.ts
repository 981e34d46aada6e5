import { ServiceModule } from '../../world/world';
import { MAPPING_CHECKS } from './checks';
import { EventSourceMappingFacade } from './facade';
import { EventSourceMappingModel } from './mapping-model';
import { mappingSettingsFromTemplate } from './settings';
import './trace-events';

/**
 * Lambda's event source mappings (AWS::Lambda::EventSourceMapping): SQS queues polled in batches and handed to a
 * function synchronously. It holds the queue and function models it joins (both below it in the service order).
 */
export const EVENT_SOURCE_MAPPING_SERVICE: ServiceModule<EventSourceMappingFacade> = {
  name: 'event-source-mapping',
  models: [{ type: 'AWS::Lambda::EventSourceMapping', create: (r) => new EventSourceMappingModel(mappingSettingsFromTemplate(r)) }],
  checks: MAPPING_CHECKS,
  facade: (context) => new EventSourceMappingFacade(context),
};
