import { ResourceNaming, ResourceTypeInfo, Unresolved, generatedName, regionalArn } from '../../template';
import { ServiceModule } from '../../world/world';
import './actions';
import { DEFAULT_ASYNC_CONFIG, asyncInvoker } from './async-invocation';
import { LAMBDA_CHECKS } from './checks';
import { LambdaFacade } from './facade';
import { LambdaFunction, functionByName, functionSettingsFromTemplate } from './function';
import { publishFunctionMetrics } from './metrics';
import { invokePermissionRefusal } from './permission';
import { lambdaService } from './state';
import { invokeSynchronously } from './synchronous-invocation';
import './trace-events';

const functionName = (r: ResourceNaming) => (typeof r.prop('FunctionName') === 'string' ? String(r.prop('FunctionName')) : generatedName(r.stackName, r.logicalId, 64));

const FUNCTION: ResourceTypeInfo = {
  type: 'AWS::Lambda::Function',
  ref: (r) => functionName(r),
  getAtt: (r, a) => (a === 'Arn' ? regionalArn(r, 'lambda', `function:${functionName(r)}`) : new Unresolved(`${r.logicalId}.${a}`)),
};

/**
 * Lambda: functions (handlers registered by the test or loaded from their code), concurrency, asynchronous
 * invocation with retries and destinations. Serves `lambda:InvokeFunction` (InvocationType Event or
 * RequestResponse) to other services: a service principal (SNS for a topic, API Gateway for a method) needs an
 * AWS::Lambda::Permission; a role, its identity policies.
 */
export const LAMBDA_SERVICE: ServiceModule<LambdaFacade> = {
  name: 'lambda',
  resourceTypes: [FUNCTION],
  models: [
    {
      type: 'AWS::Lambda::Function',
      create(r, world) {
        const fn = new LambdaFunction(world.runtime, lambdaService(world), functionSettingsFromTemplate(r, world));
        world.indexArn(fn.arn, fn);
        publishFunctionMetrics(world.metrics, fn.name, fn.metrics);
        return fn;
      },
    },
    {
      type: 'AWS::Lambda::EventInvokeConfig',
      create: () => ({}),
      link(world) {
        for (const r of world.template.ofType('AWS::Lambda::EventInvokeConfig')) {
          const fn = functionByName(world, r.stringProp('FunctionName') ?? '');
          if (!fn) continue;
          const destinations = r.prop('DestinationConfig') as { OnSuccess?: { Destination?: string }; OnFailure?: { Destination?: string } } | undefined;
          asyncInvoker(world, fn).config = {
            maximumRetryAttempts: r.numberProp('MaximumRetryAttempts') ?? DEFAULT_ASYNC_CONFIG.maximumRetryAttempts,
            maximumEventAgeMs: (r.numberProp('MaximumEventAgeInSeconds') ?? DEFAULT_ASYNC_CONFIG.maximumEventAgeMs / 1000) * 1000,
            onSuccess: destinations?.OnSuccess?.Destination,
            onFailure: destinations?.OnFailure?.Destination,
          };
        }
      },
    },
  ],
  install(world) {
    world.calls.serve('lambda:InvokeFunction', {
      find: (resource) => functionByName(world, resource),
      logicalIdOf: (fn) => fn.logicalId,
      authorize: (caller, fn) => (caller.kind === 'service' ? invokePermissionRefusal(world, fn, caller.principal, caller.sourceArn) : undefined),
      handle(_caller, fn, input) {
        if (input.invocationType === 'RequestResponse') return { ok: true, output: invokeSynchronously(fn, input.payload) };
        const r = asyncInvoker(world, fn).invoke(input.payload);
        return r.ok ? { ok: true, output: { requestId: r.requestId } } : { ok: false, reason: r.reason };
      },
    });
  },
  checks: LAMBDA_CHECKS,
  facade: (context) => new LambdaFacade(context),
};
