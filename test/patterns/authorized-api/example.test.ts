import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { App, CfnElement } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { OrdersApiStack, apiWideResource } from '../../../examples/authorized-api/orders-api-stack';
import { VpcFunction, nagFindings } from '../../../lib';

// GIVEN the orders API example, synthesized once for the file
let stack: OrdersApiStack;
let template: Template;
beforeAll(() => {
  stack = new OrdersApiStack(new App(), 'OrdersApiExample');
  template = Template.fromStack(stack);
});

// The example's authorizer handler, run as Lambda would run it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const authorizer = require('../../../examples/authorized-api/handlers/authorizer/index.js') as { handler: (e: object) => Promise<{ principalId: string; policyDocument: { Statement: { Effect: string; Resource: string }[] } }> };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const health = require('../../../examples/authorized-api/handlers/health/index.js') as { handler: () => Promise<{ statusCode: number; body: string }> };
const METHOD_ARN = 'arn:aws:execute-api:eu-west-1:123456789012:abc123/prod/GET/orders/42';

describe('the orders API example', () => {
  test('fails if any of the five cdk-nag packs reports an error or a warning', () => {
    expect(nagFindings(stack).map((f) => `${f.severity} ${f.rule} at ${f.constructPath}`)).toEqual([]);
  });

  test('authorizes GET and POST with the TOKEN authorizer and leaves only /health public', () => {
    const methods = Object.values(template.findResources('AWS::ApiGateway::Method')).map((m) => `${m.Properties.HttpMethod} ${m.Properties.AuthorizationType}`).sort();
    expect(methods).toEqual(['GET CUSTOM', 'GET NONE', 'POST CUSTOM']);
  });

  test('throttles each method at 100 requests per second with a bucket of 200', () => {
    const [stage] = Object.values(template.findResources('AWS::ApiGateway::Stage'));
    expect(stage.Properties.MethodSettings[0]).toMatchObject({ ThrottlingRateLimit: 100, ThrottlingBurstLimit: 200 });
  });

  test('runs its functions in the private subnets, so Control Tower\'s CT.LAMBDA.PR.3 holds', () => {
    const functions = Object.values(template.findResources('AWS::Lambda::Function'));
    expect(functions.every((f) => f.Properties.VpcConfig?.SubnetIds.length === 2)).toBe(true);
  });
});

describe('the example\'s functions are VpcFunctions, each reaching only what it is granted', () => {
  /** The interface endpoints a function's security group may send HTTPS to, by service name. */
  function endpointsReachedBy(securityGroup: ec2.ISecurityGroup | undefined): string[] {
    const endpoints = Object.values(template.findResources('AWS::EC2::VPCEndpoint'));
    return Object.values(template.findResources('AWS::EC2::SecurityGroupEgress', { Properties: { GroupId: stack.resolve(securityGroup!.securityGroupId) } }))
      .map((egress) => endpoints.find((e) => JSON.stringify(e.Properties.SecurityGroupIds) === JSON.stringify([egress.Properties.DestinationSecurityGroupId])))
      .map((e) => e?.Properties.ServiceName).sort();
  }

  /** The statements of a VpcFunction's customer-managed policy that name the orders queue. */
  function onOrdersQueue(fn: VpcFunction): unknown[] {
    const id = stack.getLogicalId(fn.policy!.node.defaultChild as CfnElement);
    const queueArn = JSON.stringify(stack.resolve(stack.orders.queueArn));
    return template.toJSON().Resources[id].Properties.PolicyDocument.Statement.filter((st: { Resource: unknown }) => JSON.stringify(st.Resource) === queueArn);
  }

  test('the health check may read the orders queue\'s attributes, and nothing else of it; the orders function nothing of it', () => {
    expect(onOrdersQueue(stack.functions.health)).toEqual([{ Effect: 'Allow', Action: 'sqs:GetQueueAttributes', Resource: stack.resolve(stack.orders.queueArn) }]);
    expect(onOrdersQueue(stack.functions.getOrder)).toEqual([]);
  });

  test('the health check reaches SQS and X-Ray through their endpoints; the authorizer and the orders function only X-Ray', () => {
    expect(endpointsReachedBy(stack.functions.health.securityGroup)).toEqual(['com.amazonaws.eu-west-1.sqs', 'com.amazonaws.eu-west-1.xray']);
    expect(endpointsReachedBy(stack.functions.authorizer.securityGroup)).toEqual(['com.amazonaws.eu-west-1.xray']);
    expect(endpointsReachedBy(stack.functions.getOrder.securityGroup)).toEqual(['com.amazonaws.eu-west-1.xray']);
  });

  test('the public /health is throttled on its own, at 10 requests per second with a bucket of 20', () => {
    const [stage] = Object.values(template.findResources('AWS::ApiGateway::Stage'));
    expect(stage.Properties.MethodSettings).toContainEqual(expect.objectContaining({ HttpMethod: 'GET', ResourcePath: '/~1health', ThrottlingRateLimit: 10, ThrottlingBurstLimit: 20 }));
  });
});

describe('the example health check', () => {
  const queueUrl = 'https://sqs.eu-west-1.amazonaws.com/123456789012/orders';
  beforeEach(() => { process.env.ORDERS_QUEUE_URL = queueUrl; });
  afterEach(() => { jest.restoreAllMocks(); delete process.env.ORDERS_QUEUE_URL; });

  test('answers 200 ok when the orders queue answers, having asked it for its ARN only', async () => {
    const send = jest.spyOn(SQSClient.prototype, 'send').mockImplementation(async () => ({ Attributes: { QueueArn: 'arn' } }));
    const answer = await health.handler();
    expect([answer.statusCode, JSON.parse(answer.body)]).toEqual([200, { status: 'ok' }]);
    const [command] = send.mock.calls[0] as unknown as [GetQueueAttributesCommand];
    expect(command).toBeInstanceOf(GetQueueAttributesCommand);
    expect(command.input).toEqual({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] });
  });

  test('fails with 503 when the queue does not answer, telling the public caller nothing but the status', async () => {
    jest.spyOn(SQSClient.prototype, 'send').mockImplementation(async () => { throw Object.assign(new Error('denied: arn:aws:iam::123456789012:role/x'), { name: 'AccessDenied' }); });
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const answer = await health.handler();
    expect([answer.statusCode, answer.body]).toEqual([503, JSON.stringify({ status: 'unavailable' })]);
  });
});

describe('the example authorizer', () => {
  test('allows a known user on every route of the stage, so a cached answer holds for the next route too', async () => {
    const answer = await authorizer.handler({ type: 'TOKEN', authorizationToken: 'Bearer alice', methodArn: METHOD_ARN });
    expect(answer.principalId).toBe('alice');
    expect(answer.policyDocument.Statement).toEqual([expect.objectContaining({ Effect: 'Allow', Resource: 'arn:aws:execute-api:eu-west-1:123456789012:abc123/prod/*/*' })]);
  });

  test('fails if the token is missing or the user unknown: Unauthorized, which API Gateway answers with 401', async () => {
    await expect(authorizer.handler({ type: 'TOKEN', authorizationToken: 'Bearer mallory', methodArn: METHOD_ARN })).rejects.toThrow('Unauthorized');
    await expect(authorizer.handler({ type: 'TOKEN', methodArn: METHOD_ARN })).rejects.toThrow('Unauthorized');
  });

  test('writes the same API-wide resource as the docs\' snippet', () => {
    expect(apiWideResource(METHOD_ARN)).toBe('arn:aws:execute-api:eu-west-1:123456789012:abc123/prod/*/*');
  });
});
