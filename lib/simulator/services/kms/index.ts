export * from './key';
export * from './service';
