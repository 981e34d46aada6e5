import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

const root = path.join(__dirname, '..', '..');

/**
 * Every name an index file exports (values and types), read from its syntax, sorted; an `export *` is
 * reported as '*' (and `export * as x` as '* as x'), since its names cannot be seen without resolving it.
 */
export function exportedNames(file = path.join(root, 'lib', 'index.ts')): string[] {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
  const names: string[] = [];
  for (const statement of source.statements) {
    if (!ts.isExportDeclaration(statement)) continue;
    const clause = statement.exportClause;
    if (!clause) names.push('*');
    else if (ts.isNamedExports(clause)) names.push(...clause.elements.map((e) => e.name.text));
    else names.push(`* as ${clause.name.text}`);
  }
  return names.sort();
}
