import { RemovalPolicy } from 'aws-cdk-lib';
import { PROP_RULES } from './prop-rules';
import { ProblemCollector } from './validation';

/**
 * `RemovalPolicy.SNAPSHOT` writes `DeletionPolicy: Snapshot`, which CloudFormation takes only for resources that
 * have snapshots (volumes, databases, caches); on a queue, a topic or a KMS key the stack cannot be deployed
 * (cfn-lint E3035 and E3036).
 *
 * @param resource what the policy applies to, for the message (`a KMS key`)
 */
export function validateRemovalPolicy(problems: ProblemCollector, prop: string, policy: RemovalPolicy | undefined, resource: string): void {
  problems.expect(policy !== RemovalPolicy.SNAPSHOT, {
    code: PROP_RULES.removalPolicy,
    prop,
    value: 'RemovalPolicy.SNAPSHOT',
    rule: `gives ${resource} DeletionPolicy: Snapshot, which CloudFormation allows only on resources that have snapshots (cfn-lint E3035, E3036)`,
    fix: 'Use RemovalPolicy.RETAIN to keep it when it leaves the stack, or RemovalPolicy.DESTROY to delete it.',
  });
}

/** The removal policy of a KMS key a pattern makes (`keyRemovalPolicy`): a key has no snapshot. */
export function validateKeyRemovalPolicy(problems: ProblemCollector, prop: string, policy: RemovalPolicy | undefined): void {
  validateRemovalPolicy(problems, prop, policy, 'a KMS key');
}
