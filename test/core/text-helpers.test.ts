import { Duration } from 'aws-cdk-lib';
import { withArticle } from '../../lib/core/article';
import { exactMillis } from '../../lib/core/durations';

describe('withArticle', () => {
  test.each([
    ['instance', 'an instance'],
    ['egress entry', 'an egress entry'],
    ['AWS::IAM::Role', 'an AWS::IAM::Role'],
    ['Ubuntu host', 'an Ubuntu host'],
    ['transit-gateway', 'a transit-gateway'],
    ['Custom::Thing', 'a Custom::Thing'],
    ['yak', 'a yak'],
  ])('%s takes its article from its first letter, in either case: %s', (word, expected) => {
    expect(withArticle(word)).toBe(expected);
  });
});

describe('exactMillis', () => {
  test('keeps a fraction of a millisecond that toMilliseconds() refuses', () => {
    expect(exactMillis(Duration.millis(1500.5))).toBe(1500.5);
    expect(() => Duration.millis(1500.5).toMilliseconds()).toThrow();
  });

  test('reads whole durations in any unit', () => {
    expect([exactMillis(Duration.seconds(2)), exactMillis(Duration.minutes(1)), exactMillis(Duration.millis(0))]).toEqual([2000, 60_000, 0]);
  });
});
