/** What CloudWatch records in the trace (`resource` is the alarm, or the scaling policy that made it). */
declare module '../../trace' {
  interface TraceEventTypes {
    /** An alarm went to another state (`detail.from`, `detail.to`); the reason is CloudWatch's state reason. */
    'cloudwatch.alarmStateChanged': true;
    /** An alarm published its notification to an SNS topic of the template. */
    'cloudwatch.actionInvoked': true;
    /** An alarm action failed (the topic refused, the policy could not run): the reason says why. */
    'cloudwatch.actionFailed': true;
    /** An alarm action names something the simulator does not run (EC2, SSM, Lambda, a topic outside the template). */
    'cloudwatch.actionNotSimulated': true;
  }
}

export {};
