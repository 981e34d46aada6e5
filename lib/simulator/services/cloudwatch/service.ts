import { ServiceModule } from '../../world/world';
import { CloudWatchAlarm } from './alarm';
import { ALARM_TYPE, alarmFromTemplate, linkAlarmActions } from './alarm-template';
import { CloudWatchFacade } from './facade';
import { cloudWatch } from './state';
import './trace-events';

/**
 * CloudWatch: statistics and metric math over the metrics every service publishes (world.metrics), sampled once
 * a minute, and AWS::CloudWatch::Alarm with its actions (SNS topics through `sns:Publish`, scaling policies
 * through `autoscaling:ExecutePolicy`). It calls the services it acts on through world.calls only.
 */
export const CLOUDWATCH_SERVICE: ServiceModule<CloudWatchFacade> = {
  name: 'cloudwatch',
  resourceTypes: [ALARM_TYPE],
  models: [
    {
      type: 'AWS::CloudWatch::Alarm',
      create(r, world) {
        const alarm = alarmFromTemplate(r, world);
        const state = cloudWatch(world);
        state.evaluator.add(alarm);
        state.evaluateAlarms();
        return alarm;
      },
      link(world) {
        for (const r of world.template.ofType('AWS::CloudWatch::Alarm')) linkAlarmActions(r, world.modelOf(r.logicalId, CloudWatchAlarm)!, world);
      },
    },
  ],
  facade: (context) => new CloudWatchFacade(context),
};
