import { layoutDiagram } from './layout';
import { diagramSvg } from './svg';
import { DiagramTemplate, templateGraph } from './template-graph';

/** A template's diagram as SVG: its resources and connections, laid out by ELK. */
export async function drawTemplate(template: DiagramTemplate, title: string): Promise<string> {
  return diagramSvg(await layoutDiagram(templateGraph(template)), title);
}
