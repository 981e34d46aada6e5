export type { CompiledFilterPolicy, FilterMessage, FilterScope, MessageAttributeValue } from './types';
export { compileFilterPolicy } from './compiled-policy';
export { filterPolicyMatches } from './match';
export { validateFilterPolicy } from './validate';
export { attributeNamesMayMatch } from './attribute-names';
