import { ResourceRef } from '../../resource-ref';
import { FacadeContext } from '../../world/world';
import { asyncInvoker } from './async-invocation';
import { functionEnvironment, loadOwnHandler } from './code';
import { LambdaFunction } from './function';
import { LambdaHandler, OnInvokeOptions, durationOf } from './handler';
import { FunctionMetricsView } from './metrics';
import { lambdaService } from './state';

/** The literal that asks for the function's own code (inline, or a local asset folder) instead of a test handler. */
export const OWN_CODE = 'inline';

/** `sim.lambda`: functions as a test drives them. `Simulation.onInvoke`, `invokeAsync`, `functionMetrics` delegate here. */
export class LambdaFacade {
  constructor(private readonly context: FacadeContext) {}

  /** Settings the `Simulation` options carry for Lambda: the Region's concurrency quota, where assets are. */
  public configure(options: { readonly accountConcurrency?: number; readonly assetDirectory?: string }): void {
    const state = lambdaService(this.context.world);
    state.assetDirectory = options.assetDirectory;
    if (options.accountConcurrency !== undefined) state.account.limit = options.accountConcurrency;
  }

  public lambdaFunction(ref: ResourceRef): LambdaFunction {
    return this.context.model(ref, LambdaFunction, 'a Lambda function');
  }

  /** Registers the code of a function: a handler, or `'inline'` for its own inline code or local asset. */
  public onInvoke(ref: ResourceRef, handler: LambdaHandler | typeof OWN_CODE, options: OnInvokeOptions = {}): void {
    const fn = this.lambdaFunction(ref);
    const durationMs = durationOf(options.duration);
    if (handler !== OWN_CODE && typeof handler !== 'function') {
      throw new Error(`onInvoke(${fn.logicalId}, …) takes a handler function or '${OWN_CODE}', not ${JSON.stringify(handler)}`);
    }
    if (handler !== OWN_CODE) {
      fn.code = { handler, durationMs };
      return;
    }
    const world = this.context.world;
    fn.code = {
      handler: loadOwnHandler(fn, options.assetDirectory ?? lambdaService(world).assetDirectory),
      durationMs,
      environment: functionEnvironment(fn, world.runtime.environment.region),
    };
  }

  /** Invokes with InvocationType Event; returns the request id, or throws Lambda's refusal. */
  public invokeAsync(ref: ResourceRef, payload: unknown): string {
    const fn = this.lambdaFunction(ref);
    const r = asyncInvoker(this.context.world, fn).invoke(payload);
    if (!r.ok) throw new Error(`Invoke (Event) of ${fn.logicalId} refused: ${r.reason}`);
    this.context.settle();
    return r.requestId;
  }

  /** Invocations, errors, throttles, durations and concurrency of a function, as time series on the virtual clock. */
  public functionMetrics(ref: ResourceRef): FunctionMetricsView {
    return this.lambdaFunction(ref).metrics.view();
  }
}
