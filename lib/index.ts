export * from './core';
export * from './filter-policy';
