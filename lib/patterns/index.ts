export * from './topic-fan-out';
export * from './queue-consumer';
export * from './queue-depth-scaling';
export * from './authorized-api';
export * from './vpc-function';
export * from './descriptions';
