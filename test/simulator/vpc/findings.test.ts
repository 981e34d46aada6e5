import { Simulation } from '../../../lib/simulator';
import { Resources, allow, build, interfaceEndpoint, isolatedNetwork } from './network-template';

const SEND = allow(['sqs:SendMessage'], { 'Fn::GetAtt': ['Queue', 'Arn'] });

function unreachable(...parts: Resources[]) {
  return Simulation.fromTemplate(build(...parts)).findings().filter((f) => f.code === 'decoupled-sim:vpc-unreachable-grant');
}

describe('findings(): granted services a VPC function cannot reach', () => {
  test('reports a grant with no route: the blocking element first, the function, and the fix', () => {
    expect(unreachable(isolatedNetwork([SEND]))).toEqual([{
      code: 'decoupled-sim:vpc-unreachable-grant',
      severity: 'error',
      resources: ['PrivateRoutes', 'Fn'],
      message: 'Fn is granted Amazon SQS (sqs:SendMessage) but cannot reach it: route table PrivateRoutes of subnet Private (us-east-1a) has no route to 0.0.0.0/0 '
        + '(no NAT gateway). Its calls get no answer and the function times out.',
      fix: expect.stringMatching(/^Add an interface endpoint for com\.amazonaws\.<region>\.sqs with private DNS in the function's VPC/),
    }]);
  });

  test('reports the endpoint\'s security group when it is what blocks', () => {
    expect(unreachable(isolatedNetwork([SEND]), interfaceEndpoint('sqs', { admit: false })).map((f) => f.resources)).toEqual([['EndpointGroup', 'Fn']]);
  });

  test('reports nothing once the endpoint exists, nor for a function outside a VPC, nor when the network is imported', () => {
    expect(unreachable(isolatedNetwork([SEND]), interfaceEndpoint('sqs'))).toEqual([]);
    const outside = build(isolatedNetwork([SEND]));
    delete (outside.Resources!.Fn.Properties as Record<string, unknown>).VpcConfig;
    expect(Simulation.fromTemplate(outside).findings().filter((f) => f.code === 'decoupled-sim:vpc-unreachable-grant')).toEqual([]);
    const imported = build(isolatedNetwork([SEND]));
    (imported.Resources!.Fn.Properties as { VpcConfig: { SubnetIds: unknown[] } }).VpcConfig.SubnetIds = ['subnet-0123456789abcdef0'];
    expect(Simulation.fromTemplate(imported).findings().filter((f) => f.code === 'decoupled-sim:vpc-unreachable-grant')).toEqual([]);
  });
});
