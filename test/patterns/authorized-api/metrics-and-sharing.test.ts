import { Duration } from 'aws-cdk-lib';
import { AuthorizedApi } from '../../../lib';
import { resourcesUnder } from '../../support/resources-by-path';
import { newFunction, newStack, tokenApiProps } from './support';

describe('AuthorizedApi metrics', () => {
  test('each is the stage\'s metric of that name, by API name and stage, with the options given', () => {
    // GIVEN an API
    const stack = newStack();
    const api = new AuthorizedApi(stack, 'Api', tokenApiProps(stack));
    const dimensions = { ApiName: stack.resolve(api.restApi.restApiName), Stage: stack.resolve(api.stage.stageName) };
    // WHEN each metric is asked for, one of them with options
    const metrics = [
      api.metricClientError(), api.metricServerError(), api.metricCount(), api.metricLatency({ statistic: 'p99', period: Duration.minutes(5) }), api.metricIntegrationLatency(),
    ];
    // THEN each is API Gateway's, for this stage
    expect(metrics.map((m) => [m.namespace, m.metricName, m.statistic, m.period.toSeconds(), stack.resolve(m.dimensions)])).toEqual([
      ['AWS/ApiGateway', '4XXError', 'Sum', 300, dimensions],
      ['AWS/ApiGateway', '5XXError', 'Sum', 300, dimensions],
      ['AWS/ApiGateway', 'Count', 'SampleCount', 300, dimensions],
      ['AWS/ApiGateway', 'Latency', 'p99', 300, dimensions],
      ['AWS/ApiGateway', 'IntegrationLatency', 'Average', 300, dimensions],
    ]);
    expect(stack.resolve(api.url)).toEqual(stack.resolve(api.restApi.url));
  });
});

describe('two AuthorizedApis in one stack', () => {
  test('share the account\'s API Gateway logs role: one AWS::ApiGateway::Account, both stages deployed after it', () => {
    // GIVEN two APIs in one stack
    const stack = newStack();
    new AuthorizedApi(stack, 'Orders', tokenApiProps(stack));
    new AuthorizedApi(stack, 'Returns', { authorizer: { type: 'iam' }, routes: { 'POST /returns': { function: newFunction(stack, 'Return') } } });
    // WHEN it is synthesized
    const r = resourcesUnder(stack, 'Test');
    // THEN one account role, which each stage depends on
    expect(Object.entries(r).filter(([, res]) => res.Type === 'AWS::ApiGateway::Account').map(([path]) => path)).toEqual(['DecoupledApiGatewayCloudWatchRole/Resource']);
    expect(Object.entries(r).filter(([, res]) => res.Type === 'AWS::ApiGateway::Stage').map(([path, res]) => [path, res.DependsOn])).toEqual([
      ['Orders/Api/DeploymentStage.prod/Resource', ['Test/DecoupledApiGatewayCloudWatchRole/Resource', 'Test/Orders/ExecutionLogs/Resource']],
      ['Returns/Api/DeploymentStage.prod/Resource', ['Test/DecoupledApiGatewayCloudWatchRole/Resource', 'Test/Returns/ExecutionLogs/Resource']],
    ]);
  });
});
