import { ANY_IPV4, cidrContains, cidrOverlaps } from '../../../core/cidr';
import { PortRange, coversTcp, describeRange, overlapsRange, ruleRange, subtractRange } from './traffic';

/** One numbered entry of a network ACL (AWS::EC2::NetworkAclEntry). */
export interface NetworkAclEntry {
  readonly logicalId: string;
  readonly ruleNumber: number;
  readonly egress: boolean;
  readonly allow: boolean;
  readonly protocol: string;
  readonly cidr: string | undefined;
  readonly ports: PortRange;
}

/** Where traffic goes to (egress) or comes from (ingress), for an ACL: a block, and whether its addresses are known. */
export interface AclPeer {
  readonly cidr: string;
  /**
   * An AWS service's public addresses, which the template does not know: only entries covering every address
   * (`0.0.0.0/0`) decide for them; an entry for a narrower block may or may not apply and is passed over.
   */
  readonly publicAddresses: boolean;
}

/** Why an ACL drops traffic: the entry (or the final `*` deny) that does. */
export interface AclVerdict {
  readonly allowed: boolean;
  readonly reason?: string;
}

/**
 * A network ACL: numbered entries evaluated lowest first, the first that matches decides, and traffic no entry
 * allows is denied (the `*` rule). Stateless: a connection needs its request allowed one way and its return
 * traffic (to the client's ephemeral ports) the other. A subnet with no ACL association has its VPC's default ACL,
 * which allows everything.
 */
export class NetworkAcl {
  public readonly entries: NetworkAclEntry[] = [];

  constructor(
    public readonly logicalId: string,
    public readonly id: string,
    public readonly vpcId: string | undefined,
    /** The VPC's default ACL: allows all traffic both ways (rule 100), as EC2 creates it. */
    public readonly isDefault = false,
  ) {}

  /** Whether TCP on every port of `ports` passes in one direction for `peer`. */
  public allows(egress: boolean, peer: AclPeer, ports: PortRange): AclVerdict {
    if (this.isDefault) return { allowed: true };
    let open: PortRange[] = [ports];
    const entries = this.entries.filter((e) => e.egress === egress && coversTcp(e.protocol)).sort((a, b) => a.ruleNumber - b.ruleNumber);
    for (const e of entries) {
      if (open.length === 0) break;
      const cidr = e.cidr ?? ANY_IPV4;
      const containsPeer = cidrContains(cidr, peer.cidr);
      if (!containsPeer && (peer.publicAddresses || !cidrOverlaps(cidr, peer.cidr))) continue;
      if (!overlapsRange(open, e.ports)) continue;
      if (!e.allow) {
        return { allowed: false, reason: `${this.describe()} ${egress ? 'egress' : 'ingress'} rule ${e.ruleNumber} denies TCP ${describeRange(e.ports)} ${egress ? 'to' : 'from'} ${cidr}` };
      }
      if (containsPeer) open = subtractRange(open, e.ports);
    }
    if (open.length === 0) return { allowed: true };
    return {
      allowed: false,
      reason: `${this.describe()} has no ${egress ? 'egress' : 'ingress'} rule allowing TCP ${open.map(describeRange).join(', ')} ${egress ? 'to' : 'from'} ${peer.cidr} (the final * rule denies it)`,
    };
  }

  private describe(): string {
    return `network ACL ${this.logicalId}`;
  }
}

/** Reads AWS::EC2::NetworkAclEntry's properties (Protocol is a number; -1 is every protocol). */
export function aclEntry(logicalId: string, p: { ruleNumber: unknown; egress: unknown; ruleAction: unknown; protocol: unknown; cidr: unknown; portRange: unknown }): NetworkAclEntry {
  const range = p.portRange as { From?: unknown; To?: unknown } | undefined;
  return {
    logicalId,
    ruleNumber: Number(p.ruleNumber),
    egress: p.egress === true || p.egress === 'true',
    allow: String(p.ruleAction).toLowerCase() === 'allow',
    protocol: String(p.protocol ?? '-1'),
    cidr: typeof p.cidr === 'string' ? p.cidr : undefined,
    ports: ruleRange(p.protocol, range?.From, range?.To),
  };
}
