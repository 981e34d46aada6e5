/** What `sim.reachability(fn)` answers for one destination, and the pieces a path is built from. */

/** The kind of network element that stops a call. */
export type BlockKind =
  | 'route' | 'public-subnet' | 'nat-gateway' | 'internet-gateway' | 'security-group-egress' | 'endpoint-security-group'
  | 'network-acl' | 'private-dns';

/** The element that stops a call, what it does wrong, and how to fix it. */
export interface Blocker {
  readonly kind: BlockKind;
  /** The logical id of the element (a route table, a security group, a network ACL, an endpoint). */
  readonly element: string;
  readonly reason: string;
  readonly fix: string;
}

/** Whether a function reaches a service (or the internet), and how, or what stops it. */
export interface ServiceReachability {
  /** The IAM prefix (`sqs`), or `internet`. */
  readonly service: string;
  /** `Amazon SQS`, `the internet`. */
  readonly name: string;
  /** The granted actions that make the function need the service (empty for the internet). */
  readonly actions: readonly string[];
  /** `unknown` when an imported subnet, security group or route target hides the answer. */
  readonly status: 'reachable' | 'unreachable' | 'unknown';
  readonly reachable: boolean;
  /** The way out, hop by hop (`subnet … → route table … → NAT gateway … → internet gateway …`), when reachable. */
  readonly path?: string;
  readonly hops?: readonly string[];
  /** What stops it, when unreachable. */
  readonly blockedBy?: Blocker;
  /** Why the answer is unknown. */
  readonly unknownBecause?: string;
}

/** The outcome of one way out from one subnet. */
export type Leg =
  | { readonly ok: true; readonly hops: readonly string[] }
  | { readonly ok: false; readonly blocker: Blocker }
  | { readonly ok: 'unknown'; readonly because: string };

export const blocked = (kind: BlockKind, element: string, reason: string, fix: string): Leg => ({ ok: false, blocker: { kind, element, reason, fix } });
export const unknownLeg = (because: string): Leg => ({ ok: 'unknown', because });
