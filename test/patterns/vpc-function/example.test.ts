import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { ReportsVpcStack } from '../../../examples/vpc-function/reports-stack';
import { GrantedServicesReachable, nagFindings } from '../../../lib';
import { checkReachability } from '../../../examples/vpc-function/usage';
import { endpointsIn } from './support';

// GIVEN the reports example in an app checked by GrantedServicesReachable, synthesized once for the file
let check: GrantedServicesReachable;
let stack: ReportsVpcStack;
let template: Template;
beforeAll(() => {
  const app = new App();
  check = checkReachability(app);
  stack = new ReportsVpcStack(app, 'ReportsExample');
  template = Template.fromStack(stack);
});

describe('the reports example', () => {
  test('fails if any of the five cdk-nag packs reports an error or a warning', () => {
    expect(nagFindings(stack).map((f) => `${f.severity} ${f.rule} at ${f.constructPath}`)).toEqual([]);
  });

  test('gets the endpoints of the grants made after the function: SNS and SSM, and X-Ray for its traces; not KMS (SNS calls it)', () => {
    expect(endpointsIn(template)).toEqual(['Interface sns', 'Interface ssm', 'Interface xray']);
  });

  test('the function\'s security group opens HTTPS to those three endpoints and nothing else', () => {
    const egress = Object.values(template.findResources('AWS::EC2::SecurityGroupEgress')).map((r) => r.Properties.Description);
    expect(egress.sort()).toEqual(['HTTPS to the sns interface endpoint', 'HTTPS to the ssm interface endpoint', 'HTTPS to the xray interface endpoint']);
  });

  test('the app-wide check finds every grant reachable (it fires on a blocked one in reachability-check.test.ts)', () => {
    expect(check.findings).toEqual([]);
  });

  test('costs 3 interface endpoints in 2 AZs a month before data', () => {
    expect(stack.reports.cost.monthlyUsd).toBe(43.8);
  });
});
