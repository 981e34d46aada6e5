import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Duration, Stack, Stage, aws_sns as sns, aws_sqs as sqs, cx_api as cxapi } from 'aws-cdk-lib';

/**
 * A user's app as `cdk synth` writes it, with what `decoupled check` must find:
 * - Orders: an SQS subscription with no queue policy letting SNS send (an error: every delivery fails) and no
 *   dead-letter queue for the subscription (a warning);
 * - Prod/Audit, a stack in a stage: a dead-letter queue that keeps messages no longer than its source (a warning);
 * - Clean: a queue with a dead-letter queue that keeps messages longer (nothing to find).
 * `only` keeps some of them, to make an app with warnings and no error.
 */
export function synthScratchApp(only?: readonly ('Orders' | 'Audit' | 'Clean')[]): string {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'decoupled-cli-app-'));
  // Path metadata on, as `cdk synth` runs an app: resources are named by construct path.
  const app = new App({ outdir, context: { [cxapi.PATH_METADATA_ENABLE_CONTEXT]: true } });
  const wanted = (name: 'Orders' | 'Audit' | 'Clean') => only === undefined || only.includes(name);
  if (wanted('Orders')) {
    const orders = new Stack(app, 'Orders');
    const topic = new sns.Topic(orders, 'Topic');
    const queue = new sqs.Queue(orders, 'Billing');
    new sns.CfnSubscription(orders, 'BillingSubscription', { topicArn: topic.topicArn, protocol: 'sqs', endpoint: queue.queueArn });
  }
  if (wanted('Audit')) {
    const audit = new Stack(new Stage(app, 'Prod'), 'Audit');
    const dlq = new sqs.Queue(audit, 'DeadLetters', { retentionPeriod: Duration.days(4) });
    new sqs.Queue(audit, 'Events', { retentionPeriod: Duration.days(4), deadLetterQueue: { queue: dlq, maxReceiveCount: 5 } });
  }
  if (wanted('Clean')) {
    const clean = new Stack(app, 'Clean');
    const dlq = new sqs.Queue(clean, 'DeadLetters', { retentionPeriod: Duration.days(14) });
    new sqs.Queue(clean, 'Work', { deadLetterQueue: { queue: dlq, maxReceiveCount: 5 } });
  }
  app.synth();
  return outdir;
}
