/**
 * IPv4 CIDR blocks as numbers: what a network check needs to tell whether a rule's block covers a subnet or an
 * address. Literal blocks only; anything else (a token, an IPv6 block) is `undefined` and covers nothing.
 */

/** A parsed IPv4 block: its first address as a number and its prefix length. */
export interface Ipv4Block {
  readonly address: number;
  readonly bits: number;
}

/** `10.0.0.0/16` → its first address and prefix length; undefined for anything that is not a literal IPv4 block. */
export function parseIpv4Cidr(cidr: string): Ipv4Block | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(cidr);
  if (!m) return undefined;
  const octets = m.slice(1, 5).map(Number);
  const bits = Number(m[5]);
  if (octets.some((o) => o > 255) || bits > 32) return undefined;
  const address = octets.reduce((acc, o) => acc * 256 + o, 0);
  return { address, bits };
}

/** Whether `outer` contains every address of `inner` (both literal IPv4 blocks); false when either is not one. */
export function cidrContains(outer: string, inner: string): boolean {
  const a = parseIpv4Cidr(outer);
  const b = parseIpv4Cidr(inner);
  if (!a || !b || b.bits < a.bits) return false;
  const size = 2 ** (32 - a.bits);
  return Math.floor(a.address / size) === Math.floor(b.address / size);
}

/** `0.0.0.0/0`: every IPv4 address. */
export const ANY_IPV4 = '0.0.0.0/0';

/** Whether two literal IPv4 blocks share any address (one contains the other). */
export function cidrOverlaps(a: string, b: string): boolean {
  return cidrContains(a, b) || cidrContains(b, a);
}
