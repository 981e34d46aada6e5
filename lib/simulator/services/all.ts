import { ServiceModule } from '../world/world';
import { EVENT_SOURCE_MAPPING_SERVICE } from './event-source-mapping/service';
import { IAM_SERVICE } from './iam/service';
import { KMS_SERVICE } from './kms/service';
import { LAMBDA_SERVICE } from './lambda/service';
import { SNS_SERVICE } from './sns/service';
import { SQS_SERVICE } from './sqs/service';
import { VPC_SERVICE } from './vpc/service';

/**
 * The services every simulation runs: adding a service is one line here (docs/simulator-architecture.md).
 * Within a severity, findings() lists each service's findings in this order.
 */
export const SERVICES: readonly ServiceModule[] = [SNS_SERVICE, SQS_SERVICE, KMS_SERVICE, IAM_SERVICE, EVENT_SOURCE_MAPPING_SERVICE, LAMBDA_SERVICE, VPC_SERVICE];
