import { Duration } from 'aws-cdk-lib';
import { CloudFormationTemplate, Simulation } from '../../../lib/simulator';
import { att, readerFunction, resolvedEnvironment } from '../fixtures/reader-function';
import { GROUP, groupTemplate } from '../fixtures/scaling';

// The Auto Scaling group as the simulator models it: its sizes and their errors, its instances' ids, its metrics,
// SetInstanceProtection, the instance role found through a launch template or configuration, and what Ref and
// Fn::GetAtt answer for the types around it.

type Resources = Record<string, { Type: string; Properties?: Record<string, unknown> }>;
const resources = (t: CloudFormationTemplate) => t.Resources as Resources;
const groupProps = (t: CloudFormationTemplate) => resources(t).Group.Properties!;

/** Runs one worker of the group on one message; whether its protection call went through or was refused (and why). */
function protectionOutcome(t: CloudFormationTemplate): [boolean, string[]] {
  const sim = Simulation.fromTemplate(t);
  const fleet = sim.workload.workers('Group', { queue: 'Jobs', processingTime: Duration.seconds(10) });
  sim.send('Jobs', { body: 'x' });
  sim.advance(Duration.seconds(1));
  return [fleet.live[0].isProtected(sim.now), sim.events({ type: 'workers.protectionRefused' }).map((e) => e.reason!)];
}
const REFUSED_PREFIX = 'the instance role may not autoscaling:SetInstanceProtection: no policy of InstanceRole allows autoscaling:SetInstanceProtection';

describe('an Auto Scaling group\'s sizes', () => {
  test.each(['MinSize', 'MaxSize'])('fails if %s is left out', (prop) => {
    // GIVEN a group without the size
    const t = groupTemplate();
    delete groupProps(t)[prop];
    // WHEN the template is read THEN the error names the group and the property
    expect(() => Simulation.fromTemplate(t)).toThrow(`Group.Properties.${prop}: is required`);
  });

  test('the sizes are read as numbers, and the desired capacity defaults to MinSize', () => {
    const g = Simulation.fromTemplate(groupTemplate({ min: 2, max: 7 })).ec2.group('Group');
    expect([g.minSize, g.maxSize, g.fleet.desired, g.fleet.running, g.protectsNewWorkers]).toEqual([2, 7, 2, 2, false]);
  });

  test('the group\'s name, ARN and instances\' ids are EC2\'s shapes, the same on every run', () => {
    const g = Simulation.fromTemplate(groupTemplate({ desired: 2 })).ec2.group('Group');
    expect([g.name, g.arn, g.fleet.live.map((w) => [w.id, w.arn])]).toEqual([
      GROUP,
      `arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:2195db37-ecc2-4aff-87ea-065b4628b781:autoScalingGroupName/${GROUP}`,
      [
        ['i-b4c455ebad594a1a8', 'arn:aws:ec2:us-east-1:123456789012:instance/i-b4c455ebad594a1a8'],
        ['i-8f1e7bcab9244d218', 'arn:aws:ec2:us-east-1:123456789012:instance/i-8f1e7bcab9244d218'],
      ],
    ]);
    expect([g.description, g.noun, g.defaultStartupMs, g.defaultProtectionExpiresMs, g.queueFromTemplate()]).toEqual(['an Auto Scaling group', 'instance', 300_000, undefined, undefined]);
  });

  test('a group is found by its name or ARN', () => {
    const sim = Simulation.fromTemplate(groupTemplate());
    const g = sim.ec2.group('Group');
    expect(sim.ec2.group(GROUP)).toBe(g);
    expect(sim.ec2.group(g.arn)).toBe(g);
    expect(() => sim.ec2.group('Jobs')).toThrow('Jobs is an AWS::SQS::Queue, not an Auto Scaling group');
  });
});

describe('the group\'s metrics', () => {
  test('every collected group metric reads its level: sizes, desired, in service, pending, total', () => {
    // GIVEN a group 1–5 with 1 instance in service, raised to 4 (3 pending for their 300 s startup)
    const sim = Simulation.fromTemplate(groupTemplate({ min: 1, max: 5, desired: 1, metricsCollection: [{ Granularity: '1Minute' }] }));
    sim.ec2.group('Group').fleet.setDesired(4);
    // WHEN the metrics are sampled 30 s later
    sim.advance(Duration.seconds(30));
    sim.metrics.sample(sim.now);
    // THEN each reads its level, with the group's name as dimension
    const level = (name: string) => sim.metrics.find({ namespace: 'AWS/AutoScaling', metricName: name, dimensions: { AutoScalingGroupName: GROUP } })!.datapoints(0, 60_000, 60_000).map((d) => d.maximum);
    expect(['GroupMinSize', 'GroupMaxSize', 'GroupDesiredCapacity', 'GroupInServiceInstances', 'GroupPendingInstances', 'GroupTotalInstances'].map(level))
      .toEqual([[1], [5], [4], [1], [3], [4]]);
    expect(sim.metrics.list({ namespace: 'AWS/AutoScaling' }).map((m) => m.unit)).toEqual(Array(6).fill('Count'));
  });

  test('several MetricsCollection entries add up', () => {
    const sim = Simulation.fromTemplate(groupTemplate({ metricsCollection: [{ Granularity: '1Minute', Metrics: ['GroupMinSize'] }, { Granularity: '1Minute', Metrics: ['GroupMaxSize'] }] }));
    expect(sim.metrics.list({ namespace: 'AWS/AutoScaling' }).map((m) => m.metricName)).toEqual(['GroupMinSize', 'GroupMaxSize']);
  });

  test('the instances\' CPUUtilization is published by group name each minute, idle at 1 % without workers', () => {
    const sim = Simulation.fromTemplate(groupTemplate({ desired: 1 }));
    sim.advance(Duration.minutes(2));
    const cpu = sim.metrics.find({ namespace: 'AWS/EC2', metricName: 'CPUUtilization', dimensions: { AutoScalingGroupName: GROUP } })!;
    expect(cpu.datapoints(0, 120_000, 60_000).map((d) => [d.time, d.maximum])).toEqual([[0, 1], [60_000, 1]]);
  });
});

describe('SetInstanceProtection', () => {
  test('protects an instance of the group until it is cleared, and refuses an id that is not one', () => {
    const sim = Simulation.fromTemplate(groupTemplate({ desired: 1 }));
    const g = sim.ec2.group('Group');
    const [instance] = g.fleet.live;
    expect(g.protect(instance, true)).toBeUndefined();
    expect([instance.protectedUntil, instance.isProtected(sim.now + 365 * 86_400_000)]).toEqual([Infinity, true]);
    expect(g.protect(instance, false)).toBeUndefined();
    expect([instance.protectedUntil, instance.isProtected(sim.now)]).toEqual([-1, false]);
    expect(g.protect({ ...instance, id: 'i-0000' } as typeof instance, true)).toBe(`i-0000 is not an instance of ${GROUP}`);
  });
});

describe('the instance role a protection call is checked against', () => {
  test('through a launch template named by id, whose profile is named by ARN', () => {
    expect(protectionOutcome(groupTemplate({ desired: 1, protectionGranted: false }))).toEqual([false, [expect.stringMatching(new RegExp(`^${REFUSED_PREFIX}`))]]);
  });

  test('through a launch template named by name, whose profile is named by name', () => {
    // GIVEN the group naming its launch template by LaunchTemplateName, the template naming its profile by Ref
    const t = groupTemplate({ desired: 1, protectionGranted: false });
    resources(t).LaunchTemplate.Properties = { LaunchTemplateName: 'workers', LaunchTemplateData: { IamInstanceProfile: { Name: { Ref: 'Profile' } } } };
    resources(t).Other = { Type: 'AWS::EC2::LaunchTemplate', Properties: { LaunchTemplateName: 'other', LaunchTemplateData: {} } };
    groupProps(t).LaunchTemplate = { LaunchTemplateName: 'workers', Version: '1' };
    // THEN the role is found, and its missing grant refuses the call
    const [isProtected, refusals] = protectionOutcome(t);
    expect([isProtected, refusals.length, refusals[0].startsWith(REFUSED_PREFIX)]).toEqual([false, 1, true]);
  });

  test.each([
    ['a launch configuration named by CloudFormation', {}],
    ['a launch configuration with its own name', { LaunchConfigurationName: 'workers-lc' }],
  ])('through %s', (_how, name) => {
    const t = groupTemplate({ desired: 1, protectionGranted: false });
    resources(t).Config = { Type: 'AWS::AutoScaling::LaunchConfiguration', Properties: { ...name, ImageId: 'ami-1', InstanceType: 't3.micro', IamInstanceProfile: { Ref: 'Profile' } } };
    delete groupProps(t).LaunchTemplate;
    groupProps(t).LaunchConfigurationName = { Ref: 'Config' };
    const [isProtected, refusals] = protectionOutcome(t);
    expect([isProtected, refusals.length, refusals[0].startsWith(REFUSED_PREFIX)]).toEqual([false, 1, true]);
  });

  test.each([
    ['no launch template nor configuration', (t: CloudFormationTemplate) => delete groupProps(t).LaunchTemplate],
    ['a launch template without a profile', (t: CloudFormationTemplate) => (resources(t).LaunchTemplate.Properties = { LaunchTemplateData: {} })],
    ['a launch template the template does not define', (t: CloudFormationTemplate) => (groupProps(t).LaunchTemplate = { LaunchTemplateId: 'lt-0123', Version: '1' })],
    ['a profile whose role is imported', (t: CloudFormationTemplate) => (resources(t).Profile.Properties = { Roles: ['imported-role'] })],
    ['a profile the template does not define', (t: CloudFormationTemplate) => (resources(t).LaunchTemplate.Properties = { LaunchTemplateData: { IamInstanceProfile: { Arn: 'arn:aws:iam::123456789012:instance-profile/elsewhere' } } })],
  ])('not checked with %s: the call goes through', (_how, change) => {
    const t = groupTemplate({ desired: 1, protectionGranted: false });
    change(t);
    expect(protectionOutcome(t)).toEqual([true, []]);
  });
});

describe('Ref and Fn::GetAtt of the types around a group', () => {
  test('the group\'s name, the profile\'s name and ARN, the launch template\'s id and versions, the launch configuration\'s name', () => {
    // GIVEN a function whose environment names each of them
    const t = groupTemplate();
    Object.assign(resources(t), {
      Config: { Type: 'AWS::AutoScaling::LaunchConfiguration', Properties: { ImageId: 'ami-1', InstanceType: 't3.micro' } },
      NamedConfig: { Type: 'AWS::AutoScaling::LaunchConfiguration', Properties: { LaunchConfigurationName: 'my-lc', ImageId: 'ami-1', InstanceType: 't3.micro' } },
      NamedProfile: { Type: 'AWS::IAM::InstanceProfile', Properties: { InstanceProfileName: 'my-profile', Roles: [] } },
      Fn: readerFunction({
        GROUP: { Ref: 'Group' }, PROFILE: { Ref: 'Profile' }, PROFILE_ARN: att('Profile', 'Arn'), NAMED_PROFILE: { Ref: 'NamedProfile' }, NAMED_PROFILE_ARN: att('NamedProfile', 'Arn'),
        LT: { Ref: 'LaunchTemplate' }, LT_ID: att('LaunchTemplate', 'LaunchTemplateId'), LT_LATEST: att('LaunchTemplate', 'LatestVersionNumber'), LT_DEFAULT: att('LaunchTemplate', 'DefaultVersionNumber'),
        LC: { Ref: 'Config' }, NAMED_LC: { Ref: 'NamedConfig' },
      }),
    });
    // WHEN the template is read THEN each resolves as CloudFormation returns it
    expect(resolvedEnvironment(t)).toEqual({
      GROUP, PROFILE: 'SimulatedStack-Profile-8JHCSflKfC24', PROFILE_ARN: 'arn:aws:iam::123456789012:instance-profile/SimulatedStack-Profile-8JHCSflKfC24',
      NAMED_PROFILE: 'my-profile', NAMED_PROFILE_ARN: 'arn:aws:iam::123456789012:instance-profile/my-profile',
      LT: 'lt-1579e9e7ad60448c8', LT_ID: 'lt-1579e9e7ad60448c8', LT_LATEST: '1', LT_DEFAULT: '1',
      LC: 'SimulatedStack-Config-kjBFdl418bQ0', NAMED_LC: 'my-lc',
    });
  });

  test.each([
    ['Profile', 'RoleName', 'AWS::IAM::InstanceProfile'],
    ['LaunchTemplate', 'ImageId', 'AWS::EC2::LaunchTemplate'],
  ])('fails if a function names an attribute %s does not have (%s)', (id, attribute, type) => {
    const t = groupTemplate();
    resources(t).Fn = readerFunction({ X: att(id, attribute) });
    expect(() => Simulation.fromTemplate(t)).toThrow(`Fn.Properties.Environment.Variables.X.Fn::GetAtt: ${type} has no attribute ${attribute} (Fn::GetAtt ${id}.${attribute})`);
  });
});
