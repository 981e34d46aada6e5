interface MessageValueFacts {
  readonly header?: string;
  readonly invalid?: string;
  readonly needs?: 'lambda' | 'cognito';
}

/**
 * A value taken from the request for an SQS message field (message group id, deduplication id).
 *
 * Each value is one expression of API Gateway's mapping template language. The integration's request
 * template uses only these: `$input.body`, `$input.params().header.get('<name>')`, `$context.requestId`,
 * `$context.authorizer.principalId`, `$context.authorizer.<key>`, `$context.authorizer.claims.<claim>` and
 * `$util.urlEncode(...)` — the subset a simulator of the template must evaluate.
 */
export class MessageValue {
  /** A request header, which then becomes a required request parameter (missing: 400, before SQS is called). */
  public static header(name: string): MessageValue {
    return new MessageValue(`$input.params().header.get('${name}')`, `header '${name}'`, { header: name, invalid: invalidHeaderName(name) });
  }

  /** API Gateway's id of the request: every request its own value. */
  public static requestId(): MessageValue {
    return new MessageValue('$context.requestId', 'the request id', {});
  }

  /** The `principalId` the Lambda authorizer returned. */
  public static principalId(): MessageValue {
    return new MessageValue('$context.authorizer.principalId', 'the authorizer\'s principalId', { needs: 'lambda' });
  }

  /** A key of the `context` the Lambda authorizer returned. */
  public static authorizerContext(key: string): MessageValue {
    return new MessageValue(`$context.authorizer.${key}`, `the authorizer context key '${key}'`, { needs: 'lambda', invalid: invalidContextKey(key) });
  }

  /** A claim of the Cognito token (`sub`, `client_id`, `custom:tenant`). */
  public static claim(claim: string): MessageValue {
    const expression = CLAIM.test(claim) ? `$context.authorizer.claims.${claim}` : `$context.authorizer.claims['${claim}']`;
    return new MessageValue(expression, `the token claim '${claim}'`, {
      needs: 'cognito', invalid: /^[A-Za-z0-9_:.-]+$/.test(claim) ? undefined : 'is not a claim name of letters, digits and _ : . -',
    });
  }

  private constructor(
    /** The mapping template expression. */
    public readonly expression: string,
    /** What the value is, for messages and docs. */
    public readonly description: string,
    private readonly facts: MessageValueFacts,
  ) {}

  /** The header it reads, if any. */
  public get header(): string | undefined {
    return this.facts.header;
  }

  /** Why the value cannot be used in a template, if it cannot: reported as a problem of the prop that holds it. */
  public get invalid(): string | undefined {
    return this.facts.invalid;
  }

  /** The authorizer type the value needs to be set: a Lambda authorizer, or Cognito. */
  public get needs(): 'lambda' | 'cognito' | undefined {
    return this.facts.needs;
  }
}

const HEADER_NAME = /^[A-Za-z0-9-]+$/;
const CONTEXT_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;
const CLAIM = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Why a header name cannot be used in a mapping template, if it cannot. */
export function invalidHeaderName(name: string): string | undefined {
  return HEADER_NAME.test(name) ? undefined : 'is not a header name of letters, digits and -';
}

/** Why a context key cannot be used after `$context.authorizer.`, if it cannot. */
export function invalidContextKey(key: string): string | undefined {
  return CONTEXT_KEY.test(key) ? undefined : 'is not a name of letters, digits and _ that a mapping template can read';
}
