export * from './labels';
export * from './references';
export * from './resource-types';
export * from './template-graph';
export * from './layout';
export * from './svg';
export * from './draw';
