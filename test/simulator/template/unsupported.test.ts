import { Simulation, TemplateError } from '../../../lib/simulator';
import { queue, subscription, template, topic } from '../fixtures/templates';

// What the simulator does not model fails loudly or is reported; what it newly models behaves as on AWS.

describe('templates the simulator must not guess about', () => {
  test('a top-level Transform (SAM) is a TemplateError: the template must be processed first', () => {
    const json = { ...template({ Q: queue('q') }), Transform: 'AWS::Serverless-2016-10-31' };
    expect(() => Simulation.fromTemplate(json)).toThrow(TemplateError);
    expect(() => Simulation.fromTemplate(json)).toThrow(/transform "AWS::Serverless-2016-10-31": process it first/);
  });

  test('AWS::SQS::QueueInlinePolicy grants like a QueuePolicy: the queue is deliverable', () => {
    const sim = Simulation.fromTemplate(template({
      Topic: topic('orders'),
      Target: queue('target'),
      Inline: {
        Type: 'AWS::SQS::QueueInlinePolicy',
        Properties: {
          Queue: { Ref: 'Target' },
          PolicyDocument: { Statement: [{ Effect: 'Allow', Principal: { Service: 'sns.amazonaws.com' }, Action: 'sqs:SendMessage', Resource: { 'Fn::GetAtt': ['Target', 'Arn'] }, Condition: { ArnEquals: { 'aws:SourceArn': { Ref: 'Topic' } } } }] },
        },
      },
      Sub: subscription('Topic', 'Target'),
    }));
    expect(sim.findings().filter((f) => f.code === 'decoupled-sim:subscription-undeliverable')).toEqual([]);
    sim.publish('Topic', { message: 'm' });
    expect(sim.queue('Target').counts.visible).toBe(1);
  });

  test('subscription-not-simulated: an https or email subscription is a warning, and its deliveries are traced as sns.notSimulated, not lost', () => {
    const sim = Simulation.fromTemplate(template({
      Topic: topic('orders'),
      Hook: { Type: 'AWS::SNS::Subscription', Properties: { TopicArn: { Ref: 'Topic' }, Protocol: 'https', Endpoint: 'https://example.com/hook' } },
      Mail: { Type: 'AWS::SNS::Subscription', Properties: { TopicArn: { Ref: 'Topic' }, Protocol: 'email', Endpoint: 'ops@example.com', FilterPolicy: { level: ['page'] } } },
    }));
    const findings = sim.findings();
    expect(findings.filter((f) => f.code === 'decoupled-sim:subscription-undeliverable')).toEqual([]);
    const notSimulated = findings.filter((f) => f.code === 'decoupled-sim:subscription-not-simulated');
    expect(notSimulated).toEqual([
      expect.objectContaining({ severity: 'warning', resources: ['Hook'], message: expect.stringMatching(/https:\/\/example.com\/hook with protocol https/) }),
      expect.objectContaining({ severity: 'warning', resources: ['Mail'], message: expect.stringMatching(/protocol email/) }),
    ]);
    const { messageId } = sim.publish('Topic', { message: 'm' });
    expect(sim.events({ type: 'sns.lost' })).toEqual([]);
    expect(sim.events({ type: 'sns.notSimulated' })).toEqual([expect.objectContaining({ resource: 'Hook', messageId, detail: { protocol: 'https', endpoint: 'https://example.com/hook' } })]);
    expect(sim.events({ type: 'sns.filteredOut', resource: 'Mail' })).toHaveLength(1);
  });
});
