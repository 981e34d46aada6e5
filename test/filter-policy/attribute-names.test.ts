import { attributeNamesMayMatch } from '../../lib/filter-policy';

describe('attributeNamesMayMatch: can a message with these attribute names (values unknown) pass the policy?', () => {
  test('a policy naming an attribute the message never carries matches nothing; carrying it, it may match', () => {
    expect(attributeNamesMayMatch({ eventType: ['order_placed'] }, [])).toBe(false);
    expect(attributeNamesMayMatch({ eventType: ['order_placed'] }, ['eventtype'])).toBe(false);
    expect(attributeNamesMayMatch({ eventType: ['order_placed'] }, ['eventType'])).toBe(true);
  });

  test('every key of a branch is needed: one of two is not enough', () => {
    expect(attributeNamesMayMatch({ eventType: ['a'], region: ['eu'] }, ['eventType'])).toBe(false);
    expect(attributeNamesMayMatch({ eventType: ['a'], region: ['eu'] }, ['eventType', 'region'])).toBe(true);
  });

  test('a key that accepts its absence ({"exists": false}) needs no attribute; {"exists": true} and anything-but do', () => {
    expect(attributeNamesMayMatch({ test: [{ exists: false }] }, [])).toBe(true);
    expect(attributeNamesMayMatch({ test: [{ exists: true }] }, [])).toBe(false);
    expect(attributeNamesMayMatch({ test: [{ 'anything-but': 'x' }] }, [])).toBe(false);
  });

  test('$or: one branch the attributes can satisfy is enough', () => {
    expect(attributeNamesMayMatch({ $or: [{ eventType: ['a'] }, { source: ['b'] }] }, ['source'])).toBe(true);
    expect(attributeNamesMayMatch({ $or: [{ eventType: ['a'] }, { source: ['b'] }] }, ['other'])).toBe(false);
  });

  test('fails if SNS would reject the policy', () => {
    expect(() => attributeNamesMayMatch({ eventType: [] }, ['eventType'])).toThrow(/Invalid SNS filter policy \(MessageAttributes scope\)/);
  });
});
