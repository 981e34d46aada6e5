export * from './limits';
export * from './validation';
export * from './defaults';
export * from './nag';
export * from './queue-settings';
export * from './alarms';
export * from './alarm-topic';
export * from './acknowledgements';
