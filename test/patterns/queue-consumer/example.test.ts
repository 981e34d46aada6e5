import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { PaymentsConsumerStack } from '../../../examples/queue-consumer/payments-stack';
import { nagFindings } from '../../../lib';

// GIVEN the payments example, synthesized once for the file (in beforeAll, so a throw fails the tests)
let stack: PaymentsConsumerStack;
let template: Template;
beforeAll(() => {
  stack = new PaymentsConsumerStack(new App(), 'PaymentsExample');
  template = Template.fromStack(stack);
});

describe('the payments consumer example', () => {
  test('fails if any of the five cdk-nag packs reports an error or a warning', () => {
    const findings = nagFindings(stack).map((f) => `${f.severity} ${f.rule} at ${f.constructPath}`);
    expect(findings).toEqual([]);
  });

  test('derives the visibility timeout from its 20 s function and 5 s batching window', () => {
    // THEN 6 x 20 s + 5 s
    template.hasResourceProperties('AWS::SQS::Queue', { VisibilityTimeout: 125, RedrivePolicy: Match.objectLike({ maxReceiveCount: 5 }) });
  });

  test('polls in batches of 10 within 5 s, at most 50 at once, with partial batch responses', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      BatchSize: 10,
      MaximumBatchingWindowInSeconds: 5,
      ScalingConfig: { MaximumConcurrency: 50 },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
  });

  test('reserves the concurrency the mapping may use', () => {
    template.hasResourceProperties('AWS::Lambda::Function', { ReservedConcurrentExecutions: 50, Timeout: 20 });
  });

  test('alarms when a payment has waited 5 minutes', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'ApproximateAgeOfOldestMessage', Threshold: 300 });
  });
});

describe('the payments handler', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { handler } = require('../../../examples/queue-consumer/handler/index.js') as {
    handler: (event: unknown) => Promise<{ batchItemFailures: { itemIdentifier: string }[] }>;
  };
  const record = (messageId: string, body: unknown) => ({ messageId, body: JSON.stringify(body), attributes: { ApproximateReceiveCount: '1' } });

  test('reports only the payments it could not settle', async () => {
    // GIVEN a batch with a good payment, a bad currency, a missing id and a body that is not JSON
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    const error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    // WHEN the handler runs
    const result = await handler({
      Records: [
        record('m1', { paymentId: 'p-1', amount: 10, currency: 'EUR' }),
        record('m2', { paymentId: 'p-2', amount: 10, currency: 'XXX' }),
        record('m3', { amount: 5, currency: 'USD' }),
        { messageId: 'm4', body: 'not json', attributes: {} },
      ],
    });
    // THEN exactly the failed message ids come back, and each failure is logged
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: 'm2' }, { itemIdentifier: 'm3' }, { itemIdentifier: 'm4' }] });
    expect(log).toHaveBeenCalledTimes(1);
    expect(error).toHaveBeenCalledTimes(3);
    log.mockRestore();
    error.mockRestore();
  });
});
