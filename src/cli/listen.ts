// What the two long-running commands (`plumb serve`, `plumb run`) share: a refusal to listen in
// words a person can act on, and waiting for Ctrl+C or a stop signal.

import { InputError } from './files';

/** Why a server could not listen, as an InputError; undefined for any other error. */
export function listenError(error: unknown, port: number, host: string): InputError | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EADDRINUSE')
    return new InputError(
      `port ${port} is already in use: choose another with --port (--port 0 picks a free one)`,
    );
  if (code === 'EACCES')
    return new InputError(
      `port ${port} needs privileges this user lacks: choose another with --port`,
    );
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND')
    return new InputError(`cannot listen on ${host}: no such address on this machine`);
  return undefined;
}

/** Resolves on the first SIGINT or SIGTERM. */
export function untilStopped(): Promise<void> {
  return new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
