// `plumb sweep <file> [--json]`: the exception matrix, states as rows and exceptions as columns.

import { type SweepCell, sweep } from '../core/simulation/sweep';
import { intFlag, parseArgs, UsageError } from './args';
import { displayPath, InputError, loadProcess } from './files';
import { colour, print, printJson } from './output';

export function sweepCommand(argv: string[]): number {
  const args = parseArgs(argv, ['json'], ['max', 'engine']);
  if (args.positionals.length !== 1)
    throw new UsageError(
      'sweep needs one process file: plumb sweep examples/call-routing/as-is.process.json',
    );
  const file = args.positionals[0];
  const process = loadProcess(file);
  const engine = args.flags.get('engine') ?? 'fast';
  if (engine !== 'fast' && engine !== 'xstate') throw new UsageError('--engine is fast or xstate');
  const result = sweep(process, { maxConfigurations: intFlag(args, 'max', 5000, 1), engine });
  // A machine the sweep cannot run at all is bad input, named with its file, as simulate does.
  if (result.explored === 0 && result.message) throw new InputError(`${file}: ${result.message}`);
  if (args.flags.get('json')) {
    printJson({ file: displayPath(file), id: process.id, ...result });
  } else printMatrix(displayPath(file), result);
  return result.dropped > 0 ? 1 : 0;
}

function cellText(cell: SweepCell): string {
  if (cell.outcome === 'out-of-scope') return '·';
  if (cell.outcome === 'dropped') return 'DROPPED';
  if (cell.outcome === 'error') return 'error';
  return `→ ${cell.to.join(', ')}${cell.dependsOnAnswers ? ' ?' : ''}`;
}

function paintCell(cell: SweepCell, text: string): string {
  if (cell.outcome === 'dropped' || cell.outcome === 'error') return colour.red(text);
  if (cell.outcome === 'out-of-scope') return colour.dim(text);
  return colour.green(text);
}

function printMatrix(file: string, result: ReturnType<typeof sweep>): void {
  print(colour.bold(`Exception sweep: ${file}`));
  if (result.exceptions.length === 0)
    print('  this process declares no exceptions ("exception": true in "events")');
  const stateWidth = Math.max(5, ...result.rows.map((r) => r.states.join(', ').length));
  const widths = result.exceptions.map((name) =>
    Math.min(32, Math.max(name.length, ...result.rows.map((r) => cellText(r.cells[name]).length))),
  );
  const clip = (text: string, width: number) =>
    text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width);
  if (result.rows.length > 0 && result.exceptions.length > 0) {
    print(
      `  ${'state'.padEnd(stateWidth)}  ${result.exceptions.map((name, i) => colour.bold(clip(name, widths[i]))).join('  ')}`,
    );
    for (const row of result.rows) {
      const cells = result.exceptions.map((name, i) =>
        paintCell(row.cells[name], clip(cellText(row.cells[name]), widths[i])),
      );
      print(`  ${colour.cyan(row.states.join(', ').padEnd(stateWidth))}  ${cells.join('  ')}`);
    }
  }
  print();
  print(
    `  ${result.explored} configurations explored (${result.steps} transitions tried)${result.bounded ? colour.yellow(' — bound reached') : ''}`,
  );
  print(
    `  ${colour.dim('→ where the case goes   DROPPED nobody handles it   · cannot happen there   ? depends on the answers')}`,
  );
  if (result.message) print(`  ${colour.yellow(result.message)}`);
  if (result.rows.length === 0 && result.message) return;
  print(
    result.dropped === 0
      ? colour.green('  No exception is dropped anywhere.')
      : colour.red(
          `  ${result.dropped} place${result.dropped === 1 ? '' : 's'} where an exception drops the case.`,
        ),
  );
}
