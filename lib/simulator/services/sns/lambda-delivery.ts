import { wildcard } from '../iam/policy';
import { LambdaFunction, functionByName } from '../lambda/function';
import { asyncInvoker } from '../lambda/async-invocation';
import { SimulationWorld } from '../../world/world';
import type { PublishedMessage } from './published-message';

/**
 * An SNS subscription with protocol `lambda`: SNS invokes the function asynchronously (AWS-FACTS §3.3) with an
 * `aws:sns` event, if the function's resource policy (AWS::Lambda::Permission) lets sns.amazonaws.com invoke it
 * for this topic. From then on the function's asynchronous invocation rules apply: retries, event age,
 * destinations, DLQ.
 */
export class SnsLambdaTarget {
  constructor(
    private readonly world: SimulationWorld,
    public readonly fn: LambdaFunction,
    private readonly subscriptionArn: string,
  ) {}

  /** Hands the message to Lambda's asynchronous queue; returns why Lambda refused it, if it did. */
  public deliver(m: PublishedMessage): string | undefined {
    const attributes: Record<string, { Type: string; Value: string }> = {};
    for (const name in m.attributes) attributes[name] = { Type: m.attributes[name].Type, Value: m.attributes[name].Value };
    const env = this.world.runtime.environment;
    const event = {
      Records: [{
        EventSource: 'aws:sns',
        EventVersion: '1.0',
        EventSubscriptionArn: this.subscriptionArn,
        Sns: {
          Type: 'Notification',
          MessageId: m.messageId,
          TopicArn: m.topicArn,
          Subject: m.input.subject ?? null,
          Message: m.input.message,
          Timestamp: m.timestamp,
          SignatureVersion: '1',
          Signature: 'SIMULATED',
          SigningCertUrl: `https://sns.${env.region}.${env.urlSuffix}/SimpleNotificationService-simulated.pem`,
          UnsubscribeUrl: `https://sns.${env.region}.${env.urlSuffix}/?Action=Unsubscribe&SubscriptionArn=${this.subscriptionArn}`,
          MessageAttributes: attributes,
        },
      }],
    };
    const r = asyncInvoker(this.world, this.fn).invoke(event);
    return r.ok ? undefined : r.reason;
  }
}

/** The target of a lambda subscription, or why SNS can never invoke it. */
export function snsLambdaTarget(world: SimulationWorld, subscriptionArn: string, endpoint: string, topicArn: string): SnsLambdaTarget | string {
  const fn = functionByName(world, endpoint);
  if (!fn) return `the endpoint ${endpoint} is not a function in the template`;
  const refusal = invokePermissionRefusal(world, fn, 'sns.amazonaws.com', topicArn);
  return refusal ?? new SnsLambdaTarget(world, fn, subscriptionArn);
}

/** Whether an AWS::Lambda::Permission lets `principal` invoke `fn` from `sourceArn`; the reason when none does. */
export function invokePermissionRefusal(world: SimulationWorld, fn: LambdaFunction, principal: string, sourceArn: string): string | undefined {
  for (const p of world.template.ofType('AWS::Lambda::Permission')) {
    const target = p.stringProp('FunctionName');
    const action = p.stringProp('Action') ?? '';
    if (!target || functionByName(world, target) !== fn || !wildcard(action, 'lambda:InvokeFunction', true)) continue;
    if (p.stringProp('Principal') !== principal) continue;
    const source = p.stringProp('SourceArn');
    if (source === undefined || wildcard(source, sourceArn, false)) return undefined;
  }
  return `no AWS::Lambda::Permission lets ${principal} invoke ${fn.logicalId} from ${sourceArn}`;
}
