import type { ElkEdgeSection, ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api';
import { loadOptionalPeer } from '../../core/optional-peer';
import { DiagramEdge, DiagramGraph, DiagramNode } from './template-graph';

/** A box, placed. Coordinates are absolute, in pixels. */
export interface PlacedNode extends DiagramNode {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  /** Whether other boxes are drawn inside it. */
  readonly container: boolean;
}

/** An arrow, routed: its polyline and where its label goes. */
export interface PlacedEdge extends DiagramEdge {
  readonly points: readonly { readonly x: number; readonly y: number }[];
  readonly labelAt?: { readonly x: number; readonly y: number; readonly width: number; readonly height: number };
}

export interface DiagramLayout {
  readonly width: number;
  readonly height: number;
  readonly nodes: readonly PlacedNode[];
  readonly edges: readonly PlacedEdge[];
}

/** Sizes of the text the SVG draws, so the layout leaves room for it (an average glyph of a 12px sans-serif). */
export const TEXT = { labelSize: 12, captionSize: 11, edgeLabelSize: 10, charWidth: 7.6, padding: 10, lineHeight: 16 } as const;

const LAYOUT_OPTIONS: Record<string, string> = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
  'elk.json.edgeCoords': 'ROOT',
  'elk.json.shapeCoords': 'ROOT',
  'elk.edgeRouting': 'ORTHOGONAL',
  'elk.layered.spacing.nodeNodeBetweenLayers': '50',
  'elk.spacing.nodeNode': '18',
  'elk.spacing.edgeLabel': '4',
  'elk.edgeLabels.placement': 'CENTER',
  'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
};

/** Lays the graph out with ELK's layered algorithm (elkjs): nothing is placed by hand. */
export async function layoutDiagram(graph: DiagramGraph): Promise<DiagramLayout> {
  const ELK = loadOptionalPeer<new () => { layout(graph: ElkNode): Promise<ElkNode> }>('elkjs/lib/elk.bundled.js', 'elkjs', 'draw diagrams');
  const containers = new Set(graph.nodes.map((n) => n.parent).filter((p): p is string => p !== undefined));
  const elkNodes = new Map<string, ElkNode>();
  for (const n of graph.nodes) {
    const textWidth = Math.max(n.label.length, n.caption.length + (n.encryptedBy ? 6 : 0)) * TEXT.charWidth;
    elkNodes.set(n.id, containers.has(n.id)
      ? { id: n.id, children: [], layoutOptions: { 'elk.padding': `[top=${2 * TEXT.lineHeight + TEXT.padding},left=${TEXT.padding},bottom=${TEXT.padding},right=${TEXT.padding}]`, 'elk.nodeSize.minimum': `(${textWidth + 2 * TEXT.padding},40)`, 'elk.nodeSize.constraints': 'MINIMUM_SIZE' } }
      : { id: n.id, width: textWidth + 2 * TEXT.padding, height: 2 * TEXT.lineHeight + TEXT.padding });
  }
  const root: ElkNode = { id: '__root', layoutOptions: LAYOUT_OPTIONS, children: [] };
  for (const n of graph.nodes) (n.parent ? elkNodes.get(n.parent)!.children! : root.children!).push(elkNodes.get(n.id)!);
  root.edges = graph.edges.map((e, i): ElkExtendedEdge => ({
    id: `e${i}`, sources: [e.source], targets: [e.target],
    labels: [{ text: e.label, width: e.label.length * TEXT.charWidth * (TEXT.edgeLabelSize / TEXT.labelSize) + 4, height: TEXT.edgeLabelSize + 4 }],
  }));
  const laidOut = await new ELK().layout(root);
  const placed = new Map<string, ElkNode>();
  const walk = (n: ElkNode) => n.children?.forEach((c) => {
    placed.set(c.id, c);
    walk(c);
  });
  walk(laidOut);
  const nodes = graph.nodes.map((n): PlacedNode => {
    const p = placed.get(n.id)!;
    return { ...n, x: p.x ?? 0, y: p.y ?? 0, width: p.width ?? 0, height: p.height ?? 0, container: containers.has(n.id) };
  });
  const edges = (laidOut.edges ?? []).map((e, i): PlacedEdge => {
    const label = e.labels?.[0];
    return {
      ...graph.edges[i],
      points: (e.sections ?? []).flatMap(sectionPoints),
      labelAt: label && label.x !== undefined ? { x: label.x, y: label.y ?? 0, width: label.width ?? 0, height: label.height ?? 0 } : undefined,
    };
  });
  return { width: laidOut.width ?? 0, height: laidOut.height ?? 0, nodes, edges };
}

function sectionPoints(s: ElkEdgeSection): { x: number; y: number }[] {
  return [s.startPoint, ...(s.bendPoints ?? []), s.endPoint];
}
