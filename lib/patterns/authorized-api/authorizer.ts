import { Duration } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { Construct } from 'constructs';
import { API_GATEWAY_LIMITS } from '../../core';
import { ApiRoute, AuthorizedApiAuthorizer } from './props';
import { routeAuthorization } from './route-rules';

/** The header a TOKEN or Cognito authorizer reads unless told otherwise. */
export const DEFAULT_TOKEN_SOURCE = apigateway.IdentitySource.header('Authorization');

/** Written out even where aws-cdk-lib would leave it to the service, so the template says what runs. */
export const DEFAULT_RESULTS_CACHE_TTL = Duration.seconds(API_GATEWAY_LIMITS.authorizerResultTtl.default ?? 300);

/** The context variables a REQUEST authorizer adds to its cache key with `cachePerRoute`. */
export const ROUTE_IDENTITY_SOURCES = ['context.httpMethod', 'context.resourcePath'] as const;

/** The method options that authorize one route. */
export type RouteMethodAuthorization = Pick<apigateway.MethodOptions, 'authorizationType' | 'authorizer' | 'authorizationScopes'>;

/**
 * Makes the API's authorizer (none for IAM: SigV4 is the method's authorization type, not an authorizer resource)
 * and tells how each route is authorized. There is no default method option: aws-cdk-lib would put the default
 * authorizer on the CORS preflight too (aws-cdk #8615, #21419), so every method gets its authorization here.
 */
export class ApiAuthorizer {
  private made?: apigateway.IAuthorizer;

  constructor(private readonly scope: Construct, private readonly options: AuthorizedApiAuthorizer) {}

  /**
   * The authorizer, made when the first route needs it: aws-cdk-lib rejects an authorizer no method uses, which
   * happens when every route says 'none' or 'iam'.
   */
  public get authorizer(): apigateway.IAuthorizer | undefined {
    return this.made;
  }

  private make(): apigateway.IAuthorizer | undefined {
    const options = this.options;
    switch (options.type) {
      case 'token':
        return new apigateway.TokenAuthorizer(this.scope, 'Authorizer', {
          handler: options.function,
          identitySource: options.identitySource ?? DEFAULT_TOKEN_SOURCE,
          validationRegex: options.validationRegex,
          resultsCacheTtl: options.resultsCacheTtl ?? DEFAULT_RESULTS_CACHE_TTL,
        });
      case 'request':
        return new apigateway.RequestAuthorizer(this.scope, 'Authorizer', {
          handler: options.function,
          identitySources: [...options.identitySources ?? [], ...(options.cachePerRoute ? ROUTE_IDENTITY_SOURCES : [])],
          resultsCacheTtl: options.resultsCacheTtl ?? DEFAULT_RESULTS_CACHE_TTL,
        });
      case 'cognito':
        return new apigateway.CognitoUserPoolsAuthorizer(this.scope, 'Authorizer', {
          cognitoUserPools: [options.userPool, ...options.additionalUserPools ?? []],
          identitySource: options.identitySource ?? DEFAULT_TOKEN_SOURCE,
          resultsCacheTtl: options.resultsCacheTtl ?? DEFAULT_RESULTS_CACHE_TTL,
        });
      default:
        return undefined;
    }
  }

  /** How a route's method is authorized: its own `authorization`, or the API's authorizer (with its scopes). */
  public forRoute(route: ApiRoute): RouteMethodAuthorization {
    const authorization = routeAuthorization(route, this.options);
    if (authorization === 'none') return { authorizationType: apigateway.AuthorizationType.NONE };
    if (authorization === 'iam') return { authorizationType: apigateway.AuthorizationType.IAM };
    const scopes = route.scopes ?? (this.options.type === 'cognito' ? this.options.scopes : undefined);
    this.made ??= this.make();
    return {
      authorizer: this.made,
      authorizationType: authorization === 'cognito' ? apigateway.AuthorizationType.COGNITO : apigateway.AuthorizationType.CUSTOM,
      authorizationScopes: scopes && scopes.length > 0 ? scopes : undefined,
    };
  }
}
