/**
 * The limits SNS puts on a subscription filter policy, with where each is written down.
 * Source for all but the last two: "Filter policy constraints in Amazon SNS"
 * (docs.aws.amazon.com/sns/latest/dg/subscription-filter-policy-constraints.html).
 */
export const FILTER_POLICY_LIMITS = {
  /** "A filter policy can have a maximum of five keys"; for nested (body) policies only parent keys count. */
  maxKeys: 5,
  /** "The total combination of values in a filter policy must not exceed 150." */
  maxCombinations: 150,
  /** "The maximum size of a filter policy is 256 KB." */
  maxSizeBytes: 256 * 1024,
  /** Numeric matching: "the value can range from -10^9 to 10^9 ... with five digits of accuracy after the decimal point". */
  maxNumericMagnitude: 1e9,
  numericDecimalDigits: 5,
  /** `$or` needs at least two objects (aws/event-ruler JsonRuleCompiler: "There must have at least 2 Objects in $or"). */
  minOrBranches: 2,
} as const;
