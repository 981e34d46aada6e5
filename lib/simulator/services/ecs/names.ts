import { ResourceNaming, ResourceTypeInfo, generatedName, physicalName, regionalArn } from '../../template';

const clusterName = (r: ResourceNaming) => physicalName(r, 'ClusterName', 255);
const serviceName = (r: ResourceNaming) => physicalName(r, 'ServiceName', 255);

function clusterOf(r: ResourceNaming): string {
  const c = r.prop('Cluster');
  // A cluster named by ARN keeps its name after the last slash; no Cluster is the account's `default` cluster.
  return typeof c === 'string' ? c.slice(c.lastIndexOf('/') + 1) : 'default';
}

/** Ref of a cluster is its name (AWS::ECS::Cluster return values). */
export const CLUSTER: ResourceTypeInfo = {
  type: 'AWS::ECS::Cluster',
  ref: (r) => clusterName(r),
  getAtt: (r, a) => (a === 'Arn' ? regionalArn(r, 'ecs', `cluster/${clusterName(r)}`) : undefined),
};

/** Ref of a service is its ARN (the long form, with the cluster); `Name` its name. */
export const SERVICE: ResourceTypeInfo = {
  type: 'AWS::ECS::Service',
  ref: (r) => regionalArn(r, 'ecs', `service/${clusterOf(r)}/${serviceName(r)}`),
  getAtt: (r, a) => ({ Name: serviceName(r), ServiceArn: regionalArn(r, 'ecs', `service/${clusterOf(r)}/${serviceName(r)}`) })[a],
};

/** Ref of a task definition is its ARN, revision 1 here. */
export const TASK_DEFINITION: ResourceTypeInfo = {
  type: 'AWS::ECS::TaskDefinition',
  ref: (r) => regionalArn(r, 'ecs', `task-definition/${typeof r.prop('Family') === 'string' ? String(r.prop('Family')) : generatedName(r.stackName, r.logicalId, 255)}:1`),
  getAtt: (r, a) => (a === 'TaskDefinitionArn' ? TASK_DEFINITION.ref(r) : undefined),
};
