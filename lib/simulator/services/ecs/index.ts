export * from './ecs-service';
export * from './facade';
export * from './metrics';
export * from './names';
export * from './service';
