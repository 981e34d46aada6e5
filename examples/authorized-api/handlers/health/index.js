// Answers the public GET /health: 200 when the orders queue answers, 503 when it does not. The route is public, so
// the answer says nothing but the status; what failed goes to the function's log.
const { GetQueueAttributesCommand, SQSClient } = require('@aws-sdk/client-sqs');

const sqs = new SQSClient({});

function answer(statusCode, status) {
  return { statusCode, headers: { 'content-type': 'application/json', 'cache-control': 'no-store' }, body: JSON.stringify({ status }) };
}

exports.handler = async () => {
  try {
    // The cheapest call that proves the queue exists and this role may reach it (through the VPC's SQS endpoint).
    await sqs.send(new GetQueueAttributesCommand({ QueueUrl: process.env.ORDERS_QUEUE_URL, AttributeNames: ['QueueArn'] }));
    return answer(200, 'ok');
  } catch (error) {
    console.error(JSON.stringify({ message: 'The orders queue did not answer', error: error.name, detail: error.message }));
    return answer(503, 'unavailable');
  }
};
