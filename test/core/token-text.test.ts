import { Aws, CfnParameter, Stack } from 'aws-cdk-lib';
import { knownText } from '../../lib/core';

describe('knownText', () => {
  test('a string without a token is known entirely', () => {
    expect(knownText('orders.fifo')).toEqual({ literal: 'orders.fifo', complete: true, knownEnding: 'orders.fifo', endsWithToken: false });
  });

  test('the literal text around tokens is known, and the ending after the last one', () => {
    expect(knownText(`${Aws.STACK_NAME}-orders-${Aws.REGION}.fifo`)).toEqual({ literal: '-orders-.fifo', complete: false, knownEnding: '.fifo', endsWithToken: false });
  });

  test('a string that ends with a token has an unknown ending', () => {
    expect(knownText(`orders-${Aws.ACCOUNT_ID}`)).toMatchObject({ literal: 'orders-', knownEnding: '', endsWithToken: true });
  });

  test('a parameter\'s value is all token', () => {
    const value = new CfnParameter(new Stack(), 'Name').valueAsString;
    expect(knownText(value)).toEqual({ literal: '', complete: false, knownEnding: '', endsWithToken: true });
  });
});
