import { CostNote } from '../../core';

/** A price as data, with its unit and source. */
export interface Price {
  readonly usd: number;
  readonly unit: string;
  readonly source: string;
}

const PL_SOURCE = 'AWS PrivateLink pricing (per AZ-hour + per GB model: doc [pl-pricing]; figures us-east-1: secondary [sec-pl-cost]) — AWS-FACTS §14';
const NAT_SOURCE = 'Amazon VPC pricing, NAT gateway (us-east-1; secondary [sec-nat-price]) — AWS-FACTS §14';

/** What the routes cost, us-east-1, as AWS-FACTS §14 records them (the figures there are marked secondary). */
export const VPC_ROUTE_PRICES = {
  interfaceEndpointHour: { usd: 0.01, unit: 'per interface endpoint per Availability Zone per hour', source: PL_SOURCE },
  interfaceEndpointGb: { usd: 0.01, unit: 'per GB processed (first PB a month)', source: PL_SOURCE },
  natGatewayHour: { usd: 0.045, unit: 'per NAT gateway per hour', source: NAT_SOURCE },
  natGatewayGb: { usd: 0.045, unit: 'per GB processed, on top of data transfer', source: NAT_SOURCE },
  gatewayEndpoint: { usd: 0, unit: 'gateway endpoints (S3, DynamoDB)', source: 'secondary [sec-pl-cost], [sec-cloudburn] — AWS-FACTS §14' },
} as const satisfies Record<string, Price>;

/** The hours AWS prices a month with. */
export const HOURS_PER_MONTH = 730;

/** One endpoint a function's routes use, for the cost note. */
export interface CostedEndpoint {
  /** The endpoint service (`sqs`, `s3`). */
  readonly service: string;
  readonly kind: 'interface' | 'gateway';
  /** How many Availability Zones the endpoint has ENIs in (interface endpoints). */
  readonly availabilityZones: number;
}

/** What a function's routes cost: the fixed monthly part, and what each GB adds. */
export interface RouteCost {
  /** Fixed monthly cost of the interface endpoints (or NAT gateways) in USD, before data. */
  readonly monthlyUsd: number;
  /** What each GB through them adds, in USD. */
  readonly perGbUsd: number;
  /** One line per endpoint or NAT: `sqs: interface endpoint in 2 AZs = $14.60 a month + $0.01/GB`. */
  readonly lines: readonly string[];
  /** The prices behind the figures, for the catalog. */
  readonly notes: readonly CostNote[];
}

function usd(n: number): string {
  return `$${n.toFixed(2)}`;
}

function note(p: Price): CostNote {
  return { item: p.unit, price: `$${p.usd}`, source: p.source };
}

/**
 * The cost of the routes: interface endpoints bill per AZ-hour and per GB, gateway endpoints are free, and with
 * NAT the NAT gateways (shared by the VPC, so counted as `natGateways`) bill per hour and per GB. An endpoint
 * shared by several functions is billed once: add the lines of a VPC's functions by endpoint, not by function.
 */
export function routeCost(endpoints: readonly CostedEndpoint[], natGateways = 0): RouteCost {
  const P = VPC_ROUTE_PRICES;
  const lines: string[] = [];
  let monthly = 0;
  let perGb = 0;
  for (const e of endpoints) {
    if (e.kind === 'gateway') {
      lines.push(`${e.service}: gateway endpoint = free`);
      continue;
    }
    const m = e.availabilityZones * P.interfaceEndpointHour.usd * HOURS_PER_MONTH;
    monthly += m;
    perGb = P.interfaceEndpointGb.usd;
    lines.push(`${e.service}: interface endpoint in ${e.availabilityZones} AZ${e.availabilityZones === 1 ? '' : 's'} = ${usd(m)} a month + $${P.interfaceEndpointGb.usd}/GB`);
  }
  if (natGateways > 0) {
    const m = natGateways * P.natGatewayHour.usd * HOURS_PER_MONTH;
    monthly += m;
    perGb = Math.max(perGb, P.natGatewayGb.usd);
    lines.push(`NAT: ${natGateways} NAT gateway${natGateways === 1 ? '' : 's'} = ${usd(m)} a month + $${P.natGatewayGb.usd}/GB`);
  }
  const notes = [P.interfaceEndpointHour, P.interfaceEndpointGb, P.gatewayEndpoint, P.natGatewayHour, P.natGatewayGb].map(note);
  return { monthlyUsd: Math.round(monthly * 100) / 100, perGbUsd: perGb, lines, notes };
}
