import * as path from 'path';
import * as ts from 'typescript';

/** Where a diagnostic is, relative to `base`, and what it says: `src/deploy.ts(3): Cannot find module …`. */
function render(d: ts.Diagnostic, base: string): string {
  const where = d.file ? `${path.relative(base, d.file.fileName)}(${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}): ` : '';
  return `${where}${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
}

/**
 * Type-checks the project of `tsconfig` as `tsc -p` does and writes its output, with one difference: the declaration
 * files for which `libCheck` is true are checked as if `skipLibCheck` were false, the others are skipped as
 * the project says. One program, so checking the package's declarations costs no second parse of aws-cdk-lib's.
 *
 * @returns every diagnostic, rendered; none when the project compiles
 */
export function typeCheck(tsconfig: string, libCheck: (declarationFile: string) => boolean, emit = true): string[] {
  const base = path.dirname(tsconfig);
  const parsed = ts.getParsedCommandLineOfConfigFile(tsconfig, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
  if (!parsed) throw new Error(`cannot read ${tsconfig}`);
  const program = ts.createProgram({ rootNames: parsed.fileNames, options: { ...parsed.options, skipLibCheck: false }, configFileParsingDiagnostics: parsed.errors });
  const checked = program.getSourceFiles().filter((f) => !f.isDeclarationFile || libCheck(f.fileName));
  const diagnostics = [
    ...program.getConfigFileParsingDiagnostics(),
    ...program.getOptionsDiagnostics(),
    ...checked.flatMap((f) => [...program.getSyntacticDiagnostics(f), ...program.getSemanticDiagnostics(f)]),
    ...program.getGlobalDiagnostics(),
  ];
  if (emit && diagnostics.length === 0) diagnostics.push(...program.emit().diagnostics);
  return diagnostics.map((d) => render(d, base));
}
