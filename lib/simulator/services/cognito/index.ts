export * from './facade';
export * from './service';
export * from './signing-key';
export * from './token-verifier';
export * from './tokens';
export * from './user-pool';
