import { Duration } from 'aws-cdk-lib';
import { CatalogScenario, SeriesPoint, barChart, timeSeriesChart } from '../../lib/catalog';
import { ApiRequestOptions, ApiResponse, Simulation, TokenAuthorizerEvent } from '../../lib/simulator';
import { OrdersApiStack } from './orders-api-stack';

// How the orders API answers, played when the catalog is built (docs/catalog.md, "Scenarios"), with the example's own
// authorizer and orders function (`'inline'`: their code in handlers/). The health function calls SQS through the AWS
// SDK, which the simulator does not intercept: a handler here answers as it does when the queue answers.

const ALICE = { Authorization: 'Bearer alice', 'X-Tenant-Id': 'acme' };

/** The stack on a fresh simulation, every function with the example's code, or a stand-in for the authorizer. */
function ordersApi(stack: OrdersApiStack, authorizer: 'inline' | ((event: TokenAuthorizerEvent) => unknown) = 'inline'): Simulation {
  const sim = Simulation.fromStack(stack, { trace: 'summary' });
  sim.onInvoke(stack.functions.getOrder.function, 'inline');
  sim.onInvoke(stack.functions.authorizer.function, authorizer);
  sim.onInvoke(stack.functions.health.function, () => ({ statusCode: 200, body: JSON.stringify({ status: 'ok' }) }));
  return sim;
}

const count = (sim: Simulation, type: string) => sim.trace.count(type);

/** The authorizer the pitfall is about: a policy naming only the method it was called for. */
const methodArnOnly = (event: TokenAuthorizerEvent) => ({
  principalId: 'alice',
  policyDocument: { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: event.methodArn }] },
});

/** Alice's requests, one every 10 s for 12 minutes: she reads an order, places one, reads the next… */
async function alicesSession(sim: Simulation, stack: OrdersApiStack, label: string) {
  const allowed: SeriesPoint[] = [];
  /** The requests by outcome and by who answered: `allowed, authorizer invoked`, `denied (403), cached answer`. */
  const outcomes = new Map<string, number>();
  let ok = 0;
  let denied = 0;
  for (let i = 0; i < 72; i++) {
    const request: ApiRequestOptions = i % 2 === 0 ? { method: 'GET', path: `/orders/${i}`, headers: ALICE } : { method: 'POST', path: '/orders', headers: ALICE, body: { item: 'pen', n: i } };
    const hits = count(sim, 'apigateway.authorizerCacheHit');
    const r = await sim.request(stack.api, request);
    if (r.status < 300) ok++;
    if (r.status === 403) denied++;
    const outcome = `${r.status < 300 ? 'allowed' : `denied (${r.status})`}, ${count(sim, 'apigateway.authorizerCacheHit') > hits ? 'cached answer' : 'authorizer invoked'}`;
    outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
    allowed.push({ time: sim.now, value: ok });
    await sim.advance(Duration.seconds(10));
  }
  return { label, allowed, outcomes, ok, denied, invoked: count(sim, 'apigateway.authorizerInvoked'), cacheHits: count(sim, 'apigateway.authorizerCacheHit') };
}

const cachePitfall: CatalogScenario<OrdersApiStack> = {
  stack: OrdersApiStack,
  name: 'The authorizer cache pitfall, and the example\'s stage-wide policy',
  shows: 'API Gateway caches a TOKEN authorizer\'s answer for 300 s per token and evaluates its policy against every request made with that token, whatever the route. Alice reads an order, places one, reads another, every 10 s for 12 minutes: an authorizer whose policy names only event.methodArn lets the first request of each cache period through and denies the rest; the example\'s authorizer names the whole stage (arn…/{stage}/*/*) and every request passes, with the authorizer invoked once per 300 s.',
  async run(stack) {
    const pitfall = await alicesSession(ordersApi(stack, methodArnOnly), stack, 'for event.methodArn only');
    const example = await alicesSession(ordersApi(stack), stack, 'stage-wide (the example)');
    const runs = [pitfall, example];
    return {
      outcomes: runs.map((r) => `The authorizer's policy ${r.label}: ${r.ok} of 72 requests allowed, ${r.denied} denied (403); the authorizer ran ${r.invoked} times, its cached answer was used ${r.cacheHits} times.`),
      tables: [{
        title: 'Alice\'s 72 requests, by authorizer',
        columns: ['authorizer\'s policy', 'allowed', 'denied (403)', 'authorizer invocations', 'cache hits'],
        rows: runs.map((r) => [r.label, r.ok, r.denied, r.invoked, r.cacheHits]),
      }],
      plots: [
        { title: 'Requests allowed over time', vegaLite: timeSeriesChart(Object.fromEntries(runs.map((r) => [r.label, r.allowed])), { title: 'Alice\'s requests allowed, one every 10 s (the cache holds an answer 300 s)', y: 'requests allowed', timeUnit: 'minutes', step: true }) },
        { title: 'Authorizer invocations, cache hits and denials', vegaLite: barChart(runs.flatMap((r) => [...r.outcomes].map(([part, value]) => ({ category: r.label, part, value }))), { title: 'Alice\'s 72 requests: allowed or denied, by the authorizer or its cache', x: 'authorizer\'s policy', y: 'requests' }) },
      ],
    };
  },
};

/** What API Gateway answered, in a few words: the message id, the order, or its own error message. */
function answer(r: ApiResponse): string {
  const body = JSON.parse(r.body || '{}') as Record<string, unknown>;
  if (body.messageId !== undefined) return 'a message id';
  return String(body.message ?? body.Message ?? JSON.stringify(body));
}

const whoGetsIn: CatalogScenario<OrdersApiStack> = {
  stack: OrdersApiStack,
  name: 'Who gets in, and where a POST goes',
  shows: 'Requests a client may make, through API Gateway\'s pipeline in order: routing, the TOKEN authorizer (the example knows alice and bob), the SQS integration of POST /orders (the body is the message, X-Tenant-Id a message attribute, 202 with the message id), the orders function, and the public health check.',
  async run(stack) {
    const sim = ordersApi(stack);
    const requests: { readonly who: string; readonly request: ApiRequestOptions }[] = [
      { who: 'alice', request: { method: 'POST', path: '/orders', headers: ALICE, body: { item: 'pen', quantity: 3 } } },
      { who: 'alice', request: { method: 'GET', path: '/orders/42', headers: ALICE } },
      { who: 'mallory (an unknown token)', request: { method: 'GET', path: '/orders/42', headers: { Authorization: 'Bearer mallory' } } },
      { who: 'no token', request: { method: 'POST', path: '/orders', body: { item: 'pen' } } },
      { who: 'no token', request: { method: 'GET', path: '/health' } },
      { who: 'alice', request: { method: 'DELETE', path: '/orders/42', headers: ALICE } },
    ];
    const rows = [];
    for (const { who, request } of requests) {
      const invoked = count(sim, 'apigateway.authorizerInvoked');
      const hits = count(sim, 'apigateway.authorizerCacheHit');
      const r = await sim.request(stack.api, request);
      const authorizer = count(sim, 'apigateway.authorizerInvoked') > invoked ? 'invoked' : count(sim, 'apigateway.authorizerCacheHit') > hits ? 'cached answer' : 'not called';
      rows.push([`${request.method} ${request.path}`, who, authorizer, r.status, answer(r)]);
    }
    const [message] = sim.queue(stack.orders).visible;
    return {
      outcomes: [
        `The queue holds ${sim.queue(stack.orders).counts.visible} message: ${message.body}, with the attribute X-Tenant-Id = ${message.attributes?.['X-Tenant-Id']?.StringValue}; no function ran for it.`,
        `The authorizer ran ${count(sim, 'apigateway.authorizerInvoked')} times for ${requests.length} requests: a request without a token, a public route and a route that does not exist never reach it.`,
      ],
      tables: [{ title: 'Requests and API Gateway\'s answers', columns: ['request', 'caller', 'authorizer', 'status', 'answer'], rows }],
    };
  },
};

const SECONDS = 5;
const ORDERS_PER_TENTH = 30;
const HEALTH_PER_TENTH = 2;

const throttling: CatalogScenario<OrdersApiStack> = {
  stack: OrdersApiStack,
  name: 'Throttling: 300 orders a second against 100 a second, burst 200',
  shows: 'The stage lets 100 requests a second through each method, with a bucket of 200 for bursts; GET /health has its own 10 a second, burst 20. For 5 seconds alice places 300 orders a second and a monitor checks the health 20 times a second: the bucket is spent in the first second, then 100 orders a second get 202 and the rest 429 Too Many Requests, before any function or queue is reached.',
  async run(stack) {
    const sim = ordersApi(stack);
    // The first request fills the authorizer's cache; two seconds later the stage's buckets are full again.
    await sim.request(stack.api, { method: 'POST', path: '/orders', headers: ALICE, body: {} });
    await sim.advance(Duration.seconds(2));
    const start = sim.now;
    const perSecond = Array.from({ length: SECONDS }, (_, s) => ({ second: s, accepted: 0, throttled: 0 }));
    const routes = { 'POST /orders': { sent: 0, accepted: 0, throttled: 0 }, 'GET /health': { sent: 0, accepted: 0, throttled: 0 } };
    for (let tenth = 0; tenth < SECONDS * 10; tenth++) {
      const orders = Array.from({ length: ORDERS_PER_TENTH }, (_, i) => sim.request(stack.api, { method: 'POST', path: '/orders', headers: ALICE, body: { tenth, i } }));
      const checks = Array.from({ length: HEALTH_PER_TENTH }, () => sim.request(stack.api, { method: 'GET', path: '/health' }));
      for (const [route, responses] of [['POST /orders', await Promise.all(orders)], ['GET /health', await Promise.all(checks)]] as const) {
        for (const r of responses) {
          const outcome = r.status < 300 ? 'accepted' : r.status === 429 ? 'throttled' : undefined;
          if (!outcome) throw new Error(`${route} answered ${r.status} ${r.body}: only 2XX and 429 are expected`);
          routes[route].sent++;
          routes[route][outcome]++;
          if (route === 'POST /orders') perSecond[Math.floor((sim.now - start) / 1_000)][outcome]++;
        }
      }
      await sim.advance(Duration.millis(100));
    }
    const total = (k: 'accepted' | 'throttled') => perSecond.reduce((n, s) => n + s[k], 0);
    return {
      outcomes: [
        `POST /orders: ${total('accepted')} accepted (202), ${total('throttled')} throttled (429) of ${SECONDS * 10 * ORDERS_PER_TENTH}; the queue received ${sim.queue(stack.orders).counts.visible - 1} of them.`,
        `GET /health: ${routes['GET /health'].accepted} answered, ${routes['GET /health'].throttled} throttled of ${routes['GET /health'].sent}, by its own limit.`,
      ],
      tables: [{ title: 'Requests by route', columns: ['route', 'sent', 'accepted', 'throttled (429)'], rows: Object.entries(routes).map(([route, r]) => [route, r.sent, r.accepted, r.throttled]) }],
      plots: [{
        title: 'Orders accepted and throttled, second by second',
        vegaLite: barChart(perSecond.flatMap((s) => [{ category: `${s.second}–${s.second + 1} s`, part: 'accepted (202)', value: s.accepted }, { category: `${s.second}–${s.second + 1} s`, part: 'throttled (429)', value: s.throttled }]), { title: 'POST /orders at 300 a second: accepted and throttled', x: 'second', y: 'requests' }),
      }],
    };
  },
};

export const CATALOG_SCENARIOS = [cachePitfall, whoGetsIn, throttling];
