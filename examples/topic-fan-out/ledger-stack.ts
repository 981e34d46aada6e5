import { Stack, StackProps } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { TopicFanOut } from '../../lib';

/** Ledger entries must be applied in order per account: a FIFO fan-out keeps each group's order. */
export class LedgerFanOutStack extends Stack {
  public readonly fanOut: TopicFanOut;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    this.fanOut = new TopicFanOut(this, 'Ledger', {
      fifo: true,
      contentBasedDeduplication: true,
      subscribers: {
        balances: { filter: { entryType: ['debit', 'credit'] } },
        statements: {},
      },
    });
  }
}
