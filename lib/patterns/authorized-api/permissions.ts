import { Names, Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { IConstruct } from 'constructs';

const API_GATEWAY = 'apigateway.amazonaws.com';

function pin(permission: lambda.CfnPermission, account: string): void {
  if (permission.principal === API_GATEWAY && permission.sourceAccount === undefined) permission.sourceAccount = account;
}

/**
 * Adds `SourceAccount` to the Lambda permissions aws-cdk-lib made for API Gateway (an integration's, under its
 * method; an authorizer's, under its function), beside their `SourceArn`: a second condition against a confused
 * deputy, and the literal value AWS Control Tower's CT.LAMBDA.PR.2 looks for when the stack's account is known.
 */
export function pinPermissionsToAccount(method: apigateway.Method, authorizer?: apigateway.IAuthorizer, authorizerFunction?: lambda.IFunction): void {
  const account = Stack.of(method).account;
  for (const child of method.node.findAll()) if (child instanceof lambda.CfnPermission) pin(child, account);
  if (!authorizer || !authorizerFunction) return;
  const id = Names.uniqueId(authorizer as unknown as IConstruct);
  for (const child of authorizerFunction.node.findAll()) {
    if (child instanceof lambda.CfnPermission && child.node.path.includes(id)) pin(child, account);
  }
}
