// Each module registers its models with the registry when loaded; importing this file loads them all.
import './sqs';
import './kms';
import './sns';

export * from './registry';
export * from './sqs-message';
export * from './sqs-settings';
export * from './sqs-queue';
export * from './sqs-standard-queue';
export * from './sqs-fifo-queue';
export * from './sns';
export * from './sns-message';
export * from './kms';
export * from './iam-policy';
export * from './access';
