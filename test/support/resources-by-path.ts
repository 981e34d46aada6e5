import { CfnElement, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';

/** A resource of a synthesized template, its logical ids replaced by the construct paths they stand for. */
export interface PathedResource {
  readonly Type: string;
  readonly Properties?: Record<string, any>;
  readonly DependsOn?: string[];
  readonly [key: string]: unknown;
}

/**
 * Synthesizes `stack` and returns its resources keyed by construct path (`Test/Api/Routes/POST /orders/Role/Resource`),
 * every logical id in them (Ref, Fn::GetAtt, DependsOn, inside Fn::Join) replaced by its construct path too, so whole
 * resources can be compared with `toEqual` without a hashed logical id in the test.
 */
export function resourcesByPath(stack: Stack): Record<string, PathedResource> {
  // Synthesized first: Aspects and Lazy values of the synth may add resources (the endpoints a VpcFunction plans).
  const resources = Template.fromStack(stack).toJSON().Resources as Record<string, unknown>;
  const paths = new Map<string, string>();
  for (const c of stack.node.findAll()) {
    if (CfnElement.isCfnElement(c)) paths.set(stack.resolve(c.logicalId), c.node.path);
  }
  const rename = (v: unknown): unknown => {
    if (typeof v === 'string') return paths.get(v) ?? v;
    if (Array.isArray(v)) return v.map(rename);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, rename(x)]));
    return v;
  };
  return Object.fromEntries(Object.entries(resources).map(([id, r]) => [paths.get(id) ?? id, rename(r) as PathedResource]));
}

/** The resources of `stack` under `prefix` (a construct path), keyed by their path after it. */
export function resourcesUnder(stack: Stack, prefix: string): Record<string, PathedResource> {
  return Object.fromEntries(Object.entries(resourcesByPath(stack))
    .filter(([path]) => path.startsWith(`${prefix}/`))
    .map(([path, r]) => [path.slice(prefix.length + 1), r]));
}
