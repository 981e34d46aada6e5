import { App, Aspects } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { GrantedRoutes, GrantedServicesReachable, routeGrantedServices } from '../../lib';

/** The app-wide check: every Lambda function of the app granted a service its subnets cannot reach fails the synth. */
export function checkReachability(app: App): GrantedServicesReachable {
  // README: vpc-function-check
  const check = new GrantedServicesReachable();
  Aspects.of(app).add(check);
  // README: end
  return check;
}

/** The routes of a function made without VpcFunction (what QueueConsumer does for `functionProps.vpc`). */
export function routeFunction(fn: lambda.Function, vpc: ec2.IVpc): GrantedRoutes {
  // README: vpc-function-routes
  const routes = routeGrantedServices(fn, { vpc });
  // README: end
  return routes;
}
