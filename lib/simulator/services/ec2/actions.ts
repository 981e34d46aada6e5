/** The EC2 Auto Scaling actions an instance's code calls through `world.calls` (named by the group's ARN). */
declare module '../../world/calls' {
  interface AwsActions {
    /** SetInstanceProtection: protects instances of the group from scale-in, or clears it. */
    'autoscaling:SetInstanceProtection': {
      input: { readonly instanceIds: readonly string[]; readonly protectedFromScaleIn: boolean };
      output: Record<string, never>;
    };
  }
}

export {};
