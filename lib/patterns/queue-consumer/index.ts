export * from './props';
export * from './defaults';
export * from './rules';
export * from './alarms';
export * from './consumer-function';
export * from './queue-consumer';
