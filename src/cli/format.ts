// Figures for people: durations in the unit that reads best, money, shares, changes, and tables
// whose columns line up even with colour codes in the cells.

export type TimeUnit = 's' | 'min' | 'h' | 'd';

/** The unit that reads best for a number of minutes. */
export function timeUnit(minutes: number): TimeUnit {
  if (minutes < 1) return 's';
  if (minutes < 120) return 'min';
  if (minutes < 48 * 60) return 'h';
  return 'd';
}

const PER_UNIT: Record<TimeUnit, number> = { s: 1 / 60, min: 1, h: 60, d: 1440 };

/** Minutes as seconds, minutes, hours or days (the given unit, or the one that reads best). */
export function duration(minutes: number, unit: TimeUnit = timeUnit(minutes)): string {
  if (minutes === 0) return '0';
  const value = minutes / PER_UNIT[unit];
  return `${unit === 's' ? Math.round(value) : trim(value.toFixed(1))} ${unit}`;
}

export function money(value: number): string {
  return value.toLocaleString('en', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

export function percent(share: number): string {
  const p = share * 100;
  if (p === 0) return '0%';
  if (p === 100) return '100%';
  return `${p < 0.1 ? p.toFixed(2) : p.toFixed(1)}%`;
}

export function count(value: number, digits = 2): string {
  return trim(value.toFixed(digits));
}

export function whole(value: number): string {
  return value.toLocaleString('en');
}

const trim = (text: string) => (text.includes('.') ? text.replace(/\.?0+$/, '') : text);

/**
 * A signed change: percentage points for shares, a plain difference for whole counts, else
 * relative when there is a base.
 */
export function change(unit: string, from: number, to: number, absolute = false): string {
  const delta = to - from;
  if (delta === 0) return '0';
  const sign = delta > 0 ? '+' : '−';
  const size = Math.abs(delta);
  if (unit === 'share') return `${sign}${trim((size * 100).toFixed(1))} pt`;
  if (absolute) return `${sign}${count(size)}`;
  if (from !== 0) {
    const relative = (size / Math.abs(from)) * 100;
    return `${sign}${relative >= 10 ? relative.toFixed(0) : trim(relative.toFixed(1))}%`;
  }
  return `${sign}${unit === 'money' ? money(size) : unit === 'minutes' ? duration(size) : count(size)}`;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: strips terminal colour codes
const ANSI = /\u001b\[[0-9;]*m/g;
const width = (text: string) => [...text.replace(ANSI, '')].length;

/** Lines of a table: each column padded to its widest cell; `right` columns are right-aligned. */
export function table(rows: string[][], right: boolean[] = [], gap = '  '): string[] {
  const widths: number[] = [];
  for (const row of rows)
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, width(cell));
    });
  return rows.map((row) =>
    row
      .map((cell, i) => {
        const pad = ' '.repeat(widths[i] - width(cell));
        return right[i] ? pad + cell : i === row.length - 1 ? cell : cell + pad;
      })
      .join(gap)
      .trimEnd(),
  );
}
