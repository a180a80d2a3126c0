// `plumb serve [folder] [--port N] [--host H] [--json]`: the editor on a workspace folder.
// Loopback only, unless PLUMB_TOKEN is set: then another host is allowed and every API request
// needs `Authorization: Bearer <token>`. Prints `listening on http://127.0.0.1:PORT` once it takes
// requests; stops cleanly on SIGINT or SIGTERM.

import { statSync } from 'node:fs';
import { isLoopbackHost } from '../server/hosts';
import { createWorkspaceServer, type WorkspaceServer } from '../server/server';
import { intFlag, parseArgs, UsageError } from './args';
import { InputError } from './files';
import { listenError, untilStopped } from './listen';
import { print, printError, printJson } from './output';

export const DEFAULT_PORT = 5173;

export async function serveCommand(argv: string[]): Promise<number> {
  const args = parseArgs(argv, ['json'], ['port', 'host']);
  if (args.positionals.length > 1)
    throw new UsageError('serve takes one workspace folder: plumb serve examples');
  const folder = args.positionals[0] ?? 'examples';
  const port = intFlag(args, 'port', DEFAULT_PORT, 0, 65535);
  const hostFlag = args.flags.get('host');
  if (hostFlag === true || hostFlag === '') throw new UsageError('--host needs a value');
  const host = hostFlag ?? '127.0.0.1';
  const loopback = isLoopbackHost(host);
  const token = process.env.PLUMB_TOKEN || undefined;
  if (!loopback && !token)
    throw new UsageError(
      `--host ${host} would let other machines read and write ${folder}: plumb serve stays on loopback (127.0.0.1) unless PLUMB_TOKEN is set, and then every API request needs "Authorization: Bearer <token>"`,
    );
  let isFolder = false;
  try {
    isFolder = statSync(folder).isDirectory();
  } catch {
    throw new InputError(
      `${folder}: no such folder (plumb serve takes a workspace folder of *.process.json files)`,
    );
  }
  if (!isFolder)
    throw new InputError(`${folder} is not a folder: plumb serve takes a workspace folder`);

  let server: WorkspaceServer;
  try {
    server = await createWorkspaceServer({
      folder,
      port,
      host,
      token: loopback ? undefined : token,
      onError: (error) =>
        printError(
          `internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
        ),
    });
  } catch (error) {
    const refusal = listenError(error, port, host);
    if (refusal) throw refusal;
    throw error;
  }
  if (args.flags.get('json')) printJson({ url: server.url, folder: server.folder });
  else print(`listening on ${server.url}`);

  await untilStopped();
  await server.close();
  return 0;
}
