import { Names } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { logGroupArn } from '../../core';
import { createApiLogGroup } from './logs';

/** Props of {@link WebAclOption.create}. */
export interface CreateWebAclProps {
  /**
   * The AWS managed rule groups, by name (vendor AWS), each one WAF rule. Every group is a monthly charge.
   * @default ['AWSManagedRulesCommonRuleSet', 'AWSManagedRulesKnownBadInputsRuleSet', 'AWSManagedRulesAmazonIpReputationList']
   */
  readonly managedRuleGroups?: string[];
  /**
   * Whether the common rule set's 8 KB request body limit blocks (it counts by default: API bodies are often larger).
   * @default false
   */
  readonly blockLargeBodies?: boolean;
}

/** The AWS WAF web ACL in front of the API's stage. */
export class WebAclOption {
  /** A new web ACL with AWS managed rule groups, logging to an encrypted log group (the Authorization header redacted). */
  public static create(props: CreateWebAclProps = {}): WebAclOption {
    return new WebAclOption('create', undefined, props);
  }

  /** A web ACL you already have (shared by several APIs, its cost shared too): only the association is made. */
  public static fromArn(webAclArn: string): WebAclOption {
    return new WebAclOption('arn', webAclArn, {});
  }

  /**
   * No web ACL. The NIST 800-53, PCI DSS and AwsSolutions packs then report the stage: acknowledge their WAF
   * rules with your own reason (another firewall in front, an internal API).
   */
  public static none(): WebAclOption {
    return new WebAclOption('none', undefined, {});
  }

  private constructor(
    public readonly kind: 'create' | 'arn' | 'none',
    public readonly webAclArn: string | undefined,
    public readonly createProps: CreateWebAclProps,
  ) {}
}

/** The rule groups of a web ACL the pattern makes, unless the user names others. */
export const DEFAULT_MANAGED_RULE_GROUPS = [
  'AWSManagedRulesCommonRuleSet',
  'AWSManagedRulesKnownBadInputsRuleSet',
  'AWSManagedRulesAmazonIpReputationList',
] as const;

function visibility(metricName: string): wafv2.CfnWebACL.VisibilityConfigProperty {
  return { cloudWatchMetricsEnabled: true, metricName, sampledRequestsEnabled: true };
}

/** What the firewall needs from the API. */
export interface FirewallProps {
  readonly stageArn: string;
  readonly key: () => kms.IKey;
  readonly logRetention: logs.RetentionDays;
}

/** Makes (or brings) the web ACL and associates it with the stage. Returns the web ACL the pattern made, if any. */
export function createFirewall(scope: Construct, option: WebAclOption, props: FirewallProps): wafv2.CfnWebACL | undefined {
  if (option.kind === 'none') return undefined;
  if (option.kind === 'arn') {
    new wafv2.CfnWebACLAssociation(scope, 'WebAclAssociation', { resourceArn: props.stageArn, webAclArn: option.webAclArn as string });
    return undefined;
  }
  const name = Names.uniqueResourceName(scope, { maxLength: 100, separator: '-' });
  const groups = option.createProps.managedRuleGroups ?? [...DEFAULT_MANAGED_RULE_GROUPS];
  const webAcl = new wafv2.CfnWebACL(scope, 'WebAcl', {
    scope: 'REGIONAL',
    defaultAction: { allow: {} },
    visibilityConfig: visibility(name),
    rules: groups.map((group, priority) => ({
      name: group,
      priority,
      overrideAction: { none: {} },
      statement: {
        managedRuleGroupStatement: {
          vendorName: 'AWS',
          name: group,
          ruleActionOverrides: group === 'AWSManagedRulesCommonRuleSet' && !option.createProps.blockLargeBodies
            ? [{ name: 'SizeRestrictions_BODY', actionToUse: { count: {} } }]
            : undefined,
        },
      },
      visibilityConfig: visibility(`${name}-${group}`.slice(0, 128)),
    })),
  });
  // WAF requires the log group name to start with aws-waf-logs-.
  const logGroupName = `aws-waf-logs-${name}`;
  const logGroup = createApiLogGroup(scope, 'WebAclLogs', {
    logGroupName, key: props.key(), retention: props.logRetention, purpose: 'AWS WAF',
  });
  const logging = new wafv2.CfnLoggingConfiguration(scope, 'WebAclLogging', {
    resourceArn: webAcl.attrArn,
    logDestinationConfigs: [logGroupArn(scope, logGroupName)],
    // A bearer token in a log is a credential anyone with log access can replay.
    redactedFields: [{ singleHeader: { Name: 'authorization' } }],
  });
  logging.node.addDependency(logGroup);
  new wafv2.CfnWebACLAssociation(scope, 'WebAclAssociation', { resourceArn: props.stageArn, webAclArn: webAcl.attrArn });
  return webAcl;
}
