import { CatalogModel } from '../model';
import { escapeXml } from './escape';
import { table, text } from './page';

/** The index: the patterns, the example stacks, and every validator's result for every stack at a glance. */
export function indexPageBody(model: CatalogModel): string {
  const validators = model.examples[0]?.validation.results.map((r) => r.validator) ?? [];
  const pageOf = new Map(model.patterns.map((p) => [p.description.name, p.page]));
  return [
    '<h1>Decoupled pattern catalog</h1>',
    '<p>Every page is generated from the code: the diagrams from the synthesized templates of the example stacks, the defaults and rules from the data the patterns themselves read, the validator results and the plots computed when the catalog was built. <a href="choose.html">Which pattern for which need</a> compares them side by side.</p>',
    '<h2>Patterns</h2>',
    table(['pattern', 'what it builds', 'example stacks'], model.patterns.map((p) => [
      `<a href="${p.page}">${escapeXml(p.description.name)}</a>`, text(p.description.summary), p.examples.map((e) => `<a href="${p.page}#${escapeXml(e.stackName)}">${escapeXml(e.stackName)}</a>`).join(', ') || '—',
    ])),
    '<h2>Validators, by example stack</h2>',
    table(['stack', 'patterns', ...validators], model.examples.map((e) => [
      escapeXml(e.stackName),
      e.patterns.map((p) => `<a href="${pageOf.get(p.name)}#${escapeXml(e.stackName)}">${escapeXml(p.name)}</a>`).join(', '),
      ...e.validation.results.map((r) => `<span class="status-${r.status.replace(' ', '-')}">${r.status}</span>${r.acknowledged.length > 0 ? ` <span class="muted">(${r.acknowledged.length} ack.)</span>` : ''}`),
    ])),
  ].join('\n');
}

/** Which pattern for which need: the patterns side by side. */
export function choosePageBody(model: CatalogModel): string {
  const patterns = model.patterns;
  const row = (title: string, cell: (p: (typeof patterns)[number]) => string) => [`<strong>${escapeXml(title)}</strong>`, ...patterns.map(cell)];
  return [
    '<h1>Which pattern for which need</h1>',
    '<p>The patterns side by side, from what each says about itself. They compose: a fan-out subscriber consumed by a function or by scaled workers, a consumer\'s function in a VPC, an API that sends to a queue.</p>',
    table(['', ...patterns.map((p) => p.description.name)], [
      ['', ...patterns.map((p) => `<a href="${p.page}">${escapeXml(p.description.name)}</a>`)],
      row('What it builds', (p) => text(p.description.summary)),
      row('Reach for it when', (p) => `<ul>${p.description.chooseWhen.map((c) => `<li>${text(c)}</li>`).join('')}</ul>`),
      row('Rules checked at synth', (p) => `<a href="${p.page}#rules">${p.description.rules.length} rules</a> (${p.description.rules.filter((r) => r.severity === 'error').length} errors)`),
      row('Defaults chosen for you', (p) => `<a href="${p.page}#defaults">${p.description.defaults.length} defaults</a>`),
      row('Fixed costs', (p) => p.description.costs.length === 0 ? '—' : `<ul>${p.description.costs.map((c) => `<li>${text(c.item)}: ${text(c.price)}</li>`).join('')}</ul>`),
      row('Examples', (p) => p.examples.map((e) => `<a href="${p.page}#${escapeXml(e.stackName)}">${escapeXml(e.stackName)}</a>`).join(', ') || '—'),
    ]),
  ].join('\n');
}
