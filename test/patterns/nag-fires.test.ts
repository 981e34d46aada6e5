import { App, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { IConstruct } from 'constructs';
import { AuthorizedApi, QueueConsumer, QueueDepthScaling, TopicFanOut, VpcFunction, nagFindings } from '../../lib';
import { weaken } from '../support/insecure';
import { newQueue, tokenApiProps } from './authorized-api/support';
import { BASE, workers } from './queue-depth-scaling/support';

/**
 * Every pattern's "zero cdk-nag errors" tests would pass if the packs found nothing on its resources. Here each
 * pattern is made twice, as it is and deliberately weakened (test/support/insecure.ts: encryption, key rotation, log
 * retention, redrive, alarm actions, stage logging taken off its L1 resources), and judged by the same nagFindings the
 * other tests use: the pattern as made has no error, the weakened one an error of each pack on its own resources.
 */

const ALL_PACKS = ['AwsSolutions', 'Serverless', 'NIST.800.53.R5', 'HIPAA.Security', 'PCI.DSS.321'];
const code = lambda.Code.fromInline('exports.handler = async () => ({ batchItemFailures: [] });');
const functionProps = { code, handler: 'index.handler' };

interface Made { readonly stack: Stack; readonly pattern: IConstruct }

const PATTERNS: Record<string, { make: () => Made; packs: readonly string[] }> = {
  TopicFanOut: {
    make: () => {
      const stack = new Stack(new App(), 'Nag');
      return { stack, pattern: new TopicFanOut(stack, 'Orders', { subscribers: { billing: { consumer: { functionProps } }, audit: {} } }) };
    },
    packs: ALL_PACKS,
  },
  QueueConsumer: {
    make: () => {
      const stack = new Stack(new App(), 'Nag');
      return { stack, pattern: new QueueConsumer(stack, 'Payments', { functionProps }) };
    },
    packs: ALL_PACKS,
  },
  VpcFunction: {
    make: () => {
      const stack = new Stack(new App(), 'Nag');
      return { stack, pattern: new VpcFunction(stack, 'Reports', { functionProps }) };
    },
    packs: ALL_PACKS,
  },
  QueueDepthScaling: {
    make: () => {
      const w = workers();
      return { stack: w.stack, pattern: new QueueDepthScaling(w.stack, 'Workers', { queue: w.queue, service: w.service, ...BASE }) };
    },
    // It makes scaling policies, alarms, a key and an alarm topic without subscriptions: the Serverless pack has a
    // rule for none of them (its rules judge functions, log groups, APIs, subscriptions and queues), so it cannot fire.
    packs: ALL_PACKS.filter((p) => p !== 'Serverless'),
  },
  AuthorizedApi: {
    make: () => {
      const stack = new Stack(new App(), 'Nag', { env: { account: '111111111111', region: 'eu-west-1' } });
      return { stack, pattern: new AuthorizedApi(stack, 'Orders', tokenApiProps(stack, { routes: { 'POST /orders': { queue: newQueue(stack, 'Queue') } } })) };
    },
    packs: ALL_PACKS,
  },
};

/** The nag errors on the pattern's own resources, by pack. */
function errorsByPack({ stack, pattern }: Made): Map<string, string[]> {
  const byPack = new Map<string, string[]>();
  for (const f of nagFindings(stack)) {
    if (f.severity !== 'error' || !f.constructPath.startsWith(`${pattern.node.path}/`)) continue;
    byPack.set(f.pack, [...(byPack.get(f.pack) ?? []), `${f.rule} at ${f.constructPath}`]);
  }
  return byPack;
}

describe.each(Object.entries(PATTERNS))('%s and the five cdk-nag packs', (_name, { make, packs }) => {
  test('as made: no error of any pack on its resources', () => {
    expect([...errorsByPack(make()).values()].flat()).toEqual([]);
  });

  test(`weakened: an error of ${packs.length === ALL_PACKS.length ? 'each of the five packs' : packs.join(', ')} on its resources`, () => {
    // GIVEN the pattern with its secure settings taken off
    const made = make();
    weaken(made.pattern);
    // WHEN the packs judge it THEN each pack that has a rule for its resources reports an error
    const byPack = errorsByPack(made);
    expect([...byPack.keys()].sort()).toEqual([...packs].sort());
  });
});
