import { resourceLabel } from './labels';
import { referencesIn } from './references';
import { NodeGroup, shownType } from './resource-types';

/** A CloudFormation template, as much of it as the diagram reads. */
export interface DiagramTemplate {
  readonly Resources?: Record<string, { readonly Type: string; readonly Properties?: Record<string, unknown>; readonly Metadata?: Record<string, unknown> }>;
}

/** One box: a resource of the template. */
export interface DiagramNode {
  /** The resource's logical id. */
  readonly id: string;
  /** Its construct path below the stack (`Orders/billing/Queue`), or its logical id without path metadata. */
  readonly label: string;
  /** What it is, in words (`SQS queue`). */
  readonly caption: string;
  readonly type: string;
  readonly group: NodeGroup;
  /** The box it is drawn inside (its VPC, its REST API), if any. */
  readonly parent?: string;
  /** The labels of the KMS keys its properties name. */
  readonly encryptedBy?: readonly string[];
}

/** What an arrow stands for. */
export type EdgeKind = 'subscription' | 'redrive' | 'event-source' | 'grant' | 'network' | 'integration' | 'alarm' | 'reference';

/** One arrow between two boxes. */
export interface DiagramEdge {
  readonly source: string;
  readonly target: string;
  readonly kind: EdgeKind;
  readonly label: string;
}

/** The resources of one template and how they connect, before layout. */
export interface DiagramGraph {
  readonly nodes: readonly DiagramNode[];
  readonly edges: readonly DiagramEdge[];
}

const SCALED_TYPES: ReadonlySet<string | undefined> = new Set(['AWS::ECS::Service', 'AWS::AutoScaling::AutoScalingGroup']);

/** Words for the properties a plain reference is most often found in. */
const REFERENCE_LABELS: Readonly<Record<string, string>> = {
  TargetTrackingScalingPolicyConfiguration: 'tracks',
  StepScalingPolicyConfiguration: 'steps on',
  Cluster: 'runs in',
  Environment: 'environment',
};

/** How to read a template. */
export interface DiagramOptions {
  /**
   * The stack's construct path (`Prod/Audit` for a stack in a stage), left out of the labels.
   * @default - the first segment of the resources' construct paths: a stack at the root of its app
   */
  readonly stackPath?: string;
}

type Resources = NonNullable<DiagramTemplate['Resources']>;
type Properties = Record<string, unknown>;

/**
 * Reads the resources of a template and the connections between them: subscriptions, redrive to dead-letter
 * queues, event source mappings, IAM grants (drawn from whoever assumes the role), security group rules to VPC
 * endpoints, API integrations and authorizers, what each alarm watches and notifies; and on each box, the key that encrypts it.
 * A reference between two shown resources that none of these explains is drawn as a plain reference.
 */
export function templateGraph(template: DiagramTemplate, options: DiagramOptions = {}): DiagramGraph {
  const resources: Resources = template.Resources ?? {};
  const nodes = new Map<string, DiagramNode>();
  for (const [id, r] of Object.entries(resources)) {
    const shown = shownType(r.Type);
    if (shown) nodes.set(id, { id, label: resourceLabel(template, id, options.stackPath), caption: shown.caption, type: r.Type, group: shown.group });
  }
  const edges = new EdgeSet(nodes);
  const props = (id: string): Properties => resources[id]?.Properties ?? {};
  const ofType = (type: string) => Object.keys(resources).filter((id) => resources[id].Type === type);

  // Subscriptions: topic -> endpoint, and the subscription's own dead-letter queue.
  for (const id of ofType('AWS::SNS::Subscription')) {
    const p = props(id);
    const [topic] = referencesIn(p.TopicArn);
    const [endpoint] = referencesIn(p.Endpoint);
    const traits = [p.FilterPolicy ? 'filtered' : '', p.RawMessageDelivery === true || p.RawMessageDelivery === 'true' ? 'raw' : ''].filter(Boolean);
    edges.add(topic, endpoint, 'subscription', ['subscription', ...traits].join(', '));
    const [dlq] = referencesIn((p.RedrivePolicy as Properties | undefined)?.deadLetterTargetArn);
    edges.add(topic, dlq, 'redrive', 'failed deliveries');
  }
  // Queues: redrive to their dead-letter queue.
  for (const id of ofType('AWS::SQS::Queue')) {
    const redrive = props(id).RedrivePolicy as Properties | undefined;
    const [dlq] = referencesIn(redrive?.deadLetterTargetArn);
    edges.add(id, dlq, 'redrive', `redrive after ${String(redrive?.maxReceiveCount ?? '?')} receives`);
  }
  // Event source mappings: queue (or stream) -> function.
  for (const id of ofType('AWS::Lambda::EventSourceMapping')) {
    const p = props(id);
    const batch = p.BatchSize === undefined ? '' : `, batch ${String(p.BatchSize)}`;
    edges.add(referencesIn(p.EventSourceArn)[0], referencesIn(p.FunctionName)[0], 'event-source', `event source mapping${batch}`);
  }
  grantEdges(resources, edges);
  networkEdges(resources, edges);
  // API Gateway: methods call their integration and are authorized by their authorizer.
  for (const id of ofType('AWS::ApiGateway::Method')) {
    const p = props(id);
    const integration = p.Integration as Properties | undefined;
    for (const target of referencesIn(integration?.Uri)) edges.add(id, target, 'integration', `${String(integration?.Type ?? '').toLowerCase() || 'integration'}`);
    edges.add(id, referencesIn(p.AuthorizerId)[0], 'integration', 'authorized by');
  }
  for (const id of ofType('AWS::ApiGateway::Authorizer')) {
    const p = props(id);
    for (const target of referencesIn([p.AuthorizerUri, p.ProviderARNs])) edges.add(id, target, 'integration', 'asks');
  }
  for (const id of ofType('AWS::WAFv2::WebACLAssociation')) {
    const p = props(id);
    edges.add(referencesIn(p.WebACLArn)[0], referencesIn(p.ResourceArn)[0], 'reference', 'protects');
  }
  // Alarms: what they watch, what they notify or scale.
  for (const id of ofType('AWS::CloudWatch::Alarm')) {
    const p = props(id);
    const metric = typeof p.MetricName === 'string' ? metricWords(p.MetricName) : 'metric math';
    for (const watched of referencesIn([p.Dimensions, p.Metrics])) edges.add(watched, id, 'alarm', metric);
    for (const action of referencesIn([p.AlarmActions, p.OKActions])) edges.add(id, action, 'alarm', resources[action]?.Type.includes('ScalingPolicy') ? 'scales' : 'notifies');
  }
  // Scaling policies: the service or group their scalable target scales.
  for (const id of [...ofType('AWS::ApplicationAutoScaling::ScalingPolicy'), ...ofType('AWS::AutoScaling::ScalingPolicy')]) {
    const p = props(id);
    const targets = referencesIn([p.AutoScalingGroupName, p.ScalingTargetId]).flatMap((t) => resources[t]?.Type === 'AWS::ApplicationAutoScaling::ScalableTarget' ? referencesIn(props(t).ResourceId) : [t]);
    // A service's ResourceId names its cluster too: the arrow goes to what is scaled.
    const scaled = targets.filter((t) => SCALED_TYPES.has(resources[t]?.Type));
    for (const t of scaled.length > 0 ? scaled : targets) edges.add(id, t, 'reference', 'scales');
  }
  // Keys: whatever names a key in its properties is encrypted with it. Said on the box, not drawn as an arrow:
  // one key serves most resources of a pattern, and its arrows would cross every other.
  for (const [id, node] of nodes) {
    const keys = referencesIn(props(id)).filter((ref) => resources[ref]?.Type === 'AWS::KMS::Key');
    if (keys.length > 0) nodes.set(id, { ...node, encryptedBy: keys.map((k) => nodes.get(k)?.label ?? k) });
  }
  // Anything else a shown resource refers to, but its container (drawn around it), its key (said on the box) and
  // policy documents (drawn as grants).
  const placed = withParents(resources, nodes);
  for (const [id, node] of placed) {
    for (const [name, value] of Object.entries(props(id))) {
      if (/Policy(Document)?$/.test(name)) continue;
      for (const ref of referencesIn(value)) if (ref !== node.parent && resources[ref]?.Type !== 'AWS::KMS::Key') edges.addIfUnconnected(id, ref, 'reference', REFERENCE_LABELS[name] ?? name);
    }
  }
  return { nodes: [...placed.values()], edges: edges.list() };
}

/** IAM grants, drawn from the resource that assumes the role (a function, an ECS service, an API method) to the resource granted. */
function grantEdges(resources: Resources, edges: EdgeSet): void {
  const users = roleUsers(resources);
  const actionsByPair = new Map<string, Set<string>>();
  for (const [id, r] of Object.entries(resources)) {
    const p = r.Properties ?? {};
    let roles: string[];
    let documents: unknown[];
    if (r.Type === 'AWS::IAM::Policy' || r.Type === 'AWS::IAM::ManagedPolicy') {
      roles = [...referencesIn(p.Roles), ...Object.entries(resources).filter(([, role]) => role.Type === 'AWS::IAM::Role' && referencesIn(role.Properties?.ManagedPolicyArns).includes(id)).map(([roleId]) => roleId)];
      documents = [p.PolicyDocument];
    } else if (r.Type === 'AWS::IAM::Role') {
      roles = [id];
      documents = ((p.Policies as Properties[] | undefined) ?? []).map((inline) => inline.PolicyDocument);
    } else continue;
    for (const statement of documents.flatMap((d) => asArray((d as Properties | undefined)?.Statement) as Properties[])) {
      if (statement.Effect !== 'Allow') continue;
      const actions = asArray(statement.Action).map(String);
      for (const user of roles.flatMap((role) => users.get(role) ?? [])) {
        for (const target of referencesIn(statement.Resource)) {
          const key = `${user} ${target}`;
          actionsByPair.set(key, new Set([...(actionsByPair.get(key) ?? []), ...actions]));
        }
      }
    }
  }
  for (const [key, actions] of actionsByPair) {
    const [user, target] = key.split(' ');
    if (resources[target]?.Type === 'AWS::KMS::Key') continue;
    const list = [...actions].sort();
    edges.add(user, target, 'grant', list.length <= 2 ? list.join(', ') : `${list[0]} +${list.length - 1}`);
  }
}

/** Who assumes each role: functions, ECS services (through their task definition), API methods and authorizers. */
function roleUsers(resources: Resources): Map<string, string[]> {
  const users = new Map<string, string[]>();
  const add = (role: string | undefined, user: string) => {
    if (role) users.set(role, [...(users.get(role) ?? []), user]);
  };
  for (const [id, r] of Object.entries(resources)) {
    const p = r.Properties ?? {};
    if (r.Type === 'AWS::Lambda::Function') add(referencesIn(p.Role)[0], id);
    if (r.Type === 'AWS::ApiGateway::Method') add(referencesIn((p.Integration as Properties | undefined)?.Credentials)[0], id);
    if (r.Type === 'AWS::ApiGateway::Authorizer') add(referencesIn(p.AuthorizerCredentials)[0], id);
    if (r.Type === 'AWS::ECS::Service') {
      const [taskDefinition] = referencesIn(p.TaskDefinition);
      add(referencesIn(resources[taskDefinition]?.Properties?.TaskRoleArn)[0], id);
    }
  }
  return users;
}

/** Security group rules between the groups of shown resources (a function's HTTPS to an endpoint). */
function networkEdges(resources: Resources, edges: EdgeSet): void {
  const members = new Map<string, string[]>();
  for (const [id, r] of Object.entries(resources)) {
    const p = r.Properties ?? {};
    const groups = referencesIn([(p.VpcConfig as Properties | undefined)?.SecurityGroupIds, r.Type === 'AWS::EC2::VPCEndpoint' ? p.SecurityGroupIds : undefined, p.NetworkConfiguration]);
    for (const g of groups) if (resources[g]?.Type === 'AWS::EC2::SecurityGroup') members.set(g, [...(members.get(g) ?? []), id]);
  }
  const rules: Properties[] = [];
  for (const r of Object.values(resources)) {
    if (r.Type === 'AWS::EC2::SecurityGroupEgress') rules.push(r.Properties ?? {});
  }
  for (const rule of rules) {
    const port = rule.FromPort === rule.ToPort ? `port ${String(rule.FromPort)}` : `ports ${String(rule.FromPort)}-${String(rule.ToPort)}`;
    for (const from of members.get(referencesIn(rule.GroupId)[0]) ?? []) {
      for (const to of members.get(referencesIn(rule.DestinationSecurityGroupId)[0]) ?? []) edges.add(from, to, 'network', `${String(rule.IpProtocol ?? 'tcp')} ${port}`);
    }
  }
}

/** The VPC a resource sits in (through its subnets or VpcId), or the REST API a method belongs to. */
function withParents(resources: Resources, nodes: Map<string, DiagramNode>): Map<string, DiagramNode> {
  const vpcOfSubnet = new Map<string, string>();
  for (const [id, r] of Object.entries(resources)) if (r.Type === 'AWS::EC2::Subnet') vpcOfSubnet.set(id, referencesIn(r.Properties?.VpcId)[0]);
  const result = new Map<string, DiagramNode>();
  for (const [id, node] of nodes) {
    const p = resources[id].Properties ?? {};
    const candidates = node.type.startsWith('AWS::ApiGateway::') && node.type !== 'AWS::ApiGateway::RestApi'
      ? referencesIn(p.RestApiId)
      : [...referencesIn(p.VpcId), ...referencesIn([(p.VpcConfig as Properties | undefined)?.SubnetIds, p.SubnetIds, p.NetworkConfiguration, p.VPCZoneIdentifier]).map((s) => vpcOfSubnet.get(s))];
    const parent = candidates.find((c): c is string => c !== undefined && c !== id && nodes.has(c));
    result.set(id, parent ? { ...node, parent } : node);
  }
  return result;
}

/** Edges between shown nodes, one per source, target and kind. */
class EdgeSet {
  private readonly edges = new Map<string, DiagramEdge>();
  private readonly connected = new Set<string>();

  constructor(private readonly nodes: ReadonlyMap<string, DiagramNode>) {}

  public add(source: string | undefined, target: string | undefined, kind: EdgeKind, label: string): void {
    if (!source || !target || source === target || !this.nodes.has(source) || !this.nodes.has(target)) return;
    const key = `${source} ${target} ${kind}`;
    if (!this.edges.has(key)) this.edges.set(key, { source, target, kind, label });
    this.connected.add(`${source} ${target}`).add(`${target} ${source}`);
  }

  /** Adds a plain reference unless the two are already connected, or one contains the other. */
  public addIfUnconnected(source: string, target: string, kind: EdgeKind, label: string): void {
    if (this.connected.has(`${source} ${target}`)) return;
    this.add(source, target, kind, label);
  }

  public list(): DiagramEdge[] {
    return [...this.edges.values()];
  }
}

/** A CloudWatch metric name in words: `ApproximateNumberOfMessagesVisible` -> `messages visible`. */
export function metricWords(metricName: string): string {
  return metricName.replace(/^Approximate/, '').replace(/^NumberOf/, '').replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
}

function asArray(value: unknown): unknown[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

