// A virtual clock for XState's `after` timers: time moves only when told, and timers fall due in
// order, including timers that earlier timers start.

export interface Timer {
  id: number;
  due: number;
  fn: () => void;
}

export class VirtualClock {
  private current = 0;
  private nextId = 1;
  private timers = new Map<number, Timer>();

  now(): number {
    return this.current;
  }

  setTimeout(fn: (...args: unknown[]) => void, timeout: number): number {
    const id = this.nextId++;
    this.timers.set(id, { id, due: this.current + Math.max(0, timeout || 0), fn });
    return id;
  }

  clearTimeout(id: unknown): void {
    this.timers.delete(id as number);
  }

  /** The time the next timer falls due, if any. */
  nextDue(): number | undefined {
    let due: number | undefined;
    for (const timer of this.timers.values())
      if (due === undefined || timer.due < due) due = timer.due;
    return due;
  }

  /** Moves time on by `ms`, firing every timer that falls due on the way, earliest first. */
  advance(ms: number, maxFirings = 100_000): { fired: number; limited: boolean } {
    const end = this.current + Math.max(0, ms);
    let fired = 0;
    for (;;) {
      let next: Timer | undefined;
      for (const timer of this.timers.values()) {
        if (
          timer.due <= end &&
          (!next || timer.due < next.due || (timer.due === next.due && timer.id < next.id))
        )
          next = timer;
      }
      if (!next) break;
      if (fired >= maxFirings) {
        this.current = next.due;
        return { fired, limited: true };
      }
      this.timers.delete(next.id);
      this.current = Math.max(this.current, next.due);
      next.fn();
      fired++;
    }
    this.current = end;
    return { fired, limited: false };
  }
}
