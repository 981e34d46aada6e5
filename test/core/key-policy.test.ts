import { Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { addKeyStatementOrWarn, renderStatement, statementsNotAdded } from '../../lib/core';

const context = { code: 'decoupled:key-policy-not-editable', prop: 'encryptionKey', consequence: 'SNS cannot deliver' };

function snsStatement(queue: sqs.IQueue): iam.PolicyStatement {
  return new iam.PolicyStatement({
    principals: [new iam.ServicePrincipal('sns.amazonaws.com')],
    actions: ['kms:Decrypt'],
    resources: ['*'],
    conditions: { ArnEquals: { 'aws:SourceArn': queue.queueArn } },
  });
}

describe('addKeyStatementOrWarn', () => {
  test('adds the statement to the policy of a key made in the app, without a warning', () => {
    const stack = new Stack();
    const key = new kms.Key(stack, 'Key');
    expect(addKeyStatementOrWarn(stack, key, snsStatement(new sqs.Queue(stack, 'Q')), context)).toBe(true);
    Template.fromStack(stack).hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: { Statement: Match.arrayWith([Match.objectLike({ Principal: { Service: 'sns.amazonaws.com' }, Action: 'kms:Decrypt' })]) },
    });
    expect(statementsNotAdded(key)).toEqual([]);
    Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
  });

  test('warns, with the statement to paste, when an imported key\'s policy cannot take it, and records it', () => {
    const stack = new Stack(undefined, 'S');
    const key = kms.Key.fromKeyArn(stack, 'Key', 'arn:aws:kms:us-east-1:111111111111:key/abcd');
    const queue = sqs.Queue.fromQueueArn(stack, 'Q', 'arn:aws:sqs:us-east-1:111111111111:orders');
    const first = snsStatement(queue);
    const second = snsStatement(queue);
    expect(addKeyStatementOrWarn(stack, key, first, context)).toBe(false);
    expect(addKeyStatementOrWarn(stack, key, second, context)).toBe(false);
    expect(statementsNotAdded(key)).toEqual([first, second]);
    // The same warning twice is shown once.
    const warnings = Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('encryptionKey'));
    expect(warnings).toHaveLength(1);
    const message = warnings[0].entry.data as string;
    expect(message).toMatch(/^encryptionKey arn:aws:kms:us-east-1:111111111111:key\/abcd is a key whose policy cannot be edited here \(imported\); SNS cannot deliver\. Add this statement to the key policy: \{.*\} \[ack: decoupled:key-policy-not-editable\]$/);
    expect(message).toContain(JSON.stringify(stack.resolve(first.toStatementJson())));
  });

  test('a key never given a statement has nothing recorded', () => {
    expect(statementsNotAdded(kms.Key.fromKeyArn(new Stack(), 'K', 'arn:aws:kms:us-east-1:111111111111:key/x'))).toEqual([]);
  });
});

describe('renderStatement', () => {
  test('resolves tokens as CloudFormation would write them', () => {
    const stack = new Stack();
    const rendered = JSON.parse(renderStatement(stack, snsStatement(new sqs.Queue(stack, 'Queue'))));
    expect(rendered).toMatchObject({ Effect: 'Allow', Condition: { ArnEquals: { 'aws:SourceArn': { 'Fn::GetAtt': [expect.stringMatching(/^Queue/), 'Arn'] } } } });
  });
});
