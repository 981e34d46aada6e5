/** One scaling activity, as DescribeScalingActivities reports it (times in virtual ms). */
export interface ScalingActivity {
  readonly time: number;
  /** The logical id of the scalable target or the Auto Scaling group. */
  readonly resource: string;
  /** The policy that acted (its PolicyName). */
  readonly policy: string;
  /** The alarm that invoked it. */
  readonly alarm: string;
  readonly from: number;
  readonly to: number;
  /** In AWS's words: which alarm triggered which policy, changing the capacity from what to what. */
  readonly cause: string;
}
