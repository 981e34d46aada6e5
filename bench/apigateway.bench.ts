/**
 * API Gateway throughput (issue 13): requests through an AuthorizedApi on the simulator, per second of real time.
 * The target is 100,000 requests/s with a cached authorizer on one core.
 *
 *   node --expose-gc -r ts-node/register/transpile-only bench/apigateway.bench.ts [requests] [runs] [scenario name part]
 *
 * Scenarios, each on a fresh simulation of one stack (synthesized once):
 *   - token, cached:   GET /orders/{id} (a different id each request) behind a TOKEN authorizer whose policy
 *                      (the whole stage) is cached 300 s, answered by a Lambda proxy handler: the target's case;
 *   - token, TTL 0:    the same behind an authorizer without cache (one authorizer invocation per request);
 *   - queue, cached:   POST /orders behind the cached authorizer, the body sent to an SQS queue through the
 *                      mapping template and the integration role;
 *   - Cognito, cached: GET /orders/{id} with an access token, verified once by aws-jwt-verify, then from the cache.
 *
 * Requests are sent in chunks of 500 at one virtual instant, then the clock moves 100 ms: 5,000 requests per
 * virtual second, the stage's throttle, so every request is answered 200/202 (the bench checks it). Handlers are
 * synchronous. Each figure is the best of `runs` (default 3), with the median beside it.
 */
import { App, Duration, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { AuthorizedApi } from '../lib';
import { ApiRequestOptions, ApiResponse, Simulation, TokenAuthorizerEvent } from '../lib/simulator';

const REQUESTS = Number(process.argv[2] ?? 200_000);
const RUNS = Number(process.argv[3] ?? 3);
const ONLY = process.argv[4];
const CHUNK = 500;
const CHUNK_GAP = Duration.millis(100);
const THROTTLING = { rateLimit: 5_000, burstLimit: 5_000 };

const gc = (globalThis as { gc?: () => void }).gc;
const int = (n: number) => Math.round(n).toLocaleString('en-US');
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;

const app = new App();
const stack = new Stack(app, 'ApiBench', { env: { account: '123456789012', region: 'eu-west-1' } });
const fn = (id: string) => new lambda.Function(stack, id, {
  runtime: lambda.Runtime.NODEJS_24_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => ({})'), timeout: Duration.seconds(10),
});
const authFn = fn('Authorizer');
const getOrder = fn('GetOrder');
const orders = new sqs.Queue(stack, 'Orders', { encryption: sqs.QueueEncryption.SQS_MANAGED });
const routes = { 'GET /orders/{id}': { function: getOrder }, 'POST /orders': { queue: orders } };
const cached = new AuthorizedApi(stack, 'Cached', { authorizer: { type: 'token', function: authFn }, routes, throttling: THROTTLING });
const uncached = new AuthorizedApi(stack, 'Uncached', {
  authorizer: { type: 'token', function: authFn, resultsCacheTtl: Duration.seconds(0) }, routes: { 'GET /orders/{id}': { function: getOrder } }, throttling: THROTTLING,
});
const pool = new cognito.UserPool(stack, 'Users');
pool.addResourceServer('Scopes', { identifier: 'orders', scopes: [new cognito.ResourceServerScope({ scopeName: 'read', scopeDescription: 'read orders' })] });
pool.addClient('Shop', { oAuth: { scopes: [cognito.OAuthScope.custom('orders/read')] } });
const byCognito = new AuthorizedApi(stack, 'ByCognito', {
  authorizer: { type: 'cognito', userPool: pool, scopes: ['orders/read'] }, routes: { 'GET /orders/{id}': { function: getOrder } }, throttling: THROTTLING,
});

const ORDER_BODY = JSON.stringify({ status: 'placed' });

function simulation(): Simulation {
  const sim = Simulation.fromStack(stack, { trace: 'summary' });
  sim.onInvoke(getOrder, () => ({ statusCode: 200, headers: { 'content-type': 'application/json' }, body: ORDER_BODY }));
  sim.onInvoke(authFn, (event: TokenAuthorizerEvent) => {
    const [api, stage] = event.methodArn.split('/');
    return { principalId: 'alice', policyDocument: { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: `${api}/${stage}/*/*` }] } };
  });
  return sim;
}

interface Scenario {
  readonly name: string;
  readonly api: AuthorizedApi;
  readonly expected: number;
  request(i: number, token: string): ApiRequestOptions;
  token(sim: Simulation): Promise<string>;
}

const bearer = async () => 'Bearer alice';
const get = (i: number, token: string): ApiRequestOptions => ({ method: 'GET', path: `/orders/${i % 1_000}`, headers: { Authorization: token } });
const SCENARIOS: Scenario[] = [
  { name: 'token authorizer, cached, Lambda proxy', api: cached, expected: 200, token: bearer, request: get },
  {
    name: 'token authorizer, cached, Lambda proxy, every path new', api: cached, expected: 200, token: bearer,
    request: (i, token) => ({ method: 'GET', path: `/orders/${i}`, headers: { Authorization: token } }),
  },
  { name: 'token authorizer, TTL 0, Lambda proxy', api: uncached, expected: 200, token: bearer, request: get },
  { name: 'token authorizer, cached, SQS integration', api: cached, expected: 202, token: bearer, request: (i, token) => ({ method: 'POST', path: '/orders', headers: { Authorization: token }, body: { i } }) },
  {
    name: 'Cognito access token, cached, Lambda proxy', api: byCognito, expected: 200, request: get,
    token: async (sim) => (await sim.cognito.signIn(pool, { username: 'alice', scopes: ['orders/read'] })).accessToken,
  },
];

interface Result {
  /** Requests per second of real time. */
  readonly perSecond: number;
  /** Requests per second of the process's CPU time (user + system): what the figure is on a busy machine. */
  readonly perCpuSecond: number;
  readonly peakHeap: number;
}

/** Requests per second of real time and of CPU time for one run, after checking every answer. */
async function run(scenario: Scenario): Promise<Result> {
  const sim = simulation();
  const token = await scenario.token(sim);
  let peakHeap = 0;
  let unexpected: ApiResponse | undefined;
  gc?.();
  const start = process.hrtime.bigint();
  const cpuStart = process.cpuUsage();
  for (let sent = 0; sent < REQUESTS; sent += CHUNK) {
    const chunk: Promise<ApiResponse>[] = [];
    for (let i = sent; i < sent + CHUNK; i++) chunk.push(sim.request(scenario.api, scenario.request(i, token)));
    for (const r of await Promise.all(chunk)) if (r.status !== scenario.expected) unexpected ??= r;
    await sim.advance(CHUNK_GAP);
    if (sent % 50_000 === 0) peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const cpu = process.cpuUsage(cpuStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  if (unexpected) throw new Error(`${scenario.name}: expected ${scenario.expected}, got ${unexpected.status} ${unexpected.body}`);
  return { perSecond: REQUESTS / seconds, perCpuSecond: REQUESTS / cpuSeconds, peakHeap };
}

async function main(): Promise<void> {
  console.log(`${int(REQUESTS)} requests per run, best of ${RUNS} (median in brackets); Node ${process.version}`);
  const exact = SCENARIOS.filter((s) => s.name === ONLY);
  for (const scenario of exact.length > 0 ? exact : SCENARIOS.filter((s) => ONLY === undefined || s.name.includes(ONLY))) {
    const results: Result[] = [];
    for (let r = 0; r < RUNS; r++) results.push(await run(scenario));
    const figure = (pick: (x: Result) => number) => {
      const sorted = results.map(pick).sort((a, b) => a - b);
      return `${int(sorted[sorted.length - 1])} (${int(sorted[Math.floor(sorted.length / 2)])})`;
    };
    const peak = Math.max(...results.map((x) => x.peakHeap));
    console.log(`  ${scenario.name}: ${figure((x) => x.perSecond)} requests/s of real time, ${figure((x) => x.perCpuSecond)} per CPU second; peak heap ${mb(peak)}`);
  }
}

void main();
