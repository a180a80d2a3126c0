// `npm run bench`: runs every bench/*.bench.ts and prints its figures; `-- --json` prints one JSON
// object per line: { name, size, ms, baselineMs? }. `-- <filter>` runs the benches whose file
// name contains the filter.

import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Row } from './measure';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const json = args.includes('--json');
const filters = args.filter((a) => !a.startsWith('--'));
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();

if (!json)
  console.log(
    `${'benchmark'.padEnd(44)} ${'size'.padStart(7)} ${'ms'.padStart(10)} ${'baseline ms'.padStart(12)} ${'ratio'.padStart(7)}`,
  );
for (const file of files) {
  const bench = (await import(pathToFileURL(join(here, file)).href)) as {
    default: () => Promise<Row[]> | Row[];
  };
  for (const row of await bench.default()) {
    if (json) {
      console.log(JSON.stringify(row));
      continue;
    }
    const ratio = row.baselineMs ? `${(row.baselineMs / row.ms).toFixed(1)}x` : '';
    console.log(
      `${row.name.padEnd(44)} ${String(row.size).padStart(7)} ${row.ms.toFixed(2).padStart(10)} ${row.baselineMs === undefined ? ''.padStart(12) : row.baselineMs.toFixed(2).padStart(12)} ${ratio.padStart(7)}${row.note ? `  ${row.note}` : ''}`,
    );
  }
}
