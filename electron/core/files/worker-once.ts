import { Worker } from 'node:worker_threads';

export interface WorkerOnceOptions<R> {
  /** The worker's source (evaluated, so the bundle needs no extra file). */
  source: string;
  workerData: unknown;
  /** Heap ceiling: bounds what a hostile input can make the worker allocate. */
  maxOldGenerationSizeMb: number;
  timeoutMs: number;
  /** Turns the worker's one reply into the result, or throws the caller's own error. */
  reply(message: unknown): R;
  /** The caller's error for a timeout, a crash or an early exit. */
  failure(kind: 'timeout' | 'error' | 'exit', detail: string): Error;
}

/**
 * Runs work off the main thread and takes its single reply: settled once,
 * with the worker terminated whatever happened (reply, error, exit, timeout).
 */
export function runWorkerOnce<R>(o: WorkerOnceOptions<R>): Promise<R> {
  return new Promise<R>((resolve, reject) => {
    const worker = new Worker(o.source, { eval: true, workerData: o.workerData, resourceLimits: { maxOldGenerationSizeMb: o.maxOldGenerationSizeMb } });
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
      void worker.terminate();
    };
    const timer = setTimeout(() => finish(() => reject(o.failure('timeout', `${o.timeoutMs} ms`))), o.timeoutMs);
    worker.once('message', (m: unknown) =>
      finish(() => {
        try {
          resolve(o.reply(m));
        } catch (err) {
          reject(err);
        }
      }),
    );
    worker.once('error', (e) => finish(() => reject(o.failure('error', e.message))));
    worker.once('exit', (code) => finish(() => reject(o.failure('exit', String(code)))));
  });
}
