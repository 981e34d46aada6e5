import { PatternDescription } from '../../core';
import { routeCost } from './cost';
import { VPC_FUNCTION_DEFAULT_DEFINITIONS } from './defaults';
import { VPC_FUNCTION_RULES } from './rules';

/** VpcFunction as the catalog and the command line present it. */
export const VPC_FUNCTION_PATTERN: PatternDescription = {
  name: 'VpcFunction',
  summary: 'A Lambda function in private subnets with exactly the routes its grants need: a VPC endpoint per granted service (or a NAT route), derived when the app is synthesized.',
  chooseWhen: [
    'The function must reach private resources (a database, an internal API) and AWS services, or an organisation requires functions in a VPC (Control Tower CT.LAMBDA.PR.3).',
    'Not when the function needs nothing private: outside a VPC it reaches every AWS service with no endpoint to pay for.',
    'egress \'nat\' when the function calls the internet or many services: past about 3 interface endpoints in 2 AZs a NAT gateway costs less per hour (check per GB too).',
  ],
  rules: Object.values(VPC_FUNCTION_RULES),
  defaults: VPC_FUNCTION_DEFAULT_DEFINITIONS,
  costs: routeCost([]).notes,
};
