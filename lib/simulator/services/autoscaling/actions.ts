import type { ActionEffect, AlarmState, ComparisonOperator } from '../cloudwatch/alarm';

/** The Auto Scaling actions other services call through `world.calls`: a CloudWatch alarm running a scaling policy. */
declare module '../../world/calls' {
  interface AwsActions {
    /** Executes a scaling policy named by its ARN, with the datapoints the alarm just evaluated. */
    'autoscaling:ExecutePolicy': {
      input: {
        readonly alarmName: string;
        readonly alarmArn: string;
        readonly state: AlarmState;
        readonly threshold: number;
        readonly comparison: ComparisonOperator;
        /** The alarm's datapoints, oldest first (NaN: missing). */
        readonly values: readonly number[];
      };
      output: { readonly effect: ActionEffect };
    };
  }
}

export {};
