import { CostNote, PatternDescription, PRICING_SOURCES } from '../../core';
import { AUTHORIZED_API_DEFAULT_DEFINITIONS } from './defaults';
import { DEFAULT_MANAGED_RULE_GROUPS } from './firewall';
import { AUTHORIZED_API_RULE_DEFINITIONS } from './rules';

const WAF_PRICING = 'AWS WAF pricing page, as quoted by secondary copies read 2026 (c3x.dev, awsnegotiations.com); same in every Region';

/** What an AuthorizedApi costs beyond its requests, by default and with its options. */
export const AUTHORIZED_API_COSTS: readonly CostNote[] = [
  { item: 'AWS WAF web ACL (default WebAclOption.create())', price: '$5 per web ACL per month', source: WAF_PRICING },
  { item: `AWS WAF rules: ${DEFAULT_MANAGED_RULE_GROUPS.length} AWS managed rule groups`, price: `$1 per rule group per month ($${DEFAULT_MANAGED_RULE_GROUPS.length} by default)`, source: WAF_PRICING },
  { item: 'AWS WAF requests', price: '$0.60 per million requests inspected', source: WAF_PRICING },
  { item: 'KMS key for the log groups (unless encryptionKey is given)', price: '$1 per key per month, plus $0.03 per 10,000 requests', source: PRICING_SOURCES.kms },
  { item: 'Alarm on server errors (unless alarms: false); an alarm topic unless the routes\' pattern shares its own', price: 'one standard alarm on one metric, a month; the topic costs nothing until it notifies', source: PRICING_SOURCES.cloudWatch },
  { item: 'REST API requests', price: '$3.50 per million (first 333 million a month, US East); the free tier covers 1 million a month for 12 months', source: 'API Gateway pricing page' },
  { item: 'Stage cache (only with the cache option)', price: 'an hourly rate by cache size, billed while the stage exists', source: 'API Gateway pricing page (rates shown by Region)' },
  { item: 'Client certificate (not made: acknowledged)', price: 'no charge found; it expires yearly and must be rotated', source: 'API Gateway developer guide, client certificates' },
];

/** The AuthorizedApi as the catalog and the command line present it. */
export const AUTHORIZED_API_PATTERN: PatternDescription = {
  name: 'AuthorizedApi',
  summary: 'An API Gateway REST API whose every method is authorized on purpose (Lambda TOKEN or REQUEST authorizer, Cognito user pool, or IAM), with routes to Lambda functions or straight to SQS queues, throttling, JSON access logs, X-Ray and a WAF web ACL.',
  chooseWhen: [
    'Clients call in over HTTPS and must be authenticated per request, with one authorization decision for the whole API.',
    'A request only needs to be queued for later work: route it to an SQS queue, with no function in between.',
    'You need REST API features HTTP APIs lack: AWS WAF, usage plans and API keys, request validation, private endpoints, mapping templates.',
    'Not when a cheaper HTTP API with a JWT authorizer does the job, or for WebSocket traffic.',
  ],
  rules: AUTHORIZED_API_RULE_DEFINITIONS,
  defaults: AUTHORIZED_API_DEFAULT_DEFINITIONS,
  costs: AUTHORIZED_API_COSTS,
};
