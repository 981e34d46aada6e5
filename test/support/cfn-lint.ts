// cfn-lint is run by the catalog's validator matrix too: one implementation, in lib/catalog.
export { cfnLint, cfnLintAvailable } from '../../lib/catalog/validators/cfn-lint';
export type { CfnLintFinding } from '../../lib/catalog/validators/cfn-lint';
