export * from './limits';
export * from './validation';
export * from './defaults';
export * from './nag';
