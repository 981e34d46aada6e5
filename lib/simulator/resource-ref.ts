import { CfnResource, Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { distance } from 'fastest-levenshtein';
import { TemplateModel } from './template';

/** How tests name a resource: its construct (`fanOut.topic`, an `IQueue`), its construct path, logical id, ARN or URL. */
export type ResourceRef = IConstruct | string;

/**
 * The logical id a reference stands for, or, for a resource outside the template (an imported queue), its ARN.
 * A construct made by an L2 maps through its `defaultChild`; an imported one through its `queueArn` / `topicArn`.
 * A construct of another stack than the simulated one is an error naming both stacks.
 */
export function identify(ref: ResourceRef, template: TemplateModel): string {
  if (typeof ref !== 'string') return fromConstruct(ref, template);
  if (template.resource(ref)) return ref;
  const suffixMatches: string[] = [];
  for (const r of template.resources.values()) {
    const path = r.constructPath;
    if (!path) continue;
    if (path === ref || path === `${ref}/Resource`) return r.logicalId;
    if (path.endsWith(`/${ref}`) || path.endsWith(`/${ref}/Resource`)) suffixMatches.push(r.logicalId);
  }
  // A suffix naming two resources (`Dlq` in `A/Dlq` and `B/Dlq`) must not pick one silently: the test would
  // assert on whichever came first in the template.
  if (suffixMatches.length > 1) {
    const paths = suffixMatches.map((id) => `${template.resource(id)!.constructPath} (${id})`);
    throw new Error(`'${ref}' is ambiguous: it ends the construct paths ${paths.join(', ')}; name one by a longer path or its logical id`);
  }
  return suffixMatches[0] ?? ref;
}

function fromConstruct(c: IConstruct, template: TemplateModel): string {
  const cfn = cfnResourceOf(c);
  if (cfn instanceof CfnResource) {
    const stack = Stack.of(cfn);
    const id = stack.resolve(cfn.logicalId) as string;
    const own = template.resource(id);
    // The same logical id may name an unrelated resource of the simulated stack: the construct path tells them apart.
    const elsewhere = own?.constructPath !== undefined ? own.constructPath !== cfn.node.path : own === undefined && stack.stackName !== template.stackName;
    if (elsewhere) {
      throw new Error(`${c.node.path} is in stack ${stack.stackName}, but this simulation runs stack ${template.stackName}: `
        + `simulate ${stack.stackName} (Simulation.fromStack), or name a resource of ${template.stackName}`);
    }
    return id;
  }
  const arn = (c as { queueArn?: string; topicArn?: string }).queueArn ?? (c as { topicArn?: string }).topicArn;
  if (typeof arn === 'string') {
    const resolved = Stack.of(c).resolve(arn) as unknown;
    if (typeof resolved === 'string') return resolved;
    throw new Error(`${c.node.path} stands for a resource whose ARN is known only at deploy time (${JSON.stringify(resolved)}), `
      + `so it is not in the template of stack ${template.stackName}: simulate the stack that owns it, or name a resource of ${template.stackName}`);
  }
  throw new Error(`${c.node.path} is not a resource the simulator can find: pass a construct with a CloudFormation resource, a path or a logical id`);
}

/** The CloudFormation resource a construct stands for, through `defaultChild`s (a pattern → its function → CfnFunction). */
function cfnResourceOf(c: IConstruct): IConstruct | undefined {
  let at: IConstruct | undefined = c;
  for (let depth = 0; at !== undefined && !(at instanceof CfnResource) && depth < 8; depth++) at = at.node.defaultChild;
  return at;
}

/**
 * The error for a reference that names no resource of the template: it lists the nearest construct paths and
 * logical ids that exist (by edit distance to the reference or to the end of a path, as a shortened path would be
 * written), so a typo or a renamed construct points at its fix.
 */
export function unknownResourceError(ref: ResourceRef, id: string, template: TemplateModel, what: string): Error {
  const name = typeof ref === 'string' ? ref : id;
  const near = nearestResources(name, template);
  const hint = near.length > 0 ? `; the nearest that exist: ${near.join(', ')}` : '';
  return new Error(`No resource ${name} in stack ${template.stackName} (expected ${what})${hint}`);
}

const MAX_SUGGESTIONS = 3;

/** Up to three resources whose path (or an ending of it) or logical id is within a few edits of `name`, nearest first. */
export function nearestResources(name: string, template: TemplateModel): string[] {
  const limit = Math.max(2, Math.floor(name.length / 3));
  const scored: { label: string; d: number }[] = [];
  for (const r of template.resources.values()) {
    const path = r.constructPath?.replace(/\/Resource$/, '');
    let d = distance(name, r.logicalId);
    if (path) {
      const parts = path.split('/');
      for (let i = 0; i < parts.length; i++) d = Math.min(d, distance(name, parts.slice(i).join('/')));
    }
    if (d <= limit) scored.push({ label: path ? `${path} (${r.logicalId})` : r.logicalId, d });
  }
  scored.sort((a, b) => a.d - b.d || a.label.localeCompare(b.label));
  return scored.slice(0, MAX_SUGGESTIONS).map((s) => s.label);
}
