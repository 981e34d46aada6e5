import { App, Stack } from 'aws-cdk-lib';

/** A fresh stack in a fresh app, with a fixed account and Region so account checks can run. */
export function newStack(id = 'Test'): Stack {
  return new Stack(new App(), id, { env: { account: '111111111111', region: 'eu-west-1' } });
}
