import { aResourceOfType } from '../../../lib/simulator/template';

describe('resource types in messages', () => {
  test.each([
    ['AWS::SQS::Queue', 'an AWS::SQS::Queue'],
    ['Custom::Thing', 'a Custom::Thing'],
    ['Alexa::ASK::Skill', 'an Alexa::ASK::Skill'],
  ])('%s reads as "%s"', (type, expected) => {
    expect(aResourceOfType(type)).toBe(expected);
  });
});
