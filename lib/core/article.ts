/** A word with its indefinite article, for messages: "an instance", "a transit-gateway", "an AWS::IAM::Role". */
export function withArticle(word: string): string {
  return `${/^[aeiou]/i.test(word) ? 'an' : 'a'} ${word}`;
}
