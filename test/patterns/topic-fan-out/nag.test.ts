import { App, CfnResource, Stack, Validations } from 'aws-cdk-lib';
import { NagRuleCompliance, rules } from 'cdk-nag';
import { TopicFanOut, nagFindings } from '../../../lib';

// GIVEN the default fan-out, standard and FIFO, in one stack, judged once (in beforeAll, so a throw fails the tests)
let stack: Stack;
let standard: TopicFanOut;
let fifo: TopicFanOut;
let findings: ReturnType<typeof nagFindings>;
beforeAll(() => {
  stack = new Stack(new App(), 'Nag');
  standard = new TopicFanOut(stack, 'Standard', { subscribers: { a: { filter: { t: ['x'] } }, b: {} } });
  fifo = new TopicFanOut(stack, 'Fifo', { fifo: true, subscribers: { a: {} } });
  findings = nagFindings(stack);
});

function acknowledgedRules(construct: { node: { metadata: { type: string; data: unknown }[] } }): Record<string, string> {
  const entries = construct.node.metadata.filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY);
  return Object.assign({}, ...entries.map((e) => e.data as Record<string, string>));
}

describe('TopicFanOut and the five cdk-nag packs', () => {
  test('zero errors in AwsSolutions, Serverless, NIST 800-53 R5, HIPAA Security and PCI DSS 3.2.1', () => {
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  test('zero warnings too', () => {
    expect(findings).toEqual([]);
  });

  test('dead-letter queues, and only they, acknowledge Serverless-SQSRedrivePolicy with the reason', () => {
    for (const fanOut of [standard, fifo]) {
      for (const name of fanOut.subscriberNames) {
        for (const dlq of [fanOut.deadLetterQueue(name), fanOut.subscriptionDeadLetterQueue(name)]) {
          expect(JSON.stringify(acknowledgedRules(dlq))).toMatch(/Serverless-SQSRedrivePolicy.*dead-letter queue, the end of its redrive chain/);
        }
        expect(acknowledgedRules(fanOut.queue(name))).toEqual({});
      }
    }
  });

  test('subscription dead-letter queues acknowledge AwsSolutions-SQS3, which ignores an SNS subscription\'s RedrivePolicy', () => {
    expect(JSON.stringify(acknowledgedRules(standard.subscriptionDeadLetterQueue('a')))).toMatch(/AwsSolutions-SQS3.*dead-letter queue of an SNS subscription/);
    expect(JSON.stringify(acknowledgedRules(standard.deadLetterQueue('a')))).not.toMatch(/AwsSolutions-SQS3/);
  });

  test('each acknowledged rule does fire on its queue (the acknowledgement is needed)', () => {
    const cfn = (q: { node: { defaultChild?: unknown } }) => q.node.defaultChild as CfnResource;
    for (const name of standard.subscriberNames) {
      expect(rules.sqs.SQSRedrivePolicy(cfn(standard.deadLetterQueue(name)))).toBe(NagRuleCompliance.NON_COMPLIANT);
      expect(rules.sqs.SQSRedrivePolicy(cfn(standard.subscriptionDeadLetterQueue(name)))).toBe(NagRuleCompliance.NON_COMPLIANT);
      expect(rules.sqs.SQSQueueDLQ(cfn(standard.subscriptionDeadLetterQueue(name)))).toBe(NagRuleCompliance.NON_COMPLIANT);
      expect(rules.sqs.SQSQueueDLQ(cfn(standard.deadLetterQueue(name)))).toBe(NagRuleCompliance.COMPLIANT);
    }
  });
});
