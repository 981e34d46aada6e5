import { Stack, Token } from 'aws-cdk-lib';
import * as sns from 'aws-cdk-lib/aws-sns';

/** The name of a topic made in this app, when it is known at synth time. */
export function literalTopicName(topic: sns.ITopic): string | undefined {
  const cfn = topic.node.defaultChild;
  if (!(cfn instanceof sns.CfnTopic)) return undefined;
  const name = cfn.topicName;
  return name !== undefined && !Token.isUnresolved(name) ? name : undefined;
}

/**
 * The ARN a key or queue policy names for a brought topic. A topic with a known name gets its ARN built from the
 * name, so the policy does not refer to the topic: when the topic is encrypted with the same key, a reference
 * would make key and topic depend on each other, which CloudFormation cannot deploy.
 */
export function policyArnOfBroughtTopic(topic: sns.ITopic): string {
  const name = literalTopicName(topic);
  return name === undefined ? topic.topicArn : Stack.of(topic).formatArn({ service: 'sns', resource: name });
}
