export * from './generated';
export * from './tokens';
export * from './numbers';
export * from './queue-names';
export * from './brought';
export * from './settings';
