export * from './core';
export * from './patterns';
export * from './filter-policy';
export * from './simulator';
