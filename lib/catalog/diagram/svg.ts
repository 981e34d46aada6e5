import { escapeXml } from '../html/escape';
import { DiagramLayout, PlacedEdge, PlacedNode, TEXT } from './layout';
import { EdgeKind } from './template-graph';
import { NodeGroup } from './resource-types';

/** Fill and stroke of each kind of box. */
const GROUP_COLOURS: Readonly<Record<NodeGroup, { fill: string; stroke: string }>> = {
  messaging: { fill: '#fdecd3', stroke: '#c7711b' },
  compute: { fill: '#fde3d9', stroke: '#c2410c' },
  api: { fill: '#ede4fb', stroke: '#7c3aed' },
  network: { fill: '#e3f0fb', stroke: '#2563eb' },
  security: { fill: '#fbe4e8', stroke: '#be123c' },
  monitoring: { fill: '#e6f4ea', stroke: '#15803d' },
  other: { fill: '#eef0f2', stroke: '#52606d' },
};

/** Colour and dash of each kind of arrow, and what it means (the legend). */
export const EDGE_STYLES: Readonly<Record<EdgeKind, { colour: string; dash?: string; meaning: string }>> = {
  subscription: { colour: '#c7711b', meaning: 'SNS subscription (filter, raw delivery)' },
  redrive: { colour: '#b91c1c', dash: '6 3', meaning: 'redrive to a dead-letter queue' },
  'event-source': { colour: '#c2410c', meaning: 'Lambda event source mapping' },
  grant: { colour: '#7c3aed', meaning: 'IAM grant: who may call what' },
  network: { colour: '#2563eb', meaning: 'security group rule (to a VPC endpoint)' },
  integration: { colour: '#6d28d9', meaning: 'API integration or authorizer' },
  alarm: { colour: '#15803d', dash: '2 3', meaning: 'metric an alarm watches, and what it notifies or scales' },
  reference: { colour: '#52606d', meaning: 'other reference' },
};

/** The laid-out diagram as a standalone SVG document: text is text, so a browser (and a test) can read the labels. */
export function diagramSvg(layout: DiagramLayout, title: string): string {
  const margin = 8;
  const width = Math.ceil(layout.width + 2 * margin);
  const height = Math.ceil(layout.height + 2 * margin);
  const markers = Object.entries(EDGE_STYLES).map(([kind, s]) =>
    `<marker id="arrow-${kind}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" fill="${s.colour}"/></marker>`).join('');
  const containers = layout.nodes.filter((n) => n.container).map(nodeSvg);
  const boxes = layout.nodes.filter((n) => !n.container).map(nodeSvg);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="diagram" role="img" width="${width}" height="${height}" viewBox="${-margin} ${-margin} ${width} ${height}" font-family="system-ui, -apple-system, 'Segoe UI', sans-serif">`,
    `<title>${escapeXml(title)}</title><defs>${markers}</defs>`,
    ...containers, ...layout.edges.map(edgeSvg), ...boxes,
    '</svg>',
  ].join('\n');
}

function nodeSvg(n: PlacedNode): string {
  const c = GROUP_COLOURS[n.group];
  const x = n.x + TEXT.padding;
  const encrypted = n.encryptedBy ? `, encrypted with ${n.encryptedBy.join(', ')}` : '';
  return `<g class="node" data-id="${escapeXml(n.id)}" data-type="${escapeXml(n.type)}"><title>${escapeXml(`${n.caption} ${n.id}${encrypted}`)}</title>`
    + `<rect x="${n.x}" y="${n.y}" width="${n.width}" height="${n.height}" rx="6" fill="${n.container ? 'none' : c.fill}" stroke="${c.stroke}" stroke-width="${n.container ? 1.5 : 1}"${n.container ? ' stroke-dasharray="8 4"' : ''}/>`
    + `<text class="label" x="${x}" y="${n.y + TEXT.lineHeight}" font-size="${TEXT.labelSize}" font-weight="600" fill="#1f2933">${escapeXml(n.label)}</text>`
    + `<text class="caption" x="${x}" y="${n.y + 2 * TEXT.lineHeight}" font-size="${TEXT.captionSize}" fill="#52606d">${escapeXml(n.caption)}${n.encryptedBy ? ' · KMS' : ''}</text></g>`;
}

function edgeSvg(e: PlacedEdge): string {
  const s = EDGE_STYLES[e.kind];
  const d = e.points.map((p, i) => `${i === 0 ? 'M' : 'L'}${round(p.x)},${round(p.y)}`).join(' ');
  const label = e.labelAt
    ? `<text class="edge-label" x="${round(e.labelAt.x + 2)}" y="${round(e.labelAt.y + e.labelAt.height - 3)}" font-size="${TEXT.edgeLabelSize}" fill="${s.colour}">${escapeXml(e.label)}</text>`
    : '';
  return `<g class="edge" data-kind="${e.kind}"><title>${escapeXml(e.label)}</title><path d="${d}" fill="none" stroke="${s.colour}" stroke-width="1.2"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''} marker-end="url(#arrow-${e.kind})"/>${label}</g>`;
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
