import { Duration } from 'aws-cdk-lib';
import { CatalogScenario } from '../../lib/catalog';
import { LambdaContext, Simulation } from '../../lib/simulator';
import { ReportsVpcStack } from './reports-stack';

// How the reports function in its isolated VPC reaches what it is granted, played when the catalog is built (docs/catalog.md).

/** The hop kinds of a reachability path, without the logical ids: `subnet → route table → interface endpoint`. */
function hopKinds(path: string | undefined): string {
  return (path ?? '').split(' → ').map((hop) => hop.replace(/ [A-Za-z0-9]+( \(.*\))?$/, '')).join(' → ');
}

const reachability: CatalogScenario<ReportsVpcStack> = {
  stack: ReportsVpcStack,
  name: 'What the function can reach, and its publish through the SNS endpoint',
  shows: 'The simulator follows each granted service from the function\'s subnets through route tables, security groups, network ACLs and endpoints, as VpcFunction derived them at synth; then the function publishes its report, and the call goes out through the SNS interface endpoint. The internet stays unreachable: the VPC has no NAT and no internet gateway.',
  async run(stack) {
    const sim = Simulation.fromStack(stack);
    const fn = stack.reports.function;
    const r = sim.reachability(fn);
    const topicArn = sim.topic(stack.topic).arn;
    sim.onInvoke(fn, async (_event: unknown, context: LambdaContext) => {
      await context.aws.sns.publish({ TopicArn: topicArn, Message: '{"total":1200,"overThreshold":true}' });
    });
    sim.invokeAsync(fn, {});
    await sim.advance(Duration.seconds(1));
    const published = sim.events({ type: 'sns.published', resource: stack.topic }).length;
    const calls = sim.events({ type: 'lambda.called', resource: fn }).map((e) => String(e.detail?.action));
    const reachable = r.services.filter((s) => s.reachable).map((s) => s.name);
    return {
      outcomes: [
        `${reachable.length} of ${r.services.length} granted services reachable (${reachable.join(', ')}); the internet: ${r.internet.status}${r.internet.blockedBy ? `, stopped by its ${r.internet.blockedBy.kind}` : ''}.`,
        `The function published its report through the SNS endpoint: ${published} message on the topic (its calls: ${calls.join(', ')}); ${sim.findings().filter((f) => f.code === 'decoupled-sim:vpc-unreachable-grant').length} unreachable grants.`,
      ],
      tables: [{
        title: 'Reachability of each granted service',
        columns: ['service', 'granted actions', 'status', 'the way out'],
        rows: [...r.services, r.internet].map((s) => [s.name, s.actions.join(', ') || '—', s.status, s.reachable ? hopKinds(s.path) : s.blockedBy?.reason ?? s.unknownBecause ?? '']),
      }],
    };
  },
};

export const CATALOG_SCENARIOS = [reachability];
