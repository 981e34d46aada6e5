import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { OrdersApiStack, apiWideResource } from '../../../examples/authorized-api/orders-api-stack';
import { nagFindings } from '../../../lib';

// GIVEN the orders API example, synthesized once for the file
const app = new App();
const stack = new OrdersApiStack(app, 'OrdersApiExample');
const template = Template.fromStack(stack);

// The example's authorizer handler, run as Lambda would run it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const authorizer = require('../../../examples/authorized-api/handlers/authorizer/index.js') as { handler: (e: object) => Promise<{ principalId: string; policyDocument: { Statement: { Effect: string; Resource: string }[] } }> };
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
