/**
 * Evaluations per second of a realistic 5-key filter policy, interpreted (filterPolicyMatches,
 * which parses the policy on every call) against compiled (compileFilterPolicy once, then
 * matches). Run: npx ts-node --transpile-only bench/filter-policy.bench.ts
 */
import { compileFilterPolicy, filterPolicyMatches, FilterMessage, FilterScope } from '../lib/filter-policy';

const POLICY = {
  event: ['order_placed', 'order_cancelled'],
  region: [{ prefix: 'eu-' }],
  price_usd: [{ numeric: ['>=', 100, '<', 1000] }],
  channel: [{ 'anything-but': ['test', 'internal'] }],
  customer_id: [{ exists: true }],
};

const EVENTS = ['order_placed', 'order_cancelled', 'order_shipped'];
const REGIONS = ['eu-west-1', 'us-east-1', 'eu-central-1'];
const CHANNELS = ['web', 'mobile', 'test'];

function attributeMessage(i: number): FilterMessage {
  const attributes: Record<string, { Type: 'String' | 'Number'; Value: string }> = {
    event: { Type: 'String', Value: EVENTS[i % 3] },
    region: { Type: 'String', Value: REGIONS[(i >> 1) % 3] },
    price_usd: { Type: 'Number', Value: String((i * 37) % 1500) },
    channel: { Type: 'String', Value: CHANNELS[(i >> 2) % 3] },
  };
  if (i % 5 !== 0) {
    attributes.customer_id = { Type: 'String', Value: `c-${i}` };
  }
  return { attributes };
}

function bodyMessage(i: number): FilterMessage {
  const { attributes } = attributeMessage(i);
  const body: Record<string, unknown> = { detail: { note: 'x'.repeat(i % 40) } };
  for (const [key, value] of Object.entries(attributes ?? {})) {
    body[key] = value.Type === 'Number' ? Number(value.Value) : value.Value;
  }
  return { body: JSON.stringify(body) };
}

function measure(label: string, evaluate: (m: FilterMessage) => boolean, messages: FilterMessage[], seconds: number): void {
  let matched = 0;
  let evaluations = 0;
  // Warm up the JIT before timing.
  for (let i = 0; i < 100_000; i++) {
    matched += evaluate(messages[i % messages.length]) ? 1 : 0;
  }
  const start = process.hrtime.bigint();
  const budget = BigInt(Math.round(seconds * 1e9));
  let elapsed = 0n;
  while (elapsed < budget) {
    for (let i = 0; i < 10_000; i++) {
      matched += evaluate(messages[evaluations++ % messages.length]) ? 1 : 0;
    }
    elapsed = process.hrtime.bigint() - start;
  }
  const perSecond = evaluations / (Number(elapsed) / 1e9);
  console.log(`${label.padEnd(36)} ${Math.round(perSecond).toLocaleString('en-US').padStart(12)} evaluations/s  (${((matched / (evaluations + 100_000)) * 100).toFixed(1)}% matched)`);
}

function run(scope: FilterScope, messages: FilterMessage[]): void {
  const compiled = compileFilterPolicy(POLICY, scope);
  measure(`${scope} interpreted`, (m) => filterPolicyMatches(POLICY, m, scope), messages, 2);
  measure(`${scope} compiled`, (m) => compiled.matches(m), messages, 2);
}

const COUNT = 1024;
run('MessageAttributes', Array.from({ length: COUNT }, (_, i) => attributeMessage(i)));
run('MessageBody', Array.from({ length: COUNT }, (_, i) => bodyMessage(i)));
