import { Finding } from './findings';
import { QueueConsumerProps } from './props';
import { QUEUE_CONSUMER_RULES } from './rule-definitions';

/** The props that decide what the construct is made of: checked first, since every other rule depends on them. */
export function checkShape(props: QueueConsumerProps): Finding[] {
  const findings: Finding[] = [];
  const functionCount = [props.function, props.functionProps].filter((x) => x !== undefined).length;
  if (functionCount !== 1) {
    findings.push({
      severity: 'error',
      problem: {
        code: QUEUE_CONSUMER_RULES.exactlyOneFunction,
        prop: 'function / functionProps',
        value: functionCount === 0 ? 'are both missing:' : 'are both given:',
        rule: 'the consumer is either a function you bring or one the pattern makes',
        fix: 'Pass exactly one of function and functionProps.',
      },
    });
  }
  const ignored = props.queue ? (['queueProps', 'maxReceiveCount'] as const).filter((p) => props[p] !== undefined) : [];
  if (ignored.length > 0) {
    findings.push({
      severity: 'error',
      problem: {
        code: QUEUE_CONSUMER_RULES.queueOptionOnBroughtQueue,
        prop: ignored.join(', '),
        value: 'is given with a brought queue:',
        rule: 'these only shape a queue the pattern makes, and would be silently ignored',
        fix: 'Set them on your queue (its props, its redrive policy), or drop queue and let the pattern make it.',
      },
    });
  }
  return findings;
}
