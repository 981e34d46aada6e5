export * from './auto-scaling-group';
export * from './facade';
export * from './instance-role';
export * from './metrics';
export * from './names';
export * from './service';
