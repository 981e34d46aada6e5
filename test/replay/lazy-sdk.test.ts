import * as path from 'path';

// Requiring the replay module (and so the command line that imports it) must not load the CloudWatch SDK: only
// reading from CloudWatch does.

test('lib/replay loads @aws-sdk/client-cloudwatch only when metrics are read from CloudWatch', () => {
  jest.isolateModules(() => {
    jest.doMock('@aws-sdk/client-cloudwatch', () => {
      throw new Error('the CloudWatch SDK was loaded');
    });
    const replay = require('../../lib/replay') as typeof import('../../lib/replay');
    const fixture = path.join(__dirname, '..', 'fixtures', 'replay', 'recorded-day.csv');
    expect(replay.readTrafficCsv(fixture).arrivals.perMinute).toHaveLength(1_440);
    expect(() => replay.createCloudWatchClient({ region: 'eu-west-1' })).toThrow('the CloudWatch SDK was loaded');
  });
});
