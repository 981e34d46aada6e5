import { CfnResource, Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { TemplateModel } from './template';

/** How tests name a resource: its construct (`fanOut.topic`, an `IQueue`), its construct path, logical id, ARN or URL. */
export type ResourceRef = IConstruct | string;

/**
 * The logical id a reference stands for, or, for a resource outside the template (an imported queue), its ARN.
 * A construct made by an L2 maps through its `defaultChild`; an imported one through its `queueArn` / `topicArn`.
 */
export function identify(ref: ResourceRef, template: TemplateModel): string {
  if (typeof ref !== 'string') return fromConstruct(ref);
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

function fromConstruct(c: IConstruct): string {
  const cfn = c instanceof CfnResource ? c : c.node.defaultChild;
  if (cfn instanceof CfnResource) return Stack.of(cfn).resolve(cfn.logicalId) as string;
  const arn = (c as { queueArn?: string; topicArn?: string }).queueArn ?? (c as { topicArn?: string }).topicArn;
  if (typeof arn === 'string') return Stack.of(c).resolve(arn) as string;
  throw new Error(`${c.node.path} is not a resource the simulator can find: pass a construct with a CloudFormation resource, a path or a logical id`);
}
