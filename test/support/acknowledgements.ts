import { Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/** The rule ids acknowledged on exactly this construct (not its ancestors), with their reasons. */
export function acknowledgedOn(construct: IConstruct): Record<string, string> {
  const acks: Record<string, string> = {};
  for (const entry of construct.node.metadata) {
    if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY) continue;
    for (const [id, reason] of Object.entries(entry.data as Record<string, string>)) acks[id.replace(/^annotation::/i, '')] = reason;
  }
  return acks;
}
