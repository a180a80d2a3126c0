// A throwaway PostgreSQL server for tests and benchmarks: initdb into a temporary folder, pg_ctl
// start on a free loopback port (its socket in the same folder), stopped and removed after.
// Debian's `postgresql` package puts the binaries in /usr/lib/postgresql/<version>/bin. initdb
// refuses to run as root: then the server runs as the `postgres` user through runuser.

import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PgServer {
  url: string;
  stop(): void;
}

interface Plan {
  bin: string;
  /** Runs a command as the user that owns the cluster. */
  prefix: string[];
  owner?: { uid: number; gid: number };
}

function binDir(): string | undefined {
  const base = '/usr/lib/postgresql';
  if (existsSync(base)) {
    const versions = readdirSync(base)
      .filter((v) => existsSync(join(base, v, 'bin', 'initdb')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions.length) return join(base, versions[0], 'bin');
  }
  try {
    const dir = execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim();
    if (existsSync(join(dir, 'initdb'))) return dir;
  } catch {}
  return undefined;
}

/** How to run a server here, or why it cannot be done (the reason to skip with). */
export function pgPlan(): Plan | string {
  const bin = binDir();
  if (!bin)
    return 'PostgreSQL is not installed (no initdb in /usr/lib/postgresql/*/bin or pg_config --bindir): apt-get install postgresql';
  if (process.getuid?.() !== 0) return { bin, prefix: [] };
  let uid: number;
  let gid: number;
  try {
    uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  } catch {
    return 'running as root, and there is no "postgres" user to run initdb as (initdb refuses root)';
  }
  const runuser = ['/usr/sbin/runuser', '/sbin/runuser', '/usr/bin/runuser'].find(existsSync);
  if (!runuser) return 'running as root, and there is no runuser to run initdb as "postgres"';
  return { bin, prefix: [runuser, '-u', 'postgres', '--'], owner: { uid, gid } };
}

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => done(port));
    });
  });
}

/** Starts a fresh server; throws with its log when it does not start. */
export async function startPostgres(plan: Plan, settings: string[] = []): Promise<PgServer> {
  const dir = mkdtempSync(join(tmpdir(), 'plumb-pg-'));
  if (plan.owner) chownSync(dir, plan.owner.uid, plan.owner.gid);
  const data = join(dir, 'data');
  const logFile = join(dir, 'server.log');
  const run = (command: string, args: string[]) => {
    const argv = [...plan.prefix, join(plan.bin, command), ...args];
    execFileSync(argv[0], argv.slice(1), { stdio: 'pipe', timeout: 120_000 });
  };
  try {
    run('initdb', ['-D', data, '-U', 'plumb', '--auth=trust', '-E', 'UTF8', '--no-sync']);
    const port = await freePort();
    const options = [`-k ${dir}`, '-h 127.0.0.1', `-p ${port}`, ...settings.map((s) => `-c ${s}`)];
    run('pg_ctl', ['-D', data, '-l', logFile, '-o', options.join(' '), '-w', '-t', '60', 'start']);
    let stopped = false;
    return {
      url: `postgres://plumb@127.0.0.1:${port}/postgres`,
      stop: () => {
        if (stopped) return;
        stopped = true;
        try {
          run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
        } catch {}
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    let log = '';
    try {
      log = readFileSync(logFile, 'utf8');
    } catch {}
    const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? '';
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`PostgreSQL did not start: ${stderr || String(error)}\n${log}`);
  }
}
