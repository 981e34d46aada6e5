import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { buildCatalogApp } from '../../examples/catalog';

/**
 * A net for unintended change in what the examples synthesize. The behaviour of every default and rule is
 * asserted in test/patterns; a change here that no other test explains needs a look before `jest -u`.
 */
const app = buildCatalogApp();
const stacks = app.node.children.filter(Stack.isStack);

test.each(stacks.map((s) => [s.stackName, s] as const))('%s synthesizes as it did', (_name, stack) => {
  expect(Template.fromStack(stack).toJSON()).toMatchSnapshot();
});
