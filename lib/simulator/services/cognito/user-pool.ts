import { TemplateResource } from '../../template';

/** Cognito's default validity of ID and access tokens: 60 minutes (UserPoolClient IdTokenValidity, AccessTokenValidity). */
export const DEFAULT_TOKEN_VALIDITY_MS = 60 * 60_000;

const UNIT_MS: Record<string, number> = { seconds: 1_000, minutes: 60_000, hours: 3_600_000, days: 86_400_000 };

/** An app client of a user pool (AWS::Cognito::UserPoolClient): the audience of the tokens it gets. */
export class CognitoUserPoolClient {
  constructor(
    public readonly logicalId: string,
    public readonly clientId: string,
    public readonly userPoolId: string,
    /** AllowedOAuthScopes: the scopes an access token of this client may carry; undefined when the template lists none. */
    public readonly allowedScopes: readonly string[] | undefined,
    public readonly idTokenValidityMs: number,
    public readonly accessTokenValidityMs: number,
  ) {}

  public static fromTemplate(r: TemplateResource): CognitoUserPoolClient {
    const units = (r.prop('TokenValidityUnits') ?? {}) as { IdToken?: string; AccessToken?: string };
    // Without TokenValidityUnits, the validities are in hours (CloudFormation's UserPoolClient reference).
    const validity = (prop: string, unit: string | undefined) => {
      const n = r.numberProp(prop);
      return n === undefined ? DEFAULT_TOKEN_VALIDITY_MS : n * (UNIT_MS[unit ?? 'hours'] ?? UNIT_MS.hours);
    };
    const scopes = r.prop('AllowedOAuthScopes');
    return new CognitoUserPoolClient(
      r.logicalId,
      String(r.ref),
      r.stringProp('UserPoolId') ?? '',
      Array.isArray(scopes) ? scopes.map(String) : undefined,
      validity('IdTokenValidity', units.IdToken),
      validity('AccessTokenValidity', units.AccessToken),
    );
  }
}

/** JSON Web Key Set, as a user pool serves it at `{issuer}/.well-known/jwks.json`. */
export interface Jwks {
  readonly keys: readonly Record<string, unknown>[];
}

/**
 * A Cognito user pool of the template: its id, ARN, issuer and app clients. The simulation signs its tokens
 * with a key it holds (signing-key.ts) and serves the public half as the pool's JWKS, in-process.
 */
export class CognitoUserPool {
  public readonly clients: CognitoUserPoolClient[] = [];
  /** The pool's JWKS once a key has been made for it (the first sign-in); until then no token verifies. */
  public jwks: Jwks | undefined = undefined;

  constructor(
    public readonly logicalId: string,
    /** `eu-west-1_AbCdEf123`. */
    public readonly id: string,
    public readonly arn: string,
    /** `https://cognito-idp.{region}.amazonaws.com/{id}`: the `iss` of every token. */
    public readonly issuer: string,
  ) {}

  /** The key id of the pool's signing key (the `kid` of its tokens' header and of its JWKS). */
  public get keyId(): string {
    return `${this.id}-simulated`;
  }
}

/** The ids the template's Refs give a user pool and a client: deterministic, of Cognito's shapes. */
export function userPoolId(region: string, suffix: string): string {
  return `${region}_${suffix.slice(0, 9)}`;
}
