/** Why the workers' protection grant needs a wildcard, by the prop the workers came in. */
export const PROTECTION_WILDCARD_REASONS: Record<'service' | 'autoScalingGroup', string> = {
  service: 'ecs:UpdateTaskProtection is granted on the tasks of this one cluster (task/<cluster>/*): task ids are made when a '
    + 'task starts, so no policy written at deploy can name them. A task protects only itself, through the agent endpoint.',
  autoScalingGroup: 'autoscaling:SetInstanceProtection is granted on this one group by its exact name; the wildcard stands only '
    + 'for the UUID inside the group\'s ARN, which CloudFormation does not return.',
};

