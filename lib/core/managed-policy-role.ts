import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';

/** Props of {@link ManagedPolicyRole}. */
export interface ManagedPolicyRoleProps extends iam.RoleProps {
  /** The id of the customer-managed policy, a sibling of the role. */
  readonly policyId: string;
  /** What the policy is for, shown in the IAM console. */
  readonly policyDescription: string;
}

/**
 * A role whose grants land in a customer-managed policy instead of an inline default policy (cdk-nag
 * IAMNoInlinePolicy in the NIST 800-53, HIPAA and PCI DSS packs): `queue.grantSendMessages(fn)` made by the
 * user, and aws-cdk-lib's own additions, all go there, and the pattern reads them from there like any policy.
 */
export class ManagedPolicyRole extends iam.Role {
  /** Where every statement added to the role goes. */
  public readonly policy: iam.ManagedPolicy;

  constructor(scope: Construct, id: string, props: ManagedPolicyRoleProps) {
    const { policyId, policyDescription, ...roleProps } = props;
    super(scope, id, roleProps);
    this.policy = new iam.ManagedPolicy(scope, policyId, { description: policyDescription, roles: [this] });
  }

  public addToPrincipalPolicy(statement: iam.PolicyStatement): iam.AddToPrincipalPolicyResult {
    this.policy.addStatements(statement);
    return { statementAdded: true, policyDependable: this.policy };
  }
}
