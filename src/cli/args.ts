// Command-line arguments: positionals and `--flag value` / `--flag=value` / `--switch`.

export class UsageError extends Error {}

export interface Args {
  positionals: string[];
  flags: Map<string, string | true>;
}

export function parseArgs(argv: string[], switches: string[], valued: string[]): Args {
  const positionals: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--') || arg === '--') {
      positionals.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2);
    if (switches.includes(name)) flags.set(name, true);
    else if (valued.includes(name)) {
      const value = inline ?? argv[++i];
      if (value === undefined) throw new UsageError(`--${name} needs a value`);
      flags.set(name, value);
    } else throw new UsageError(`unknown option --${name}`);
  }
  return { positionals, flags };
}

export function intFlag(
  args: Args,
  name: string,
  fallback: number,
  min = 0,
  max = Number.MAX_SAFE_INTEGER,
): number {
  const raw = args.flags.get(name);
  if (raw === undefined) return fallback;
  const value = raw === true || raw.trim() === '' ? Number.NaN : Number(raw);
  if (!Number.isInteger(value) || value < min || value > max)
    throw new UsageError(
      `--${name} must be a whole number from ${min.toLocaleString('en')} to ${max.toLocaleString('en')}, not "${raw === true ? '' : raw}"`,
    );
  return value;
}
