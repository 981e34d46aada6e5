import { loadOptionalPeer } from './optional-peer';

type VegaLite = typeof import('vega-lite');
type Vega = typeof import('vega');

/**
 * Renders a Vega-Lite spec, its data inline, to SVG in Node: no browser, no canvas, and no network (the loader
 * refuses every URL). vega and vega-lite are optional peers, loaded on the first plot; `purpose` completes the
 * message when one is missing ("To <purpose>, decoupled-cdk needs vega…").
 */
export async function renderVegaLite(spec: object, purpose: string): Promise<string> {
  const vl = loadOptionalPeer<VegaLite>('vega-lite', 'vega-lite', purpose);
  const vega = loadOptionalPeer<Vega>('vega', 'vega', purpose);
  const compiled = vl.compile(spec as Parameters<VegaLite['compile']>[0]).spec;
  const loader = vega.loader();
  loader.load = async (uri: string) => {
    throw new Error(`a plot may not load ${uri}: give its data inline`);
  };
  const view = new vega.View(vega.parse(compiled), { renderer: 'none', loader });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
