import { ResourceNaming, ResourceTypeInfo, Unresolved, deterministicUuid, generatedSuffix, regionalArn } from '../../template';
import { ServiceModule } from '../../world/world';
import { CognitoFacade } from './facade';
import './trace-events';
import { CognitoUserPool, CognitoUserPoolClient, userPoolId } from './user-pool';

const poolId = (r: ResourceNaming) => userPoolId(r.env.region, generatedSuffix(r.stackName, r.logicalId));
const issuer = (r: ResourceNaming) => `https://cognito-idp.${r.env.region}.${r.env.urlSuffix}/${poolId(r)}`;

const USER_POOL: ResourceTypeInfo = {
  type: 'AWS::Cognito::UserPool',
  ref: (r) => poolId(r),
  getAtt: (r, a) => ({
    Arn: regionalArn(r, 'cognito-idp', `userpool/${poolId(r)}`),
    ProviderName: issuer(r).replace('https://', ''),
    ProviderURL: issuer(r),
    UserPoolId: poolId(r),
  })[a] ?? new Unresolved(`${r.logicalId}.${a}`),
};

// An app client id: 26 lower-case letters and digits, as Cognito makes them.
const clientId = (r: ResourceNaming) => deterministicUuid(`${r.stackName}/${r.logicalId}`).replace(/-/g, '').slice(0, 26);

const USER_POOL_CLIENT: ResourceTypeInfo = {
  type: 'AWS::Cognito::UserPoolClient',
  ref: (r) => clientId(r),
  getAtt: (r, a) => (a === 'ClientId' ? clientId(r) : a === 'Name' ? r.prop('ClientName') ?? clientId(r) : new Unresolved(`${r.logicalId}.${a}`)),
};

// Ref of a resource server is its identifier, the prefix of its scopes (`orders` in `orders/read`).
const RESOURCE_SERVER: ResourceTypeInfo = { type: 'AWS::Cognito::UserPoolResourceServer', ref: (r) => r.prop('Identifier') };

/**
 * Cognito user pools: their ids, issuers and app clients; tokens issued by `sim.cognito.signIn` (signed with a key
 * the simulation holds) and verified with aws-jwt-verify against the pool's JWKS, served in-process.
 */
export const COGNITO_SERVICE: ServiceModule<CognitoFacade> = {
  name: 'cognito',
  resourceTypes: [USER_POOL, USER_POOL_CLIENT, RESOURCE_SERVER],
  models: [
    {
      type: 'AWS::Cognito::UserPool',
      create(r, world) {
        const pool = new CognitoUserPool(r.logicalId, String(r.ref), String(r.getAtt('Arn')), String(r.getAtt('ProviderURL')));
        world.indexArn(pool.arn, pool);
        return pool;
      },
    },
    {
      // A client may come before its pool in the template: attached once every pool exists.
      type: 'AWS::Cognito::UserPoolClient',
      create: (r) => CognitoUserPoolClient.fromTemplate(r),
      link(world) {
        for (const client of world.all(CognitoUserPoolClient)) {
          world.all(CognitoUserPool).find((p) => p.id === client.userPoolId)?.clients.push(client);
        }
      },
    },
  ],
  facade: (context) => new CognitoFacade(context),
};
