import { layoutDiagram } from './layout';
import { diagramSvg } from './svg';
import { DiagramOptions, DiagramTemplate, templateGraph } from './template-graph';

/** A template's diagram as SVG: its resources and connections, laid out by ELK. */
export async function drawTemplate(template: DiagramTemplate, title: string, options: DiagramOptions = {}): Promise<string> {
  return diagramSvg(await layoutDiagram(templateGraph(template, options)), title);
}
