import { Token, Tokenization } from 'aws-cdk-lib';

/**
 * What can be known at synth time about a string that may hold tokens (`${AWS::StackName}-orders.fifo`).
 *
 * A token stands for text known only at deploy, possibly empty. So the literal text around the tokens is
 * certain: a character that is not allowed there is an error whatever the tokens become, the literal length
 * is a lower bound, and a literal ending is the string's ending. A rule that needs more (an exact length, the
 * ending of a string that ends with a token) cannot be decided and is skipped.
 */
export interface KnownText {
  /** The literal characters, with the tokens left out. */
  readonly literal: string;
  /** Whether the string holds no token, so `literal` is the whole value. */
  readonly complete: boolean;
  /** The literal text after the last token (the whole string when it holds none). */
  readonly knownEnding: string;
  /** Whether the string ends with a token, so its ending is unknown. */
  readonly endsWithToken: boolean;
}

/** A character no literal text of a CDK string contains; it stands for each token while the string is split. */
const TOKEN_MARK = '\u0000';

/** Splits a string into what is certain and what is not; see {@link KnownText}. */
export function knownText(value: string): KnownText {
  if (!Token.isUnresolved(value)) return { literal: value, complete: true, knownEnding: value, endsWithToken: false };
  const marked = Tokenization.reverseString(value)
    .mapTokens({ mapToken: () => TOKEN_MARK })
    .join({ join: (left: unknown, right: unknown) => `${left}${right}` });
  const text = String(marked);
  const parts = text.split(TOKEN_MARK);
  return {
    literal: parts.join(''),
    complete: false,
    knownEnding: parts[parts.length - 1],
    endsWithToken: text.endsWith(TOKEN_MARK),
  };
}
