/**
 * The alarms Auto Scaling makes for a target tracking policy. Their shapes are not stated in any AWS text read
 * (AWS-FACTS §11): these are settings, with the values observed in consoles as defaults.
 */
export interface TargetTrackingAlarmSettings {
  /** AlarmHigh: the metric above the target for this many of as many one-minute datapoints. @default 3 (believed, AWS-FACTS §11) */
  readonly highEvaluationPeriods: number;
  /** AlarmLow: the metric below `lowThresholdRatio` x target for this many of as many datapoints. @default 15 (believed, AWS-FACTS §11) */
  readonly lowEvaluationPeriods: number;
  /** AWS says only "typically more than 10 % under the target" (AWS-FACTS §13). @default 0.9 (believed, AWS-FACTS §11) */
  readonly lowThresholdRatio: number;
  /** The period of both alarms. @default 60 seconds */
  readonly periodSeconds: number;
}

export const DEFAULT_TARGET_TRACKING_ALARMS: TargetTrackingAlarmSettings = {
  highEvaluationPeriods: 3,
  lowEvaluationPeriods: 15,
  lowThresholdRatio: 0.9,
  periodSeconds: 60,
};

/** Defaults where a policy leaves a time out (AWS-FACTS §6). */
export const SCALING_DEFAULTS = {
  /** Application Auto Scaling: step policy Cooldown, target tracking ScaleIn/OutCooldown, for ECS services. */
  ecsCooldownSeconds: 300,
  /** EC2 Auto Scaling: a group's DefaultCooldown (simple scaling), and the warm-up a policy without one falls back to. */
  groupDefaultCooldownSeconds: 300,
} as const;
