export * from './checks';
export * from './facade';
export * from './lambda-delivery';
export * from './published-message';
export * from './service';
export * from './topic';
