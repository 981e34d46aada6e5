// Builds the daily report: reads the threshold from Parameter Store and announces the report on the topic.
// The AWS SDK for JavaScript v3 in the Node.js runtime calls the Regional hostnames the VPC endpoints answer for.
const { SSMClient, GetParameterCommand } = require('@aws-sdk/client-ssm');
const { SNSClient, PublishCommand } = require('@aws-sdk/client-sns');

const ssm = new SSMClient({});
const sns = new SNSClient({});

exports.handler = async (event) => {
  const { Parameter } = await ssm.send(new GetParameterCommand({ Name: process.env.THRESHOLD_PARAMETER }));
  const threshold = Number(Parameter?.Value ?? '0');
  const total = Array.isArray(event?.amounts) ? event.amounts.reduce((sum, amount) => sum + Number(amount), 0) : 0;
  const report = { total, overThreshold: total > threshold };
  await sns.send(new PublishCommand({ TopicArn: process.env.REPORTS_TOPIC_ARN, Message: JSON.stringify(report) }));
  return report;
};
