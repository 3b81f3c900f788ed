/**
 * Batch results saved into a folder chosen with the system's dialog (desktop
 * app), remembered per PC, with names safe on Windows and nothing overwritten.
 * The dialog is the Electron shell's; here a stand-in answers as it would.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MediaBatchService } from '@core/media/batch';
import { freeName } from '@core/media/save-folder';
import { ApiError } from '@shared/api/errors';
import { teamPath } from '../../team-folder';
import { openApi, tempDir } from '../electron/helpers';

async function finishedBatch(api: Awaited<ReturnType<typeof openApi>>) {
  const { photo } = await api.call('media.import', { name: 'CON.jpg', dataBase64: readFileSync(teamPath('fixtures/photos/gps/DSCN0010.jpg')).toString('base64') });
  await api.call('media.update', { id: photo.id, baseRev: photo.rev, patch: { caption: 'Rapat: "evaluasi" <stunting>?' } });
  const { jobId } = await api.call('media.batchStart', { mediaIds: [photo.id], presetIds: ['ig-portrait', 'x-post'] });
  let s = await api.call('media.batchStatus', { jobId });
  while (s.state === 'running') {
    await new Promise((r) => setTimeout(r, 20));
    s = await api.call('media.batchStatus', { jobId });
  }
  return s;
}

async function reason(p: Promise<unknown>): Promise<string | undefined> {
  const e = await p.then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(ApiError);
  return String((e as ApiError).params?.reason);
}

describe('saving a batch to a folder', () => {
  it('asks once, remembers the folder on this PC, never overwrites, and asks again when the folder is gone', async () => {
    const api = await openApi(tempDir());
    const svc = new MediaBatchService(api.ctx);
    svc.start();
    const target = tempDir('redaksi-save-');
    const asked: (string | undefined)[] = [];
    let answer: string | null = target;
    api.ctx.services.pickFolder = async ({ defaultPath }) => {
      asked.push(defaultPath);
      return answer;
    };
    expect(await api.call('media.saveFolder', {})).toEqual({ available: true, folder: null });
    const batch = await finishedBatch(api);

    const first = await api.call('media.batchSaveToFolder', { jobId: batch.jobId });
    expect(first.folder).toBe(target);
    expect(asked).toEqual([undefined]);
    expect(first.saved).toHaveLength(2);
    // Windows-safe names: no reserved characters, no trailing dots or spaces.
    for (const n of first.saved) expect(n).toMatch(/^[^<>:"/\\|?*\u0000-\u001f]+\.jpg$/);
    for (const o of batch.outputs) {
      const i = batch.outputs.indexOf(o);
      expect(readFileSync(path.join(target, first.saved[i])).equals(readFileSync(path.join(api.ctx.dataDir, 'exports', batch.folder, o.name)))).toBe(true);
    }
    expect(await api.call('media.saveFolder', {})).toEqual({ available: true, folder: target });

    // The second time: no dialog, the remembered folder, and the files already there are kept.
    const second = await api.call('media.batchSaveToFolder', { jobId: batch.jobId });
    expect(asked).toHaveLength(1);
    expect(second.folder).toBe(target);
    expect(second.saved.every((n) => / \(2\)\.jpg$/.test(n))).toBe(true);
    expect(readdirSync(target)).toHaveLength(4);

    // "Ganti folder" asks even with a remembered folder; cancelling saves nothing and forgets nothing.
    answer = null;
    expect(await api.call('media.batchSaveToFolder', { jobId: batch.jobId, choose: true })).toEqual({ folder: null, saved: [] });
    expect(asked).toEqual([undefined, target]);
    expect(await api.call('media.saveFolder', {})).toEqual({ available: true, folder: target });

    // The remembered folder was removed (a flash drive pulled out): asked again, starting from it.
    rmSync(target, { recursive: true, force: true });
    const other = tempDir('redaksi-save-');
    answer = other;
    const third = await api.call('media.batchSaveToFolder', { jobId: batch.jobId });
    expect(third.folder).toBe(other);
    expect(asked).toEqual([undefined, target, target]);
    await svc.stop();
  });

  it('says the folder cannot be written, and that the browser has no folder dialog', async () => {
    const api = await openApi(tempDir());
    const svc = new MediaBatchService(api.ctx);
    svc.start();
    const batch = await finishedBatch(api);
    expect(await api.call('media.saveFolder', {})).toEqual({ available: false, folder: null });
    expect(await reason(api.call('media.batchSaveToFolder', { jobId: batch.jobId }))).toBe('folder_desktop_only');
    if (process.getuid?.() !== 0) {
      const locked = tempDir('redaksi-save-');
      mkdirSync(locked, { recursive: true });
      const { chmodSync } = await import('node:fs');
      chmodSync(locked, 0o500);
      api.ctx.services.pickFolder = async () => locked;
      expect(await reason(api.call('media.batchSaveToFolder', { jobId: batch.jobId }))).toBe('folder_not_writable');
    }
    api.ctx.services.pickFolder = async () => path.join(tempDir(), 'tidak-ada');
    expect(await reason(api.call('media.batchSaveToFolder', { jobId: batch.jobId }))).toBe('folder_missing');
    await svc.stop();
  });
});

describe('free names', () => {
  it('are safe on Windows and never equal an existing name, whatever its case', () => {
    const taken = new Set(['foto.jpg', 'foto (2).jpg']);
    expect(freeName('Foto.jpg', taken)).toBe('Foto (3).jpg');
    expect(freeName('CON.jpg', new Set())).toBe('CON-.jpg');
    expect(freeName('rapat: "evaluasi"?. .jpg', new Set())).toBe('rapat-evaluasi.jpg');
  });
});
