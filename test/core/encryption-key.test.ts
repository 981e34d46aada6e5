import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { PROP_RULES, createEncryptionKey, grantsForAwsResourcesOnly, validateKeyRemovalPolicy } from '../../lib/core';
import { collect, named } from './problems';

/** The statement CT.KMS.PR.3 asks for, as CloudFormation writes it. */
const GRANTS_FOR_AWS_RESOURCES_ONLY = {
  Sid: 'DenyGrantsUnlessForAwsResources',
  Effect: 'Deny',
  Principal: { AWS: '*' },
  Action: 'kms:CreateGrant',
  Resource: '*',
  Condition: { BoolIfExists: { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' } },
};

describe('createEncryptionKey', () => {
  /** A key made the way every pattern makes its key (made in each test, where the mutation tests can see it). */
  function keyTemplate(props: { removalPolicy?: RemovalPolicy } = {}): Template {
    const stack = new Stack();
    createEncryptionKey(stack, 'Key', { description: 'test', ...props });
    return Template.fromStack(stack);
  }

  test('denies kms:CreateGrant to everyone unless the grant is for an AWS resource or the caller an AWS service', () => {
    keyTemplate().hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([GRANTS_FOR_AWS_RESOURCES_ONLY]),
      },
    });
  });

  test('keeps the account\'s administration of the key, rotation, and RETAIN by default', () => {
    keyTemplate().hasResource('AWS::KMS::Key', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        EnableKeyRotation: true,
        KeyPolicy: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Allow', Action: 'kms:*' })]), Version: '2012-10-17' },
      }),
    });
  });

  test('a removal policy given replaces RETAIN', () => {
    keyTemplate({ removalPolicy: RemovalPolicy.DESTROY }).hasResource('AWS::KMS::Key', { DeletionPolicy: 'Delete' });
  });

  test('the statement denies nothing but kms:CreateGrant, and only when both conditions are false', () => {
    expect(new Stack().resolve(grantsForAwsResourcesOnly().toStatementJson())).toEqual(GRANTS_FOR_AWS_RESOURCES_ONLY);
  });
});

describe('validateKeyRemovalPolicy', () => {
  test('fails if a key is given RemovalPolicy.SNAPSHOT (DeletionPolicy Snapshot, cfn-lint E3035)', () => {
    const problems = collect((p) => validateKeyRemovalPolicy(p, 'keyRemovalPolicy', RemovalPolicy.SNAPSHOT));
    expect(named(problems)).toEqual([`keyRemovalPolicy [${PROP_RULES.removalPolicy}]`]);
    expect(problems[0].rule).toMatch(/gives a KMS key DeletionPolicy: Snapshot/);
    expect(problems[0].fix).toMatch(/RemovalPolicy.RETAIN/);
  });

  test.each([RemovalPolicy.RETAIN, RemovalPolicy.DESTROY, RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE, undefined])('%p is accepted', (policy) => {
    expect(collect((p) => validateKeyRemovalPolicy(p, 'keyRemovalPolicy', policy))).toEqual([]);
  });
});
