export * from './command';
export * from './main';
export * from './assembly';
export * from './commands';
