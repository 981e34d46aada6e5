// Answers GET /orders/{id} (Lambda proxy integration), for the user the authorizer named.
exports.handler = async (event) => {
  const id = event.pathParameters?.id;
  const user = event.requestContext?.authorizer?.user;
  return {
    statusCode: 200,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ id, owner: user, status: 'placed' }),
  };
};
