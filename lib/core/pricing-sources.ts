/**
 * Where the patterns' cost notes take their prices from, written once: the catalog shows each beside its figure.
 * A source marked "not yet in AWS-FACTS" is a figure to check before quoting.
 */
export const PRICING_SOURCES = {
  kms: 'AWS KMS pricing page',
  cloudWatch: 'Amazon CloudWatch pricing page, us-east-1 (figure not yet in AWS-FACTS: check before quoting)',
} as const;
