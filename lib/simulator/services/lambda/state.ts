import { LambdaAccount } from './account';
import { SimulationWorld } from '../../world/world';

/** What every Lambda model of one simulation shares: the account's concurrency, where assets are. */
export class LambdaService {
  constructor(public readonly world: SimulationWorld) {}

  public readonly account = new LambdaAccount();
  /** The cloud assembly folder (cdk.out or the app's outdir) holding function assets, when known. */
  public assetDirectory: string | undefined = undefined;
}

const services = new WeakMap<SimulationWorld, LambdaService>();

/** The Lambda state of a simulation, made on first use. */
export function lambdaService(world: SimulationWorld): LambdaService {
  let s = services.get(world);
  if (!s) {
    s = new LambdaService(world);
    services.set(world, s);
  }
  return s;
}
