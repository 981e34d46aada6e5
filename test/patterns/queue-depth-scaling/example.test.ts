import { App } from 'aws-cdk-lib';
import { DeleteMessageCommand, Message, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { ThumbnailsStack } from '../../../examples/queue-depth-scaling/thumbnails-stack';
import { runWorker } from '../../../examples/queue-depth-scaling/worker/worker';
import { nagFindings } from '../../../lib';

// GIVEN the thumbnails example, synthesized once for the file (in beforeAll, so a throw fails the tests)
let stack: ThumbnailsStack;
let template: Template;
beforeAll(() => {
  stack = new ThumbnailsStack(new App(), 'ThumbnailsExample');
  template = Template.fromStack(stack);
});

describe('the thumbnails example', () => {
  test('fails if any of the five cdk-nag packs reports an error or a warning', () => {
    expect(nagFindings(stack).map((f) => `${f.severity} ${f.rule} at ${f.constructPath}`)).toEqual([]);
  });

  test('holds 30 messages per task, from 0 to 20 tasks', () => {
    expect(stack.scaling.targetBacklogPerWorker).toBe(30);
    template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalableTarget', { MinCapacity: 0, MaxCapacity: 20 });
  });

  test('meets the Control Tower controls the example answers to: a container memory limit, a declared dead-letter queue', () => {
    template.hasResourceProperties('AWS::ECS::TaskDefinition', { ContainerDefinitions: [Match.objectLike({ Memory: 512, ReadonlyRootFilesystem: true, User: '1000' })] });
    template.hasResourceProperties('AWS::SQS::Queue', { RedriveAllowPolicy: { redrivePermission: 'allowAll' } });
  });
});

describe('the worker loop', () => {
  /** A queue that hands out the given messages one receive at a time, then empty receives until stopped. */
  function fakeQueue(messages: Message[], stopAfterEmpty: AbortController) {
    const calls: string[] = [];
    const send = async (command: unknown) => {
      if (command instanceof ReceiveMessageCommand) {
        const next = messages.shift();
        calls.push(next ? `receive ${next.MessageId}` : 'receive (empty)');
        if (!next) stopAfterEmpty.abort();
        return { Messages: next ? [next] : [] };
      }
      if (command instanceof DeleteMessageCommand) calls.push(`delete ${command.input.ReceiptHandle}`);
      return {};
    };
    return { calls, sqs: { send } as never };
  }

  test('is protected from the first message until a receive comes back empty, and deletes only what it processed', async () => {
    // GIVEN two messages, the second of which fails
    const stop = new AbortController();
    const queue = fakeQueue([{ MessageId: 'm1', ReceiptHandle: 'r1' }, { MessageId: 'm2', ReceiptHandle: 'r2' }], stop);
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    // WHEN the loop runs
    await runWorker({
      queueUrl: 'https://sqs.eu-west-1.amazonaws.com/111111111111/thumbnails',
      sqs: queue.sqs,
      signal: stop.signal,
      process: async (m) => { queue.calls.push(`process ${m.MessageId}`); if (m.MessageId === 'm2') throw new Error('bad image'); },
      protect: async (enabled) => { queue.calls.push(enabled ? 'protect' : 'unprotect'); },
    });
    // THEN protection brackets the work; the failed message is left for its visibility timeout
    expect(queue.calls).toEqual([
      'receive m1', 'protect', 'process m1', 'delete r1',
      'receive m2', 'process m2',
      'receive (empty)', 'unprotect',
    ]);
  });

  test('renews its protection while it keeps holding messages, before ECS task protection expires', async () => {
    // GIVEN three messages, received at 0, 20 and 45 minutes on a fake clock, and the default renewal after 30 minutes
    const stop = new AbortController();
    const queue = fakeQueue([{ MessageId: 'm1', ReceiptHandle: 'r1' }, { MessageId: 'm2', ReceiptHandle: 'r2' }, { MessageId: 'm3', ReceiptHandle: 'r3' }], stop);
    const times = [0, 20, 45, 76].map((m) => m * 60_000);
    let clock = 0;
    // WHEN the loop runs, each message taking the time until the next receive
    await runWorker({
      queueUrl: 'https://sqs.eu-west-1.amazonaws.com/111111111111/thumbnails',
      sqs: queue.sqs,
      signal: stop.signal,
      now: () => times[clock],
      process: async () => { clock++; },
      protect: async (enabled) => { queue.calls.push(enabled ? `protect at ${times[clock] / 60_000} min` : 'unprotect'); },
    });
    // THEN it protects at the first message, not again at 20 minutes, again at 45 (more than 30 after), and clears it on the empty receive
    expect(queue.calls.filter((c) => c.startsWith('protect') || c === 'unprotect')).toEqual(['protect at 0 min', 'protect at 45 min', 'unprotect']);
  });
});
