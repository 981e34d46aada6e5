/**
 * Event source mapping throughput: messages sent to a queue, polled by an SQS event source mapping in batches
 * of 10, handed to a no-op handler (2 ms each on the virtual clock) and deleted. Reports messages per second of
 * real time, peak memory, and the virtual time the drain took.
 *
 *   npx ts-node --transpile-only bench/event-source-mapping.bench.ts [messages] [chunk]
 *   node --expose-gc -r ts-node/register/transpile-only bench/event-source-mapping.bench.ts   (also shows retained heap)
 *
 * Messages are sent in chunks (default 10,000) and each chunk is drained before the next, so memory shows
 * the cost of a backlog of one chunk, not of every message ever sent.
 */
import { Simulation } from '../lib/simulator';
import { Duration } from 'aws-cdk-lib';

const MESSAGES = Number(process.argv[2] ?? 1_000_000);
const CHUNK = Number(process.argv[3] ?? 10_000);

const template = {
  Resources: {
    Queue: { Type: 'AWS::SQS::Queue', Properties: { VisibilityTimeout: 60 } },
    Role: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: {}, ManagedPolicyArns: ['arn:aws:iam::aws:policy/service-role/AWSLambdaSQSQueueExecutionRole'] } },
    Consumer: { Type: 'AWS::Lambda::Function', Properties: { Handler: 'index.handler', Role: { 'Fn::GetAtt': ['Role', 'Arn'] }, Code: { ZipFile: '' }, Timeout: 10 } },
    Mapping: { Type: 'AWS::Lambda::EventSourceMapping', Properties: { EventSourceArn: { 'Fn::GetAtt': ['Queue', 'Arn'] }, FunctionName: { Ref: 'Consumer' }, BatchSize: 10 } },
  },
};

const sim = Simulation.fromTemplate(template as never, { trace: 'summary' });
let records = 0;
sim.onInvoke('Consumer', (event: { Records: unknown[] }) => {
  records += event.Records.length;
}, { duration: Duration.millis(2) });
const queue = sim.queue('Queue');

let peakRss = 0;
let peakHeap = 0;
const gc = (globalThis as { gc?: () => void }).gc;
gc?.();
const start = process.hrtime.bigint();
for (let sent = 0; sent < MESSAGES; sent += CHUNK) {
  for (let i = 0; i < CHUNK; i++) queue.send({ body: '{"orderId":"o-1","total":42}' });
  // A send only schedules the poll; the drain runs here, synchronously (the handler is synchronous).
  void sim.runUntilIdle();
  const mem = process.memoryUsage();
  peakRss = Math.max(peakRss, mem.rss);
  peakHeap = Math.max(peakHeap, mem.heapUsed);
}
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
const mapping = sim.mapping('Mapping');
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;
console.log(`${MESSAGES.toLocaleString('en-US')} messages through the mapping in ${seconds.toFixed(2)} s of real time (${records.toLocaleString('en-US')} records handled, ${mapping.totals.batches.toLocaleString('en-US')} batches)`);
console.log(`  ${Math.round(MESSAGES / seconds).toLocaleString('en-US')} messages/s; peak heap ${mb(peakHeap)}, peak RSS ${mb(peakRss)}`);
gc?.();
const retained = process.memoryUsage().heapUsed;
console.log(`  heap retained after the drain (with --expose-gc): ${gc ? mb(retained) : 'run with node --expose-gc'}`);
console.log(`  virtual time ${(sim.now / 1000).toFixed(1)} s; peak concurrent batches ${mapping.totals.maxActiveBatches}; trace ${JSON.stringify(sim.trace.summary())}`);
