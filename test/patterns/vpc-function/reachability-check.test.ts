import { Aspects, Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { GrantedServicesReachable, VPC_FUNCTION_RULES, VpcFunction } from '../../../lib';
import { FUNCTION_PROPS, errorAnnotationsIn, isolatedVpc, natVpc, newStack, synthFailureOf } from './support';

const runtime = lambda.Runtime.NODEJS_24_X;

describe('GrantedServicesReachable', () => {
  // GIVEN an app checked by the Aspect, with plain functions (made without the pattern) in VPCs
  let check: GrantedServicesReachable;
  let routed: VpcFunction;
  let failure: string;
  let errors: { path: string; message: string }[];
  beforeAll(() => {
    const stack = newStack();
    check = new GrantedServicesReachable();
    Aspects.of(stack.node.root).add(check);
    const isolated = isolatedVpc(stack, 'Isolated');
    const queue = new sqs.Queue(stack, 'Queue');
    // granted SQS in isolated subnets with no SQS endpoint
    const stranded = new lambda.Function(stack, 'Stranded', { ...FUNCTION_PROPS, runtime, vpc: isolated });
    queue.grantSendMessages(stranded);
    // granted S3 in the same subnets, with an S3 gateway endpoint for them: reachable
    isolated.addGatewayEndpoint('S3', { service: ec2.GatewayVpcEndpointAwsService.S3 });
    const reader = new lambda.Function(stack, 'Reader', { ...FUNCTION_PROPS, runtime, vpc: isolated });
    new s3.Bucket(stack, 'Bucket').grantRead(reader);
    // granted SQS in subnets with a NAT route and all outbound open: reachable
    const behindNat = new lambda.Function(stack, 'BehindNat', { ...FUNCTION_PROPS, runtime, vpc: natVpc(stack, 'WithNat') });
    queue.grantSendMessages(behindNat);
    // outside any VPC: reaches everything
    queue.grantSendMessages(new lambda.Function(stack, 'Outside', { ...FUNCTION_PROPS, runtime }));
    // routed by the pattern in the same isolated VPC: reachable through the endpoint it makes
    routed = new VpcFunction(stack, 'Routed', { vpc: isolated, functionProps: FUNCTION_PROPS });
    queue.grantSendMessages(routed.function);
    // WHEN it is synthesized
    failure = synthFailureOf(stack);
    errors = errorAnnotationsIn(stack);
  });

  test('reports the function granted SQS whose only route is blocked: the endpoint the pattern made admits the routed function only', () => {
    // THEN the error fails the synth (under @aws-cdk/core:annotationsInValidationReport, as `cdk synth` would)
    expect(failure).toContain(`Test/Stranded is granted Amazon SQS (sqs:GetQueueAttributes, sqs:GetQueueUrl, sqs:SendMessage) but cannot reach it`);
    // AND it is the one error, on the stranded function
    expect(errors.map((e) => e.path)).toEqual(['Test/Stranded']);
    expect(errors[0].message).toContain('Test/Stranded is granted Amazon SQS (sqs:GetQueueAttributes, sqs:GetQueueUrl, sqs:SendMessage) but cannot reach it');
    expect(errors[0].message).toContain('the sqs endpoint\'s security group admits no HTTPS (tcp/443) from the function\'s security groups; and subnets Test/Isolated/IsolatedSubnet1, Test/Isolated/IsolatedSubnet2 have no NAT route');
    expect(errors[0].message).toContain(VPC_FUNCTION_RULES.unreachableService.code);
  });

  test('reports nothing for a gateway endpoint route, a NAT route, no VPC, or a function the pattern routed', () => {
    expect(check.findings.map((f) => `${f.functionPath} ${f.service}`)).toEqual(['Test/Stranded sqs']);
    expect(routed.endpoints.sqs.origin).toBe('made');
  });

  test('reports a function with no endpoint at all for its grant', () => {
    const other = new Stack(undefined, 'NoEndpoint');
    const aspect = new GrantedServicesReachable();
    Aspects.of(other).add(aspect);
    new sqs.Queue(other, 'Queue').grantSendMessages(new lambda.Function(other, 'Fn', { ...FUNCTION_PROPS, runtime, vpc: isolatedVpc(other) }));
    expect(synthFailureOf(other)).toContain(VPC_FUNCTION_RULES.unreachableService.code);
    expect(aspect.findings.map((f) => f.reach.blockedBy)).toEqual([
      'the VPC has no interface endpoint for sqs; and subnets NoEndpoint/Vpc/IsolatedSubnet1, NoEndpoint/Vpc/IsolatedSubnet2 have no NAT route',
    ]);
  });

  test('can report as a warning instead, to acknowledge by its code', () => {
    const other = new Stack(undefined, 'Other');
    Aspects.of(other).add(new GrantedServicesReachable({ severity: 'warning' }));
    new sqs.Queue(other, 'Queue').grantSendMessages(new lambda.Function(other, 'Fn', { ...FUNCTION_PROPS, runtime, vpc: isolatedVpc(other) }));
    const annotations = Annotations.fromStack(other);
    expect(annotations.findError('*', Match.anyValue())).toEqual([]);
    expect(annotations.findWarning('*', Match.stringLikeRegexp('cannot reach it'))).toHaveLength(1);
  });
});
