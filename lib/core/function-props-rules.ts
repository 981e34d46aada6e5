import * as lambda from 'aws-cdk-lib/aws-lambda';
import { LAMBDA_LIMITS, LAMBDA_NAMES, Limit, describeRange } from './limits';
import { PROP_RULES } from './prop-rules';
import { knownText } from './token-text';
import { ProblemCollector, formatValue } from './validation';

/** The fields of `lambda.FunctionProps` a pattern passes through: all but the code and runtime, which it may own. */
export type FunctionSettings = lambda.FunctionOptions & { readonly handler?: string };

/**
 * Checks every field of `lambda.FunctionProps` that a pattern passes to aws-cdk-lib, so a value Lambda or
 * CloudFormation would refuse (or aws-cdk-lib would throw on) is a problem naming the user's prop.
 *
 * @param prefix the props' place in the pattern's own props, as the user writes it (`functionProps`)
 */
export function validateFunctionProps(problems: ProblemCollector, props: FunctionSettings | undefined, prefix: string): void {
  if (props === undefined) return;
  const at = (field: string) => `${prefix}.${field}`;
  const code = PROP_RULES.functionSettingRange;
  problems.durationInRange(code, at('timeout'), props.timeout, LAMBDA_LIMITS.timeout);
  problems.inRange(code, at('memorySize'), props.memorySize, LAMBDA_LIMITS.memorySize);
  problems.sizeInRange(code, at('ephemeralStorageSize'), props.ephemeralStorageSize, LAMBDA_LIMITS.ephemeralStorage);
  problems.inRange(code, at('reservedConcurrentExecutions'), props.reservedConcurrentExecutions, LAMBDA_LIMITS.reservedConcurrentExecutions);
  problems.inRange(code, at('retryAttempts'), props.retryAttempts, LAMBDA_LIMITS.asyncRetryAttempts);
  problems.durationInRange(code, at('maxEventAge'), props.maxEventAge, LAMBDA_LIMITS.asyncMaxEventAge);
  validateText(problems, at('functionName'), props.functionName, LAMBDA_LIMITS.functionNameLength, LAMBDA_NAMES.functionName, 'letters, digits, - and _ only');
  validateText(problems, at('description'), props.description, LAMBDA_LIMITS.descriptionLength);
  validateText(problems, at('handler'), props.handler, LAMBDA_LIMITS.handlerLength, LAMBDA_NAMES.handler, 'no spaces');
  validateEnvironment(problems, at('environment'), props.environment);
  validateDeadLetter(problems, props, at);
  validateAsyncDestination(problems, props, at);
}

/** A name-like string: its literal characters, and its length (exact without tokens, a lower bound with them). */
function validateText(problems: ProblemCollector, prop: string, value: string | undefined, length: Limit, pattern?: RegExp, allowed?: string): void {
  if (value === undefined) return;
  const text = knownText(value);
  if (pattern) {
    const bad = [...new Set([...text.literal].filter((c) => !pattern.test(c)))];
    problems.expect(bad.length === 0, {
      code: PROP_RULES.invalidFunctionName,
      prop,
      value: formatValue(value),
      rule: `has characters Lambda does not allow here: ${bad.map((c) => JSON.stringify(c)).join(', ')} (${allowed}; ${LAMBDA_NAMES.source})`,
      fix: `Use ${allowed}.`,
    });
  }
  const n = text.literal.length;
  problems.expect(n <= length.max && !(text.complete && n < length.min), {
    code: PROP_RULES.invalidFunctionName,
    prop,
    value: n > 40 ? `(${n} characters)` : formatValue(value),
    rule: `is ${text.complete ? '' : 'at least '}${n} characters long; ${length.name} takes ${describeRange(length)} (${length.source})`,
    fix: n > length.max ? `Shorten it to at most ${length.max} characters.` : 'Give it a value, or leave it out.',
  });
}

function validateEnvironment(problems: ProblemCollector, prop: string, environment: Record<string, string> | undefined): void {
  if (environment === undefined) return;
  for (const key of Object.keys(environment)) {
    const text = knownText(key);
    problems.expect(!text.complete || LAMBDA_NAMES.environmentKey.test(key), {
      code: PROP_RULES.invalidEnvironment,
      prop: `${prop}.${key}`,
      value: formatValue(key),
      rule: 'is not a key Lambda accepts: a letter, then at least one letter, digit or _ (Lambda API-model Environment)',
      fix: 'Rename the variable, for example to TABLE_NAME.',
    });
    problems.expect(!LAMBDA_NAMES.reservedEnvironmentKeys.includes(key), {
      code: PROP_RULES.invalidEnvironment,
      prop: `${prop}.${key}`,
      value: formatValue(key),
      rule: 'is reserved: Lambda sets it for every function, and it cannot be set (Lambda developer guide, defined runtime environment variables)',
      fix: 'Rename the variable; read the value Lambda sets instead.',
    });
  }
  // Tokens resolve to text of unknown length: the size of the literal text is a lower bound.
  const literal = Object.fromEntries(Object.entries(environment).map(([k, v]) => [knownText(k).literal, knownText(String(v)).literal]));
  const size = Buffer.byteLength(JSON.stringify(literal), 'utf8');
  const limit = LAMBDA_LIMITS.environmentSize;
  problems.expect(size <= limit.max, {
    code: PROP_RULES.invalidEnvironment,
    prop,
    value: `(${Object.keys(environment).length} variables)`,
    rule: `is ${size} bytes as JSON; Lambda allows ${limit.max} bytes for all of a function's variables together (${limit.source})`,
    fix: 'Move large values to SSM Parameter Store or Secrets Manager and pass their names instead.',
  });
}

function validateDeadLetter(problems: ProblemCollector, props: FunctionSettings, at: (f: string) => string): void {
  problems.expect(!(props.deadLetterQueue && props.deadLetterQueueEnabled === false), {
    code: PROP_RULES.functionDeadLetter,
    prop: at('deadLetterQueueEnabled'),
    value: 'false',
    rule: `contradicts ${at('deadLetterQueue')}, which is given`,
    fix: `Remove ${at('deadLetterQueueEnabled')}, or remove ${at('deadLetterQueue')}.`,
  });
  problems.expect(!(props.deadLetterTopic && (props.deadLetterQueue || props.deadLetterQueueEnabled !== undefined)), {
    code: PROP_RULES.functionDeadLetter,
    prop: at('deadLetterTopic'),
    value: props.deadLetterTopic?.node.path ?? '',
    rule: `is given with ${props.deadLetterQueue ? at('deadLetterQueue') : at('deadLetterQueueEnabled')}: a function has one dead-letter target`,
    fix: `Keep either ${at('deadLetterTopic')} or the dead-letter queue settings.`,
  });
}

/**
 * `retryAttempts` or `maxEventAge` make an asynchronous invocation config (AWS::Lambda::EventInvokeConfig); without
 * `onFailure`, an event that fails its retries or outgrows its age is dropped, and nothing records it (cdk-nag
 * Serverless-LambdaAsyncFailureDestination). A pattern's function is not invoked asynchronously by the pattern.
 */
function validateAsyncDestination(problems: ProblemCollector, props: FunctionSettings, at: (f: string) => string): void {
  if (props.onFailure !== undefined) return;
  for (const field of ['retryAttempts', 'maxEventAge'] as const) {
    const value = props[field];
    problems.expect(value === undefined, {
      code: PROP_RULES.functionAsyncDestination,
      prop: at(field),
      value: formatValue(value),
      rule: `configures asynchronous invocations without ${at('onFailure')}: an event that fails them is dropped, and nothing records it (cdk-nag Serverless-LambdaAsyncFailureDestination)`,
      fix: `Give ${at('onFailure')} (for example new SqsDestination(queue) from aws-cdk-lib/aws-lambda-destinations), or remove ${at(field)} if nothing invokes the function asynchronously.`,
    });
  }
}
