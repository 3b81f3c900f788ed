/**
 * Lets ordinary calls run side by side while an exclusive one (a backup
 * restore that swaps the whole store) waits for them and holds off new ones.
 */
export class Gate {
  private running = 0;
  private exclusive: Promise<void> | null = null;
  private drained: (() => void) | null = null;

  async run<T>(fn: () => Promise<T>, exclusive = false): Promise<T> {
    while (this.exclusive) await this.exclusive;
    if (!exclusive) {
      this.running++;
      try {
        return await fn();
      } finally {
        this.running--;
        if (this.running === 0 && this.drained) this.drained();
      }
    }
    let release!: () => void;
    this.exclusive = new Promise<void>((r) => (release = r));
    try {
      if (this.running > 0) await new Promise<void>((r) => (this.drained = r));
      this.drained = null;
      return await fn();
    } finally {
      this.exclusive = null;
      release();
    }
  }
}
