/** What Auto Scaling records in the trace (`resource` is the scalable target or the Auto Scaling group). */
declare module '../../trace' {
  interface TraceEventTypes {
    /** A policy changed the desired capacity (`detail.from`, `detail.to`, `detail.policy`); the reason is the activity's cause. */
    'autoscaling.scaled': true;
  }
}

export {};
