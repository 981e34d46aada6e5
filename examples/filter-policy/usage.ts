import { compileFilterPolicy, filterPolicyMatches, validateFilterPolicy } from '../../lib';

/** The README's filter policy example, compiled and checked by test/readme.test.ts. */
export function filterPolicyUsage() {
  // README: filter-policy
  const policy = {
    event: ['order_placed'],
    region: [{ prefix: 'eu-' }],
    price_usd: [{ numeric: ['>=', 100, '<', 1000] }],
    channel: [{ 'anything-but': ['test'] }],
    customer_id: [{ exists: true }],
  };

  validateFilterPolicy(policy); // [] — SNS would accept it
  validateFilterPolicy({ price: [{ numeric: ['>', 3, '<', 1] }] }); // one reason: the lower bound must be below the upper

  filterPolicyMatches(policy, {
    attributes: {
      event: { Type: 'String', Value: 'order_placed' },
      region: { Type: 'String', Value: 'eu-west-1' },
      price_usd: { Type: 'Number', Value: '250' },
      channel: { Type: 'String', Value: 'web' },
      customer_id: { Type: 'String', Value: 'c-42' },
    },
  }); // true

  const orders = compileFilterPolicy({ order: { total: [{ numeric: ['>', 100] }] } }, 'MessageBody');
  orders.matches({ body: '{"order": {"total": 120}}' }); // true — the policy was parsed once
  // README: end
  return { policy, orders };
}
