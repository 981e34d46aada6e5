/**
 * IPv4 and IPv6 addresses and CIDR blocks, for the `cidr` operator.
 * Addresses are read into 16 bytes (IPv4 into the first 4) so that a block test is a byte
 * comparison. Hand-written rather than a dependency: the grammar is small and this runs per message.
 */

export type IpFamily = 4 | 6;

export interface CidrBlock {
  readonly family: IpFamily;
  readonly bytes: Uint8Array;
  readonly prefixLength: number;
}

// One scratch buffer: matching a message value needs no allocation.
const scratch = new Uint8Array(16);

function parseIpv4(text: string, out: Uint8Array, offset: number): boolean {
  const parts = text.split('.');
  if (parts.length !== 4) {
    return false;
  }
  for (let i = 0; i < 4; i++) {
    const part = parts[i];
    if (!/^\d{1,3}$/.test(part)) {
      return false;
    }
    const n = Number(part);
    if (n > 255) {
      return false;
    }
    out[offset + i] = n;
  }
  return true;
}

function parseIpv6(text: string, out: Uint8Array): boolean {
  const halves = text.split('::');
  if (halves.length > 2) {
    return false;
  }
  const groupsOf = (s: string): string[] => (s === '' ? [] : s.split(':'));
  const head = groupsOf(halves[0]);
  const tail = halves.length === 2 ? groupsOf(halves[1]) : [];
  // An embedded IPv4 address (::ffff:10.0.0.1) takes the place of the last two groups.
  const last = tail.length > 0 ? tail : head;
  let ipv4Tail = false;
  if (last.length > 0 && last[last.length - 1].includes('.')) {
    ipv4Tail = true;
  }
  const groupCount = head.length + tail.length + (ipv4Tail ? 1 : 0);
  if (halves.length === 1 ? groupCount !== 8 : groupCount > 7) {
    return false;
  }
  out.fill(0);
  const writeGroups = (groups: string[], startByte: number): boolean => {
    for (let i = 0; i < groups.length; i++) {
      const g = groups[i];
      const byte = startByte + i * 2;
      if (ipv4Tail && groups === last && i === groups.length - 1) {
        return parseIpv4(g, out, byte);
      }
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) {
        return false;
      }
      const n = parseInt(g, 16);
      out[byte] = n >> 8;
      out[byte + 1] = n & 0xff;
    }
    return true;
  };
  if (!writeGroups(head, 0)) {
    return false;
  }
  const tailBytes = tail.length * 2 + (ipv4Tail && tail.length > 0 ? 2 : 0);
  return writeGroups(tail, 16 - tailBytes);
}

/** Reads an address into `out`; returns its family, or undefined if the text is not an IP address. */
export function parseIpAddress(text: string, out: Uint8Array = scratch): IpFamily | undefined {
  if (text.includes(':')) {
    return parseIpv6(text, out) ? 6 : undefined;
  }
  return parseIpv4(text, out, 0) ? 4 : undefined;
}

/** Parses `address/prefix`; returns the problem in words if it is not a valid block. */
export function parseCidr(text: string): CidrBlock | string {
  const parts = text.split('/');
  if (parts.length !== 2) {
    return `"${text}" is not a CIDR block: write it as address/prefix-length, e.g. 10.0.0.0/24`;
  }
  const [address, bits] = parts;
  const bytes = new Uint8Array(16);
  const family = parseIpAddress(address, bytes);
  if (family === undefined) {
    return `"${address}" is not a valid IPv4 or IPv6 address`;
  }
  const max = family === 4 ? 32 : 128;
  if (!/^\d{1,3}$/.test(bits) || Number(bits) > max) {
    return `prefix length "${bits}" must be an integer from 0 to ${max}`;
  }
  return { family, bytes, prefixLength: Number(bits) };
}

/** Whether the address text lies inside the block (an address of the other family never does). */
export function cidrContains(block: CidrBlock, addressText: string): boolean {
  if (parseIpAddress(addressText, scratch) !== block.family) {
    return false;
  }
  const whole = block.prefixLength >> 3;
  for (let i = 0; i < whole; i++) {
    if (scratch[i] !== block.bytes[i]) {
      return false;
    }
  }
  const rest = block.prefixLength & 7;
  if (rest === 0) {
    return true;
  }
  const mask = (0xff << (8 - rest)) & 0xff;
  return (scratch[whole] & mask) === (block.bytes[whole] & mask);
}
