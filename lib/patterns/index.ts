export * from './topic-fan-out';
