export * from './topic-fan-out';
export * from './queue-consumer';
