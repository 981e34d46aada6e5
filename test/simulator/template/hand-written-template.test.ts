import * as fs from 'fs';
import * as path from 'path';
import { Duration } from 'aws-cdk-lib';
import { Simulation, TemplateError } from '../../../lib/simulator';

const json = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'hand-written.template.json'), 'utf8'));

describe('a hand-written template', () => {
  test('intrinsics resolve as CloudFormation would: Fn::Sub, Fn::If on a Condition, ARNs and queue URLs', () => {
    const sim = Simulation.fromTemplate(json);
    expect(sim.topic('Topic').arn).toBe('arn:aws:sns:us-east-1:123456789012:orders-prod');
    expect(sim.queue('Good').settings.url).toBe('https://sqs.us-east-1.amazonaws.com/123456789012/good');
    expect(sim.queue('Good').settings.visibilityTimeoutMs).toBe(60_000);
    expect(Simulation.fromTemplate(json, { parameters: { Stage: 'dev' } }).queue('Good').settings.visibilityTimeoutMs).toBe(5_000);
  });

  test('SNS delivery fails when the queue policy does not allow sns.amazonaws.com; the message goes to the subscription DLQ', () => {
    const sim = Simulation.fromTemplate(json);
    const { messageId } = sim.publish('Topic', { message: 'm' });
    expect(sim.queue('Good').visible).toHaveLength(1);
    expect(sim.queue('NoPolicy').visible).toHaveLength(0);
    expect(sim.queue('Dlq').visible).toHaveLength(1);
    const [failed] = sim.events({ type: 'sns.deliveryFailed', resource: 'ToNoPolicy', messageId });
    expect(failed.reason).toMatch(/NoPolicy has no queue policy/);
  });

  test('SNS delivery to a queue encrypted with alias/aws/sqs fails, and without a subscription DLQ the message is lost', () => {
    const sim = Simulation.fromTemplate(json);
    sim.publish('Topic', { message: 'm' });
    expect(sim.queue('AwsManaged').visible).toHaveLength(0);
    const [lost] = sim.events({ type: 'sns.lost', resource: 'ToAwsManaged' });
    expect(lost.reason).toMatch(/AWS managed key alias\/aws\/sqs/);
  });

  test('a queue policy whose aws:SourceArn names another topic refuses delivery', () => {
    const other = JSON.parse(JSON.stringify(json));
    other.Resources.Policy.Properties.PolicyDocument.Statement[0].Condition.ArnEquals['aws:SourceArn'] = 'arn:aws:sns:us-east-1:123456789012:other';
    const sim = Simulation.fromTemplate(other);
    sim.publish('Topic', { message: 'm' });
    expect(sim.queue('Good').visible).toHaveLength(0);
    expect(sim.findings().map((f) => f.code)).toContain('decoupled-sim:subscription-undeliverable');
  });

  test('findings name every undeliverable subscription and the missing DLQs without running a scenario', () => {
    const findings = Simulation.fromTemplate(json).findings();
    const undeliverable = findings.filter((f) => f.code === 'decoupled-sim:subscription-undeliverable').map((f) => f.resources[0]);
    expect(undeliverable.sort()).toEqual(['ToAwsManaged', 'ToNoPolicy']);
    expect(findings.filter((f) => f.code === 'decoupled-sim:subscription-without-dlq').map((f) => f.resources[0]).sort()).toEqual(['ToAwsManaged', 'ToGood']);
  });

  test('an unsupported resource type is kept as a plain resource; an unsupported intrinsic fails where it is read, with its location', () => {
    const sim = Simulation.fromTemplate(json);
    expect(sim.template.resource('Dashboard')?.type).toBe('AWS::CloudWatch::Dashboard');
    expect(() => sim.template.resource('Dashboard')!.prop('DashboardBody')).toThrow(TemplateError);
    expect(() => sim.template.resource('Dashboard')!.prop('DashboardBody')).toThrow('Dashboard.Properties.DashboardBody: the intrinsic function Fn::Transform is not supported');
    expect(String(sim.template.resolve(json.Outputs.Imported.Value, { logicalId: 'Outputs', path: 'Imported' }))).toMatch(/unresolved Fn::ImportValue/);
  });

  test('long polling waits on the virtual clock until a message arrives', () => {
    const sim = Simulation.fromTemplate(json);
    sim.send('Good', { body: 'late', delay: Duration.seconds(7) });
    const [m] = sim.receive('Good', { waitTime: Duration.seconds(20) });
    expect(m.body).toBe('late');
    expect(sim.now).toBe(7000);
  });
});
