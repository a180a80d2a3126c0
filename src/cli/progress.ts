// A progress bar on stderr, only on a terminal and only once a run has taken a moment.

const SHOW_AFTER_MS = 400;
const WIDTH = 30;

export interface Progress {
  update(done: number, total: number): void;
  done(): void;
}

export function progressBar(label: string): Progress {
  const stream = process.stderr;
  if (!stream.isTTY) return { update() {}, done() {} };
  const start = Date.now();
  let shown = false;
  let last = -1;
  return {
    update(done, total) {
      if (!shown && Date.now() - start < SHOW_AFTER_MS) return;
      const filled = total ? Math.round((done / total) * WIDTH) : WIDTH;
      if (filled === last && done !== total) return;
      last = filled;
      shown = true;
      const bar = `${'█'.repeat(filled)}${'░'.repeat(WIDTH - filled)}`;
      stream.write(`\r${label} ${bar} ${done.toLocaleString('en')}/${total.toLocaleString('en')}`);
    },
    done() {
      if (shown) stream.write('\r\u001b[K');
    },
  };
}
