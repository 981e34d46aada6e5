import { escapeXml } from './escape';

/** A link in the navigation bar. */
export interface NavLink {
  readonly href: string;
  readonly text: string;
}

const STYLE = `
body { font-family: system-ui, -apple-system, 'Segoe UI', sans-serif; margin: 0; color: #1f2933; background: #fafbfc; line-height: 1.45; }
header { background: #1f2933; color: #fff; padding: 0.6rem 1.5rem; display: flex; flex-wrap: wrap; gap: 1rem; align-items: baseline; }
header a { color: #e4e7eb; text-decoration: none; font-size: 0.95rem; }
header a.current, header a:hover { color: #fff; text-decoration: underline; }
header .brand { font-weight: 700; color: #fff; margin-right: 1rem; }
main { padding: 1rem 1.5rem 3rem; max-width: 1200px; }
h1 { margin-top: 0.5rem; } h2 { margin-top: 2rem; border-bottom: 1px solid #d9dee3; } h3 { margin-top: 1.5rem; }
table { border-collapse: collapse; margin: 0.5rem 0 1rem; font-size: 0.9rem; background: #fff; }
th, td { border: 1px solid #d9dee3; padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }
th { background: #eef0f2; }
code { font-size: 0.85rem; background: #eef0f2; padding: 0 0.2rem; border-radius: 3px; }
figure { margin: 0.5rem 0 1rem; overflow-x: auto; background: #fff; border: 1px solid #d9dee3; padding: 0.5rem; }
figure svg.diagram { display: block; }
figcaption { font-size: 0.85rem; color: #52606d; }
.status-pass { background: #e6f4ea; } .status-warnings { background: #fff4d6; } .status-fail { background: #fbe4e8; } .status-not-run { background: #eef0f2; color: #52606d; }
.legend span { display: inline-block; margin-right: 1rem; font-size: 0.8rem; }
.legend i { display: inline-block; width: 1.6rem; border-top: 2px solid; vertical-align: middle; margin-right: 0.3rem; }
details { margin: 0.3rem 0; } summary { cursor: pointer; }
.plot { display: inline-block; margin: 0.5rem 1rem 0.5rem 0; background: #fff; border: 1px solid #d9dee3; }
.muted { color: #52606d; font-size: 0.9rem; }
`;

/** A whole page: self-contained (styles inline, no script, no request to any server). */
export function page(options: { readonly title: string; readonly nav: readonly NavLink[]; readonly current: string; readonly body: string }): string {
  const nav = options.nav.map((l) => `<a href="${escapeXml(l.href)}"${l.href === options.current ? ' class="current"' : ''}>${escapeXml(l.text)}</a>`).join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeXml(options.title)} · Decoupled pattern catalog</title>
<style>${STYLE}</style>
</head>
<body>
<header><span class="brand">Decoupled patterns</span>
${nav}
</header>
<main>
${options.body}
</main>
</body>
</html>
`;
}

/** A table of text cells (escaped), with an optional class per row. */
export function table(columns: readonly string[], rows: readonly (readonly string[])[], rowClass?: (i: number) => string | undefined): string {
  const head = `<tr>${columns.map((c) => `<th>${escapeXml(c)}</th>`).join('')}</tr>`;
  const body = rows.map((r, i) => {
    const cls = rowClass?.(i);
    return `<tr${cls ? ` class="${cls}"` : ''}>${r.map((cell) => `<td>${cell}</td>`).join('')}</tr>`;
  }).join('\n');
  return `<table>\n${head}\n${body}\n</table>`;
}

/** Text for a table cell: escaped, with `code` spans kept as code. */
export function text(value: unknown): string {
  const s = typeof value === 'string' ? value : JSON.stringify(value);
  return escapeXml(s).replace(/`([^`]+)`/g, '<code>$1</code>');
}
