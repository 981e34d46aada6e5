export * from './props';
export * from './topic-fan-out';
