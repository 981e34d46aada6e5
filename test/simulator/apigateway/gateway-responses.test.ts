import { App, Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { AuthorizedApi } from '../../../lib';
import { Simulation } from '../../../lib/simulator';
import { GATEWAY_RESPONSES } from '../../../lib/simulator/services/apigateway/gateway-responses';
import { echo, message, policy, testFunction } from './support';

// GIVEN, synthesized once: an AuthorizedApi with CORS for one origin (preflight methods, CORS headers on API
// Gateway's 4XX and 5XX) and a TOKEN authorizer; a plain RestApi whose UNAUTHORIZED answer is customized
const stack = new Stack(new App(), 'Responses', { env: { account: '111111111111', region: 'eu-west-1' } });
const authFn = testFunction(stack, 'AuthFn');
const backend = testFunction(stack, 'Backend');
const corsApi = new AuthorizedApi(stack, 'Shop', {
  authorizer: { type: 'token', function: authFn },
  routes: { 'GET /cart': { function: backend } },
  cors: { allowOrigins: ['https://shop.example.com'] },
});
const plain = new apigateway.RestApi(stack, 'Plain', { deployOptions: { stageName: 'prod' } });
plain.root.addMethod('GET', new apigateway.LambdaIntegration(backend), {
  authorizer: new apigateway.TokenAuthorizer(stack, 'PlainAuth', { handler: authFn }),
});
plain.addGatewayResponse('Unauthorized', {
  type: apigateway.ResponseType.UNAUTHORIZED,
  statusCode: '401',
  responseHeaders: { 'WWW-Authenticate': '\'Bearer realm="shop"\'', 'X-Echo': 'method.request.header.X-Client' },
  templates: { 'application/json': '{"error":$context.error.messageString,"type":"$context.error.responseType","id":"$context.requestId"}' },
});

function simulation(): Simulation {
  const sim = Simulation.fromStack(stack);
  echo(sim, backend);
  sim.onInvoke(authFn, (e: { authorizationToken: string; methodArn: string }) => {
    if (e.authorizationToken !== 'Bearer ok') throw new Error('Unauthorized');
    return policy('u', 'Allow', e.methodArn);
  });
  return sim;
}

describe('API Gateway\'s own answers and mock integrations', () => {
  test('a CORS preflight is answered by its mock integration, without authorization: 204 with the CORS headers', async () => {
    const sim = simulation();
    const r = await sim.request(corsApi, { method: 'OPTIONS', path: '/cart', headers: { Origin: 'https://shop.example.com' } });
    expect(r.status).toBe(204);
    expect(r.headers).toMatchObject({ 'Access-Control-Allow-Origin': 'https://shop.example.com', 'Access-Control-Allow-Methods': expect.stringContaining('GET') });
    expect(sim.events({ type: 'apigateway.authorizerInvoked' })).toEqual([]);
  });

  test('a 401 carries the CORS header the pattern adds to DEFAULT_4XX, so a browser can read it', async () => {
    const sim = simulation();
    const r = await sim.request(corsApi, { method: 'GET', path: '/cart', headers: { Authorization: 'Bearer nope' } });
    expect([r.status, message(r), r.headers['Access-Control-Allow-Origin']]).toEqual([401, { message: 'Unauthorized' }, 'https://shop.example.com']);
    expect((await sim.request(corsApi, { method: 'GET', path: '/cart', headers: { Authorization: 'Bearer ok' } })).status).toBe(200);
  });

  test('a GatewayResponse changes its type\'s answer: headers from values or the request, a body template reading $context.error', async () => {
    const sim = simulation();
    const r = await sim.request(plain, { method: 'GET', path: '/', headers: { 'X-Client': 'c-9' } });
    expect(r.status).toBe(401);
    expect(r.headers).toMatchObject({ 'WWW-Authenticate': 'Bearer realm="shop"', 'X-Echo': 'c-9', 'x-amzn-ErrorType': 'UnauthorizedException' });
    expect(JSON.parse(r.body)).toEqual({ error: 'Unauthorized', type: 'UNAUTHORIZED', id: r.requestId });
    // Other types keep their defaults.
    const missing = await sim.request(plain, { method: 'GET', path: '/nowhere' });
    expect([missing.status, message(missing)]).toEqual([403, { message: 'Missing Authentication Token' }]);
  });
});

describe('the default gateway responses', () => {
  // Status codes, x-amzn-ErrorType values and default messages as the API Gateway developer guide lists them
  // ("Gateway response types"); access denials say Message, every other body message.
  test('each type answers its documented status, error type and message', () => {
    const table = Object.fromEntries(Object.entries(GATEWAY_RESPONSES).map(([type, a]) => [type, `${a.status} ${a.errorType} ${a.key}=${a.message}`]));
    expect(table).toEqual({
      MISSING_AUTHENTICATION_TOKEN: '403 MissingAuthenticationTokenException message=Missing Authentication Token',
      UNAUTHORIZED: '401 UnauthorizedException message=Unauthorized',
      ACCESS_DENIED: '403 AccessDeniedException Message=User is not authorized to access this resource',
      AUTHORIZER_CONFIGURATION_ERROR: '500 AuthorizerConfigurationException message=null',
      AUTHORIZER_FAILURE: '500 AuthorizerFailureException message=null',
      INVALID_API_KEY: '403 ForbiddenException message=Forbidden',
      THROTTLED: '429 TooManyRequestsException message=Too Many Requests',
      QUOTA_EXCEEDED: '429 LimitExceededException message=Limit Exceeded',
      BAD_REQUEST_PARAMETERS: '400 BadRequestException message=Missing required request parameters',
      UNSUPPORTED_MEDIA_TYPE: '415 UnsupportedMediaTypeException message=Unsupported Media Type',
      REQUEST_TOO_LARGE: '413 RequestTooLargeException message=Request Too Long',
      INTEGRATION_TIMEOUT: '504 InternalServerErrorException message=Endpoint request timed out',
      INTEGRATION_FAILURE: '502 InternalServerErrorException message=Internal server error',
      API_CONFIGURATION_ERROR: '500 InternalServerErrorException message=Internal server error',
      DEFAULT_5XX: '500 InternalServerErrorException message=Internal server error',
      EXPIRED_TOKEN: '403 ExpiredTokenException message=The security token included in the request is expired',
    });
  });
});

