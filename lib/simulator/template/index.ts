export * from './errors';
export * from './resolver';
export * from './resource-types';
export * from './template-model';
export * from './physical-names';
