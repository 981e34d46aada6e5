export * from './finding';
export * from './run-checks';
