import { wildcard } from '../iam/policy';
import { LambdaFunction, functionByName } from './function';
import { SimulationWorld } from '../../world/world';

/** Whether an AWS::Lambda::Permission (the function's resource policy) lets `principal` invoke `fn` from `sourceArn`; the reason when none does. */
export function invokePermissionRefusal(world: SimulationWorld, fn: LambdaFunction, principal: string, sourceArn: string): string | undefined {
  for (const p of world.template.ofType('AWS::Lambda::Permission')) {
    const target = p.stringProp('FunctionName');
    const action = p.stringProp('Action') ?? '';
    if (!target || functionByName(world, target) !== fn || !wildcard(action, 'lambda:InvokeFunction', true)) continue;
    if (p.stringProp('Principal') !== principal) continue;
    const source = p.stringProp('SourceArn');
    if (source === undefined || wildcard(source, sourceArn, false)) return undefined;
  }
  return `no AWS::Lambda::Permission lets ${principal} invoke ${fn.logicalId} from ${sourceArn}`;
}
