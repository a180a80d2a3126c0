// `plumb check <files or folders...> [--json]`: validate, analyse, run scenarios.

import { readFileSync } from 'node:fs';
import type { Crack } from '../core/analysis/types';
import { checkText, type FileReport } from '../core/check';
import { parseArgs, UsageError } from './args';
import { collectProcessFiles, displayPath } from './files';
import { colour, print, printJson } from './output';

export function checkCommand(argv: string[]): number {
  const args = parseArgs(argv, ['json'], []);
  if (args.positionals.length === 0)
    throw new UsageError('check needs files or folders: plumb check examples');
  const files = collectProcessFiles(args.positionals);
  const reports: FileReport[] = files.map((file) => {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      return {
        file: displayPath(file),
        ok: false,
        problems: [{ path: '', message: 'cannot read the file' }],
        cracks: [],
        waived: [],
        scenarios: [],
        notes: [],
      };
    }
    return checkText(text, displayPath(file));
  });
  if (args.flags.get('json')) printJson({ files: reports });
  else printReports(reports);
  if (reports.some((r) => r.problems)) return 2;
  return reports.every((r) => r.ok) ? 0 : 1;
}

function printReports(reports: FileReport[]): void {
  for (const report of reports) {
    const label = report.problems
      ? colour.red('unreadable')
      : report.ok
        ? colour.green('ok')
        : colour.red('cracks');
    print(
      `${colour.bold(report.file)}${report.id ? `  ${colour.dim(`${report.id} · ${report.stage ?? ''}`)}` : ''}  ${label}`,
    );
    for (const problem of report.problems ?? []) {
      const where = problem.line
        ? `line ${problem.line}, column ${problem.column}`
        : problem.path || '(file)';
      print(`  ${colour.red('error')}  ${where}: ${problem.message}`);
    }
    const errors = report.cracks.filter((c) => c.severity === 'error');
    const warnings = report.cracks.filter((c) => c.severity === 'warning');
    printGroup('errors', errors, colour.red);
    printGroup('warnings', warnings, colour.yellow);
    if (report.waived.length) {
      print(`  ${colour.dim(`waived (${report.waived.length})`)}`);
      for (const w of report.waived)
        print(
          colour.dim(
            `    ${w.rule}${w.state ? `  ${w.state}` : ''}${w.event ? `  ${w.event}` : ''}: ${w.reason}`,
          ),
        );
    }
    if (report.scenarios.length) {
      const passed = report.scenarios.filter((s) => s.passed).length;
      print(`  scenarios ${passed}/${report.scenarios.length} passed`);
      for (const s of report.scenarios) {
        const mark = s.passed ? colour.green('✓') : colour.red('✗');
        print(
          `    ${mark} ${s.title ?? s.id}${s.passed ? '' : colour.dim(` — ended in ${s.state || '?'}`)}`,
        );
      }
    }
    for (const note of report.notes) print(`  ${colour.dim(`note: ${note}`)}`);
    print();
  }
  const bad = reports.filter((r) => !r.ok).length;
  const errorCount = reports.reduce(
    (n, r) => n + r.cracks.filter((c) => c.severity === 'error').length,
    0,
  );
  const warningCount = reports.reduce(
    (n, r) => n + r.cracks.filter((c) => c.severity === 'warning').length,
    0,
  );
  print(
    `${reports.length} file${reports.length === 1 ? '' : 's'}: ${bad === 0 ? colour.green('all ok') : colour.red(`${bad} with errors`)}, ${errorCount} error${errorCount === 1 ? '' : 's'}, ${warningCount} warning${warningCount === 1 ? '' : 's'}`,
  );
}

function printGroup(title: string, cracks: Crack[], paint: (s: string) => string): void {
  if (cracks.length === 0) return;
  print(`  ${paint(`${title} (${cracks.length})`)}`);
  for (const c of cracks) {
    const where = [c.state ? colour.cyan(c.state) : '', c.event ? colour.bold(c.event) : '']
      .filter(Boolean)
      .join('  ');
    print(`    ${paint(c.rule)}${where ? `  ${where}` : ''}`);
    print(`      ${c.message}`);
    print(`      ${colour.dim(`hint: ${c.hint}`)}`);
  }
}
