export * from './topic-fan-out';
export * from './queue-consumer';
export * from './vpc-function';
