import { SqsMessage } from './sqs-message';

// AWS receipt handles are opaque strings that begin so; ours carry the receipt number and the message's slot.
const HANDLE_PREFIX = 'AQEB';

/** The receipt handle of a receipt: its number (unique in the simulation) and the slot of the message holding it. */
export function receiptHandleOf(receipt: number, slot: number): string {
  return `${HANDLE_PREFIX}${receipt}.${slot}`;
}

/**
 * A queue's messages that hold a receipt, by slot: a receive takes a slot (or keeps the message's own), a delete
 * reads the slot and receipt back from the handle and checks that the message there still holds that receipt.
 *
 * A slot table instead of a map from handles: a receive or delete then allocates nothing (a map churns its hash
 * table on every insert and delete), and the handle string is needed only when someone reads it.
 * A message keeps its slot until it leaves the queue: a handle stays valid after the visibility timeout, until
 * the message is received again (as on AWS).
 */
export class ReceiptTable {
  private readonly slots: (SqsMessage | undefined)[] = [];
  private readonly free: number[] = [];

  /** Gives `m` the receipt `receipt`, in its own slot or a free one. */
  public issue(m: SqsMessage, receipt: number): void {
    if (m.receiptSlot < 0) {
      const slot = this.free.length > 0 ? this.free.pop()! : this.slots.length;
      this.slots[slot] = m;
      m.receiptSlot = slot;
    }
    m.receipt = receipt;
  }

  /** Frees `m`'s slot as it leaves the queue; its handles are invalid from now on. */
  public release(m: SqsMessage): void {
    if (m.receiptSlot < 0) return;
    this.slots[m.receiptSlot] = undefined;
    this.free.push(m.receiptSlot);
    m.receiptSlot = -1;
  }

  /** The message a handle names, if the handle is current. */
  public find(handle: string): SqsMessage | undefined {
    if (typeof handle !== 'string' || !handle.startsWith(HANDLE_PREFIX) || handle.length > 40) return undefined;
    const dot = handle.indexOf('.', HANDLE_PREFIX.length);
    if (dot <= HANDLE_PREFIX.length || dot === handle.length - 1) return undefined;
    let receipt = 0;
    for (let i = HANDLE_PREFIX.length; i < dot; i++) receipt = receipt * 10 + digit(handle, i);
    let slot = 0;
    for (let i = dot + 1; i < handle.length; i++) slot = slot * 10 + digit(handle, i);
    const m = Number.isNaN(receipt + slot) ? undefined : this.slots[slot];
    return m !== undefined && m.receipt === receipt ? m : undefined;
  }

  /** Every message that holds a receipt, in slot order. */
  public messages(): SqsMessage[] {
    return this.slots.filter((m): m is SqsMessage => m !== undefined);
  }
}

function digit(s: string, i: number): number {
  const d = s.charCodeAt(i) - 48;
  return d >= 0 && d <= 9 ? d : NaN;
}
