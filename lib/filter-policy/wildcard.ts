/**
 * The `wildcard` operator: `*` matches any run of characters. Rules from aws/event-ruler's
 * README ("Wildcard matching"): consecutive `*` are not allowed; `\*` is a literal asterisk,
 * `\\` a literal backslash, and a backslash before anything else is not allowed.
 */

/** Returns the problem in words, or undefined if the pattern is valid. */
export function wildcardProblem(pattern: string): string | undefined {
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      const next = pattern[i + 1];
      if (next !== '*' && next !== '\\') {
        return `wildcard pattern "${pattern}" has a backslash that escapes neither "*" nor "\\"`;
      }
      i++;
    } else if (c === '*' && pattern[i + 1] === '*') {
      return `wildcard pattern "${pattern}" has consecutive "*" characters, which SNS does not allow`;
    }
  }
  return undefined;
}

/** A predicate for a valid pattern (check it with wildcardProblem first). */
export function compileWildcard(pattern: string): (value: string) => boolean {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      source += '\\' + pattern[++i];
    } else if (c === '*') {
      source += '[\\s\\S]*';
    } else {
      source += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    }
  }
  const regex = new RegExp(`^${source}$`);
  return (value) => regex.test(value);
}
