import { EDGE_STYLES } from '../diagram/svg';
import { CatalogExample, PlayedScenario } from '../model';
import { PatternDescription } from '../../core/pattern-description';
import { escapeXml } from './escape';
import { table, text } from './page';

/** The body of a pattern's page: what it is, its example stacks (diagram, validators, behaviour), defaults, rules, costs. */
export function patternPageBody(description: PatternDescription, examples: readonly CatalogExample[]): string {
  const d = description;
  return [
    `<h1>${escapeXml(d.name)}</h1>`,
    `<p>${text(d.summary)}</p>`,
    '<h2 id="choose">When to choose it</h2>',
    `<ul>${d.chooseWhen.map((c) => `<li>${text(c)}</li>`).join('')}</ul>`,
    '<h2 id="examples">Examples</h2>',
    examples.length === 0 ? '<p class="muted">No stack of the catalog app uses this pattern yet.</p>' : examples.map((e) => exampleSection(e, d.name)).join('\n'),
    '<h2 id="defaults">Defaults and why</h2>',
    table(['prop', 'default', 'why', 'source'], d.defaults.map((x) => [`<code>${escapeXml(x.prop)}</code>`, text(x.value), text(x.why), text(x.source ?? '—')])),
    '<h2 id="rules">Rules enforced at synth</h2>',
    table(['code', 'level', 'fires when', 'fix'], d.rules.map((r) => [`<code>${escapeXml(r.code)}</code>`, r.severity, text(r.fires), text(r.fix)])),
    '<h2 id="costs">Cost notes</h2>',
    d.costs.length === 0 ? '<p class="muted">No fixed cost beyond what is used.</p>' : table(['item', 'price', 'source'], d.costs.map((c) => [text(c.item), text(c.price), text(c.source)])),
  ].join('\n');
}

function exampleSection(e: CatalogExample, pattern: string): string {
  const instances = e.instances[pattern] ?? [];
  return [
    `<section class="example" id="${escapeXml(e.stackName)}">`,
    `<h3>${escapeXml(e.stackName)}</h3>`,
    `<p class="muted">${escapeXml(pattern)} at ${instances.map((p) => `<code>${escapeXml(p)}</code>`).join(', ')}; patterns in this stack: ${e.patterns.map((p) => escapeXml(p.name)).join(', ')}.</p>`,
    `<figure>${e.diagramSvg}<figcaption>${escapeXml(e.stackName)}, drawn from its synthesized template. ${legend()}</figcaption></figure>`,
    '<h4>Validators</h4>',
    validatorTable(e),
    '<h4>Behaviour on the simulator</h4>',
    e.scenarios.length === 0 ? '<p class="muted">No scenario plays this stack yet (examples/&lt;pattern&gt;/catalog-scenarios.ts).</p>' : e.scenarios.map(scenarioSection).join('\n'),
    '</section>',
  ].join('\n');
}

function legend(): string {
  const arrows = Object.values(EDGE_STYLES).map((s) => `<span><i style="border-color:${s.colour};${s.dash ? 'border-top-style:dashed;' : ''}"></i>${escapeXml(s.meaning)}</span>`);
  return `<span class="legend">${arrows.join('')}<span>· KMS: encrypted with a key of the stack (its name in the box's tooltip)</span></span>`;
}

function validatorTable(e: CatalogExample): string {
  const results = e.validation.results;
  return table(['validator', 'result', 'findings', 'acknowledged, and why'], results.map((r) => [
    escapeXml(r.validator),
    `${r.status}${r.note ? `<br><span class="muted">${text(r.note)}</span>` : ''}`,
    r.issues.length === 0 ? '—' : `<details><summary>${r.issues.length} (${r.issues.filter((i) => i.level === 'error').length} errors)</summary><ul>${r.issues.map((i) => `<li><code>${escapeXml(i.rule)}</code> ${i.level} at <code>${escapeXml(i.where)}</code>: ${text(i.message)}</li>`).join('')}</ul></details>`,
    r.acknowledged.length === 0 ? '—' : `<details><summary>${r.acknowledged.length} acknowledged</summary><ul>${r.acknowledged.map((a) => `<li><code>${escapeXml(a.rule)}</code> on <code>${escapeXml(a.path)}</code>: ${text(a.reason)}</li>`).join('')}</ul></details>`,
  ]), (i) => `status-${results[i].status.replace(' ', '-')}`);
}

function scenarioSection(s: PlayedScenario): string {
  return [
    `<div class="scenario"><h5>${escapeXml(s.name)}</h5>`,
    `<p>${text(s.shows)}</p>`,
    s.outcomes.length > 0 ? `<ul>${s.outcomes.map((o) => `<li>${text(o)}</li>`).join('')}</ul>` : '',
    ...s.tables.map((t) => `<p><strong>${escapeXml(t.title)}</strong></p>${table(t.columns, t.rows.map((r) => r.map((c) => text(String(c)))))}`),
    ...s.plots.map((p) => `<figure class="plot" data-title="${escapeXml(p.title)}">${p.svg}</figure>`),
    `<p class="muted">Played on the simulator when the catalog was built (${s.elapsedMs} ms).</p></div>`,
  ].join('\n');
}
