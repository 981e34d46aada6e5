// Answers GET /orders/{id} (Lambda proxy integration) and GET /health (public).
exports.handler = async (event) => {
  if (event.resource === '/health') return { statusCode: 200, body: JSON.stringify({ status: 'ok' }) };
  const id = event.pathParameters?.id;
  const user = event.requestContext?.authorizer?.user;
  return {
    statusCode: 200,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ id, owner: user, status: 'placed' }),
  };
};
