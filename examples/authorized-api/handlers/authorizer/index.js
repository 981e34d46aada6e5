// A TOKEN authorizer for the example API. A real one verifies a signed token (aws-jwt-verify, jose); this one
// accepts "Bearer <user>" for users it knows, so the example runs without an identity provider.
const KNOWN_USERS = new Set(['alice', 'bob']);

// While API Gateway caches this answer (300 s by default), it is reused for EVERY method of the API called with
// the same token. So the policy names every route the user may call, not only event.methodArn: a policy for the
// first method alone would deny the user's next, different request until the cache entry expires.
function apiWide(methodArn) {
  // arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/{VERB}/{resource...}
  const [api, stage] = methodArn.split('/');
  return `${api}/${stage}/*/*`;
}

exports.handler = async (event) => {
  const match = /^Bearer (\w+)$/.exec(event.authorizationToken ?? '');
  if (!match || !KNOWN_USERS.has(match[1])) throw new Error('Unauthorized');
  const user = match[1];
  return {
    principalId: user,
    policyDocument: {
      Version: '2012-10-17',
      Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: apiWide(event.methodArn) }],
    },
    context: { user },
  };
};
