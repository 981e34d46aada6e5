import { SqsMessage } from './message';

// AWS receipt handles are opaque strings that begin so; ours carry the receipt number, unique in the simulation.
const HANDLE_PREFIX = 'AQEB';

/** The receipt handle of a receipt number. */
export function receiptHandleOf(receipt: number): string {
  return HANDLE_PREFIX + receipt;
}

/** The receipt number a handle carries, or 0 when it is not one of ours (no receipt has number 0). */
export function receiptNumberOf(handle: string): number {
  if (typeof handle !== 'string' || !handle.startsWith(HANDLE_PREFIX) || handle.length > HANDLE_PREFIX.length + 15) return 0;
  let n = 0;
  for (let i = HANDLE_PREFIX.length; i < handle.length; i++) {
    const digit = handle.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9 || (n === 0 && digit === 0)) return 0;
    n = n * 10 + digit;
  }
  return n;
}

/**
 * A queue's messages that hold a receipt, by receipt number: an open-addressing table (linear probing, deletion
 * by backward shift) instead of a Map, so a receive or delete allocates nothing (a Map churns its hash table on
 * every insert and delete). Receipt numbers are issued in sequence, so live ones mostly sit in consecutive slots.
 *
 * A message keeps its receipt until it is received again or leaves the queue: a handle still deletes a message
 * whose visibility timeout ran out, until the next receive (as on AWS). The table grows to the most receipts
 * held at once and keeps that size.
 */
export class ReceiptTable {
  private keys = new Float64Array(16);
  private values: (SqsMessage | undefined)[] = new Array<SqsMessage | undefined>(16).fill(undefined);
  private mask = 15;
  private size = 0;

  /** Gives `m` the receipt `receipt`; its earlier receipt stops working. */
  public issue(m: SqsMessage, receipt: number): void {
    if (m.receipt !== 0) this.remove(m.receipt);
    m.receipt = receipt;
    if ((this.size + 1) * 2 > this.keys.length) this.grow();
    this.insert(receipt, m);
  }

  /** Invalidates `m`'s receipt as it leaves the queue. */
  public release(m: SqsMessage): void {
    if (m.receipt === 0) return;
    this.remove(m.receipt);
    m.receipt = 0;
  }

  /** The message a handle names, if the handle is current. */
  public find(handle: string): SqsMessage | undefined {
    const receipt = receiptNumberOf(handle);
    if (receipt === 0) return undefined;
    const i = this.indexOf(receipt);
    return i < 0 ? undefined : this.values[i];
  }

  /** `find` and `release` in one probe, for a delete. */
  public take(handle: string): SqsMessage | undefined {
    const receipt = receiptNumberOf(handle);
    const i = receipt === 0 ? -1 : this.indexOf(receipt);
    if (i < 0) return undefined;
    const m = this.values[i]!;
    this.removeAt(i);
    m.receipt = 0;
    return m;
  }

  /** Every message that holds a receipt. */
  public messages(): SqsMessage[] {
    return this.values.filter((m): m is SqsMessage => m !== undefined);
  }

  private indexOf(receipt: number): number {
    const keys = this.keys;
    for (let i = receipt & this.mask; keys[i] !== 0; i = (i + 1) & this.mask) if (keys[i] === receipt) return i;
    return -1;
  }

  private insert(receipt: number, m: SqsMessage): void {
    let i = receipt & this.mask;
    while (this.keys[i] !== 0) i = (i + 1) & this.mask;
    this.keys[i] = receipt;
    this.values[i] = m;
    this.size++;
  }

  private remove(receipt: number): void {
    const i = this.indexOf(receipt);
    if (i >= 0) this.removeAt(i);
  }

  private removeAt(index: number): void {
    let hole = index;
    const keys = this.keys;
    const mask = this.mask;
    // Backward shift: move up each later entry of the run that may sit in the hole, so lookups never stop early.
    for (let j = (hole + 1) & mask; keys[j] !== 0; j = (j + 1) & mask) {
      const home = keys[j] & mask;
      const stays = hole <= j ? hole < home && home <= j : hole < home || home <= j;
      if (stays) continue;
      keys[hole] = keys[j];
      this.values[hole] = this.values[j];
      hole = j;
    }
    keys[hole] = 0;
    this.values[hole] = undefined;
    this.size--;
  }

  private grow(): void {
    const keys = this.keys;
    const values = this.values;
    this.keys = new Float64Array(keys.length * 2);
    this.values = new Array<SqsMessage | undefined>(keys.length * 2).fill(undefined);
    this.mask = this.keys.length - 1;
    this.size = 0;
    for (let i = 0; i < keys.length; i++) if (keys[i] !== 0) this.insert(keys[i], values[i]!);
  }
}
