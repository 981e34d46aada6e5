/** The ECS actions other code calls through `world.calls`: a task's worker loop asking for scale-in protection. */
declare module '../../world/calls' {
  interface AwsActions {
    /** UpdateTaskProtection for one task, named by its ARN (what the agent endpoint does for the task's own code). */
    'ecs:UpdateTaskProtection': {
      input: { readonly protectionEnabled: boolean; readonly expiresInMinutes?: number };
      output: { readonly protectedUntil: number };
    };
  }
}

export {};
