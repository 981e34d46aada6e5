import * as iam from 'aws-cdk-lib/aws-iam';
import { IConstruct } from 'constructs';
import { NagAcknowledgement, forPacks, wildcardAcknowledgements } from '../../core';

const STAGE_PACKS = ['NIST.800.53.R5', 'HIPAA.Security', 'PCI.DSS.321'] as const;

/**
 * The cdk-nag rules a resource of an AuthorizedApi is exempt from, each with the reason a reviewer needs, each
 * acknowledged on the one resource it concerns (never the stack) and asserted in the pattern's tests.
 */
export const AUTHORIZED_API_ACKNOWLEDGEMENTS = {
  /** On the stage, when no `cache` is given: a cache costs money by the hour and is a risk for an authorized API. */
  noStageCache: forPacks('APIGWCacheEnabledAndEncrypted', STAGE_PACKS,
    'The stage has no cache cluster, so no response is stored to be encrypted. A stage cache is keyed by path and '
    + 'parameters, not by caller: on an API whose every method is authorized it would serve one caller\'s answer to '
    + 'another unless the identity is part of the cache key, and it is billed by the hour (from about $14 a month). '
    + 'Set AuthorizedApi cache to turn on an encrypted cache.'),
  /** On the stage: the backend certificate is presented only to HTTP backends, and this API has none. */
  noClientCertificate: forPacks('APIGWSSLEnabled', STAGE_PACKS,
    'A client certificate is what API Gateway presents to HTTP(S) backends so they can tell its calls apart. Every '
    + 'integration of this API is a Lambda function or an SQS queue, reached through AWS service endpoints over '
    + 'TLS and signed with SigV4; no backend would ever be shown the certificate, and it would expire every year.'),
  /** On each method authorized by a Lambda authorizer or IAM. */
  notCognito: [{
    id: 'AwsSolutions-COG4',
    reason: 'The method is authorized on purpose by the API\'s chosen mechanism (a Lambda authorizer or IAM SigV4, '
      + 'AuthorizedApi authorizer.type); the rule accepts only Cognito user pools. No method of an AuthorizedApi is '
      + 'left without authorization unless its route says authorization: \'none\'.',
  }],
} as const satisfies Record<string, readonly NagAcknowledgement[]>;

/** The acknowledgement of a route made public on purpose: its reason names the route. */
export function publicRouteAcknowledgements(routeKey: string): NagAcknowledgement[] {
  const reason = `The route '${routeKey}' says authorization: 'none': it is public on purpose, and that is the only `
    + 'way an AuthorizedApi makes a method without authorization. The stage\'s throttling and web ACL still apply.';
  return [{ id: 'AwsSolutions-APIG4', reason }, { id: 'AwsSolutions-COG4', reason }];
}

/**
 * On the policy of the Region's API Gateway CloudWatch Logs role: its resource is every log group of the account
 * and Region. Each finding is named as cdk-nag renders that statement's resource.
 */
export function accountLogsRoleAcknowledgements(scope: IConstruct, statement: iam.PolicyStatement): NagAcknowledgement[] {
  return wildcardAcknowledgements(scope, statement,
    'This is the account-wide role API Gateway uses to write the execution and access logs of every REST API '
      + 'in this account and Region (AWS::ApiGateway::Account). Execution log groups are named by API Gateway '
      + '(API-Gateway-Execution-Logs_{apiId}/{stage}) and other APIs choose their own, so the role is limited to log '
      + 'groups of this account and Region, and to the logging actions of AWS\'s own policy for it.');
}
