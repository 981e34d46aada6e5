import { Duration } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { createAlarm } from '../../core';

/** What the server-errors alarm watches: the stage's 5XX answers, summed per minute. */
export const SERVER_ERRORS_ALARM = { period: Duration.minutes(1), statistic: 'Sum', threshold: 1 } as const;

/**
 * The alarm of an AuthorizedApi: any server error (5XX) of its stage within a minute. A 5XX is a request the API
 * could not serve: a function behind a route failed or answered malformed (502), the queue or topic refused or was
 * unreachable (500, 502), the authorizer failed (500), an integration timed out (504). For a message route it is a
 * message that was not sent. Client errors (4XX, including 401, 403 and 429) are the callers' and are not alarmed.
 */
export function createServerErrorsAlarm(scope: Construct, stage: apigateway.Stage, topic: sns.ITopic): cloudwatch.Alarm {
  return createAlarm(scope, 'ServerErrorsAlarm', {
    metric: stage.metricServerError({ period: SERVER_ERRORS_ALARM.period, statistic: SERVER_ERRORS_ALARM.statistic }),
    threshold: SERVER_ERRORS_ALARM.threshold,
    description: `${scope.node.path} answered a request with a server error (5XX): a function, queue or topic behind a `
      + 'route failed, the authorizer failed, or an integration timed out. The access log has each request\'s status; '
      + 'the execution log group has the details.',
  }, new cloudwatchActions.SnsAction(topic));
}
