export * from './policy';
export * from './role-policies';
export * from './service';
