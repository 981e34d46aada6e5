import { ServiceModule } from '../world/world';
import { API_GATEWAY_SERVICE } from './apigateway/service';
import { COGNITO_SERVICE } from './cognito/service';
import { AUTOSCALING_SERVICE } from './autoscaling/service';
import { CLOUDWATCH_SERVICE } from './cloudwatch/service';
import { EC2_SERVICE } from './ec2/service';
import { ECS_SERVICE } from './ecs/service';
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
export const SERVICES: readonly ServiceModule[] = [SNS_SERVICE, SQS_SERVICE, KMS_SERVICE, IAM_SERVICE, EVENT_SOURCE_MAPPING_SERVICE, LAMBDA_SERVICE, VPC_SERVICE,
  COGNITO_SERVICE, API_GATEWAY_SERVICE, CLOUDWATCH_SERVICE, ECS_SERVICE, EC2_SERVICE, AUTOSCALING_SERVICE];
