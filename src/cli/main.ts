// The `plumb` command: dispatches to one module per command.

import { approveCommand } from './approve';
import { UsageError } from './args';
import { checkCommand } from './check';
import { compareCommand } from './compare';
import { exportCommand } from './export';
import { InputError } from './files';
import { importCommand } from './import';
import { measuresCommand } from './measures';
import { print, printError, printJson, quietOnClosedPipe } from './output';
import { runCommand } from './run';
import { serveCommand } from './serve';
import { simulateCommand } from './simulate';
import { sweepCommand } from './sweep';
import { verifyCommand } from './verify';

type Command = (argv: string[]) => number | Promise<number>;

const commands: Record<string, Command> = {
  check: checkCommand,
  sweep: sweepCommand,
  simulate: simulateCommand,
  compare: compareCommand,
  export: exportCommand,
  import: importCommand,
  approve: approveCommand,
  verify: verifyCommand,
  serve: serveCommand,
  run: runCommand,
  measures: measuresCommand,
};

const USAGE = `plumb: map processes, find their cracks, measure and approve them

usage: plumb <command> [options]   (every command takes --json)

  check <files or folders...>            validate, analyse, run scenarios
  sweep <file>                           the exception matrix: states x exceptions
  simulate <file> [--runs N] [--seed S]  Monte Carlo measures
  compare <as-is> <to-be>                structural diff and measure deltas
  compare <file> --measured <source>     a simulation against the measures of real cases
  export <file> --to FORMAT [--out path] xstate-json, xstate-ts, scxml or mermaid
  import <file.scxml|.json> [--out path] a process file from SCXML or XState JSON
  approve <file> --by NAME [--machines dir]
                                         approval: machines/<id>/, or what blocks it
  verify [machines dir]                  every approved machine against its approval and source
  serve [folder] [--port N] [--host H]   the editor on a workspace folder (default examples), loopback only
  run [machines dir] [--port N] [--data dir | --db URL] [--host H]
                                         the runtime: approved machines as a durable HTTP service
  measures <url | data dir | postgres URL> [--process id]
                                         the measures of real cases, from a runtime's event log

exit codes: 0 all good, 1 cracks or failing scenarios (or approval refused, or drift), 2 bad input or usage`;

export async function main(argv: string[]): Promise<number> {
  quietOnClosedPipe();
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    print(USAGE);
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    printError(`unknown command "${name}"\n\n${USAGE}`);
    return 2;
  }
  try {
    return await command(rest);
  } catch (error) {
    if (error instanceof UsageError || error instanceof InputError) {
      printError(error.message);
      // With --json, stdout still carries one JSON document: the error.
      if (rest.includes('--json')) printJson({ error: error.message });
      return 2;
    }
    printError(
      `internal error while running "${name}": ${error instanceof Error ? error.message : String(error)}`,
    );
    return 2;
  }
}
