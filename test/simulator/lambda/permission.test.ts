import { Simulation } from '../../../lib/simulator';
import { invokePermissionRefusal } from '../../../lib/simulator/services/lambda/permission';

// The function's resource policy (AWS::Lambda::Permission): who may invoke it, from where; the whole reason when
// no permission does.

const ARN = 'arn:aws:lambda:us-east-1:123456789012:function:worker';
const fn = { Type: 'AWS::Lambda::Function', Properties: { FunctionName: 'worker', Handler: 'index.handler', Code: { ZipFile: '' } } };
const permission = (properties: Record<string, unknown>) => ({ Type: 'AWS::Lambda::Permission', Properties: { Action: 'lambda:InvokeFunction', FunctionName: ARN, ...properties } });

function refusal(permissions: Record<string, unknown>, principal: string, sourceArn: string): string | undefined {
  const sim = Simulation.fromTemplate({
    Resources: { Worker: fn, Other: { ...fn, Properties: { ...fn.Properties, FunctionName: 'other' } }, ...permissions },
  });
  return invokePermissionRefusal(sim.world, sim.lambdaFunction('Worker'), principal, sourceArn);
}

const TOPIC = 'arn:aws:sns:us-east-1:123456789012:orders';
const NONE = `no AWS::Lambda::Permission lets sns.amazonaws.com invoke Worker from ${TOPIC}`;

describe('Lambda invoke permissions', () => {
  test('a permission for the principal without SourceArn, or with a matching one, allows', () => {
    expect(refusal({ P: permission({ Principal: 'sns.amazonaws.com' }) }, 'sns.amazonaws.com', TOPIC)).toBeUndefined();
    expect(refusal({ P: permission({ Principal: 'sns.amazonaws.com', SourceArn: TOPIC }) }, 'sns.amazonaws.com', TOPIC)).toBeUndefined();
    expect(refusal({ P: permission({ Principal: 'sns.amazonaws.com', SourceArn: 'arn:aws:sns:*:123456789012:ord?rs' }) }, 'sns.amazonaws.com', TOPIC)).toBeUndefined();
    expect(refusal({ P: permission({ Principal: 'sns.amazonaws.com', FunctionName: 'worker' }) }, 'sns.amazonaws.com', TOPIC)).toBeUndefined();
    expect(refusal({ P: permission({ Principal: 'sns.amazonaws.com', Action: 'lambda:*' }) }, 'sns.amazonaws.com', TOPIC)).toBeUndefined();
    expect(refusal({ P: permission({ Principal: 'sns.amazonaws.com', Action: 'LAMBDA:invokefunction' }) }, 'sns.amazonaws.com', TOPIC)).toBeUndefined();
  });

  test('a later matching permission allows after ones that do not', () => {
    expect(refusal({
      A: permission({ Principal: 'sns.amazonaws.com', SourceArn: `${TOPIC}-other` }),
      B: permission({ Principal: 'sns.amazonaws.com', SourceArn: TOPIC }),
    }, 'sns.amazonaws.com', TOPIC)).toBeUndefined();
  });

  test.each([
    ['another principal', { P: permission({ Principal: 'events.amazonaws.com' }) }],
    ['another source', { P: permission({ Principal: 'sns.amazonaws.com', SourceArn: `${TOPIC}-other` }) }],
    ['another action', { P: permission({ Principal: 'sns.amazonaws.com', Action: 'lambda:GetFunction' }) }],
    ['another function', { P: permission({ Principal: 'sns.amazonaws.com', FunctionName: 'other' }) }],
    ['no FunctionName', { P: permission({ Principal: 'sns.amazonaws.com', FunctionName: undefined }) }],
    ['no Action', { P: permission({ Principal: 'sns.amazonaws.com', Action: undefined }) }],
    ['no permission at all', {}],
  ])('fails with the whole reason for a permission of %s', (_what, permissions) => {
    expect(refusal(permissions, 'sns.amazonaws.com', TOPIC)).toBe(NONE);
  });
});
