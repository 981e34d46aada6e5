import { BoundCall, ServiceCaller } from '../../world/calls';
import { SimulationWorld } from '../../world/world';
import type { PublishedMessage } from './published-message';

/**
 * An SNS subscription with protocol `lambda`: SNS invokes the function asynchronously (AWS-FACTS §3.3) with an
 * `aws:sns` event, through Lambda's `lambda:InvokeFunction` action, which lets SNS in only if the function's
 * resource policy (AWS::Lambda::Permission) allows sns.amazonaws.com for this topic. From then on the function's
 * asynchronous invocation rules apply: retries, event age, destinations, DLQ.
 */
export class SnsLambdaTarget {
  constructor(
    private readonly world: SimulationWorld,
    private readonly invoke: BoundCall<'lambda:InvokeFunction'>,
    private readonly subscriptionArn: string,
  ) {}

  /** The logical id of the function. */
  public get functionId(): string {
    return this.invoke.logicalId!;
  }

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
    const r = this.invoke.call({ invocationType: 'Event', payload: event });
    return r.ok ? undefined : r.reason;
  }
}

/** The target of a lambda subscription, or why SNS can never invoke it (decided once: policies are static). */
export function snsLambdaTarget(world: SimulationWorld, sns: ServiceCaller, subscriptionArn: string, endpoint: string): SnsLambdaTarget | string {
  const invoke = world.calls.bind(sns, 'lambda:InvokeFunction', endpoint);
  if (!invoke.found) return `the endpoint ${endpoint} is not a function in the template`;
  return invoke.refusal ?? new SnsLambdaTarget(world, invoke, subscriptionArn);
}
