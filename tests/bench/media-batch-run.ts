import { MediaBatchService } from '@core/media/batch';
import { Store } from '@core/store/store';
import { PRESET_IDS } from '@shared/media/presets';

/** The photos of a data folder and a started batch service over it (for the bench's child processes). */
export async function openBatchService(dir: string) {
  const store = await Store.open(dir);
  const ctx = { store, dataDir: dir, version: 'bench', transport: 'http' as const, services: {}, log: console.error };
  const svc = new MediaBatchService(ctx);
  svc.start();
  return { ids: store.collections.media.all().map((p) => p.id), svc };
}

/** Runs one batch of every preset over `ids` to its end; throws on any error (and, with `needZip`, when it made no ZIP). */
export async function runBatch(svc: MediaBatchService, ids: string[], needZip = false): Promise<void> {
  const jobId = svc.startJob(ids, PRESET_IDS, {});
  for (;;) {
    const s = svc.status(jobId);
    if (s.state !== 'running') {
      if (s.errors.length) throw new Error(`batch errors: ${JSON.stringify(s.errors.slice(0, 3))}`);
      if (needZip && !s.zipUrl) throw new Error('batch made no ZIP');
      return;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}
