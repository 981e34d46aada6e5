/**
 * What a network rule is asked about: TCP to a port, from or to a block of addresses. Security groups and network
 * ACLs both match protocols and port ranges the same way; they differ in peers and in order.
 */

/** TCP as security groups and network ACLs write it: `tcp`, `6`, or every protocol (`-1`, `all`). */
export function coversTcp(protocol: unknown): boolean {
  const p = String(protocol ?? '-1').toLowerCase();
  return p === '-1' || p === 'all' || p === 'tcp' || p === '6';
}

/** Whether every protocol is meant (then ports do not apply). */
export function allProtocols(protocol: unknown): boolean {
  const p = String(protocol ?? '-1').toLowerCase();
  return p === '-1' || p === 'all';
}

/** An inclusive port range. */
export interface PortRange {
  readonly from: number;
  readonly to: number;
}

/** HTTPS: what every AWS API call uses. */
export const HTTPS: PortRange = { from: 443, to: 443 };

/**
 * The ports a client's side of a connection may use, which return traffic comes back to: network ACLs are
 * stateless and must admit them. AWS's network ACL guide gives 1024–65535 for Lambda functions and NAT gateways
 * (not confirmed from a current AWS source here; the wider range is the safer choice: an ACL admitting only part of
 * it drops some connections).
 */
export const EPHEMERAL_PORTS: PortRange = { from: 1024, to: 65535 };

export function num(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  return typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : undefined;
}

/** The port range of a rule: all ports for every protocol, or when a TCP rule leaves them out or writes -1. */
export function ruleRange(protocol: unknown, from: unknown, to: unknown): PortRange {
  const f = num(from);
  const t = num(to);
  if (allProtocols(protocol) || f === undefined || f < 0) return { from: 0, to: 65535 };
  return { from: f, to: t === undefined || t < 0 ? 65535 : t };
}

export function rangeContains(outer: PortRange, inner: PortRange): boolean {
  return outer.from <= inner.from && outer.to >= inner.to;
}

/** The parts of `ranges` not in `cut`. */
export function subtractRange(ranges: readonly PortRange[], cut: PortRange): PortRange[] {
  const out: PortRange[] = [];
  for (const r of ranges) {
    if (cut.to < r.from || cut.from > r.to) {
      out.push(r);
      continue;
    }
    if (r.from < cut.from) out.push({ from: r.from, to: cut.from - 1 });
    if (r.to > cut.to) out.push({ from: cut.to + 1, to: r.to });
  }
  return out;
}

export function overlapsRange(ranges: readonly PortRange[], other: PortRange): boolean {
  return ranges.some((r) => !(other.to < r.from || other.from > r.to));
}

export function describeRange(r: PortRange): string {
  return r.from === r.to ? String(r.from) : `${r.from}–${r.to}`;
}
