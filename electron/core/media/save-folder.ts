import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { ApiError } from '@shared/api/errors';
import { safeFileName } from '@shared/files/safe-name';
import type { HandlerContext } from '@core/deps';
import { writeFileDurable } from '@core/store/durable-file';
import { mediaBatch } from './batch';
import { mediaPaths } from './paths';

/**
 * Batch results saved into a folder the person chooses (desktop app only:
 * the folder dialog is the Electron shell's). The folder is remembered per
 * PC, in the data folder but outside store/, so a synced workspace never
 * hands one PC's path (D:\Humas\Foto) to another.
 */
function rememberedFile(dataDir: string): string {
  return path.join(mediaPaths(dataDir).root, 'save-folder.json');
}

export async function rememberedFolder(dataDir: string): Promise<string | null> {
  try {
    const v = JSON.parse(await fsp.readFile(rememberedFile(dataDir), 'utf8')) as { folder?: unknown };
    return typeof v.folder === 'string' && path.isAbsolute(v.folder) ? v.folder : null;
  } catch {
    return null;
  }
}

async function isFolder(p: string): Promise<boolean> {
  return (await fsp.stat(p).catch(() => null))?.isDirectory() ?? false;
}

/** Where batches go on this PC: the remembered folder (if it still exists) and whether this host can ask for one. */
export async function saveFolderInfo(ctx: HandlerContext): Promise<{ available: boolean; folder: string | null }> {
  const folder = await rememberedFolder(ctx.dataDir);
  return { available: !!ctx.services.pickFolder, folder: folder && (await isFolder(folder)) ? folder : null };
}

/**
 * A name free in `taken` (compared without case: Windows and macOS folders
 * are case-insensitive), made safe for every system: "foto.jpg" becomes
 * "foto (2).jpg" beside an existing "Foto.jpg". Never overwrites a file.
 */
export function freeName(name: string, taken: Set<string>): string {
  const safe = safeFileName(name, 'foto');
  const ext = path.extname(safe);
  const base = safe.slice(0, safe.length - ext.length);
  let candidate = safe;
  for (let n = 2; taken.has(candidate.toLowerCase()); n++) candidate = `${base} (${n})${ext}`;
  taken.add(candidate.toLowerCase());
  return candidate;
}

/**
 * Copies every file of a finished batch into the chosen folder. `choose`
 * asks for a folder even when one is remembered ("Ganti folder"); a
 * remembered folder that is gone (a flash drive pulled out) is asked again.
 */
export async function saveBatchToFolder(ctx: HandlerContext, jobId: string, choose: boolean): Promise<{ folder: string; saved: string[] } | { folder: null; saved: [] }> {
  const pick = ctx.services.pickFolder;
  if (!pick) throw new ApiError('invalid_input', 'choosing a folder needs the desktop app', { params: { reason: 'folder_desktop_only' } });
  const status = mediaBatch(ctx).status(jobId);
  if (status.state === 'running') throw new ApiError('conflict', 'the batch is still running', { params: { reason: 'batch_running' } });
  if (!status.outputs.length) throw new ApiError('invalid_input', 'the batch made no files', { params: { reason: 'batch_empty' } });
  let folder = choose ? null : await rememberedFolder(ctx.dataDir);
  if (folder && !(await isFolder(folder))) folder = null;
  if (!folder) {
    folder = await pick({ defaultPath: (await rememberedFolder(ctx.dataDir)) ?? undefined });
    if (!folder) return { folder: null, saved: [] };
    if (!(await isFolder(folder))) throw new ApiError('invalid_input', 'the chosen folder does not exist', { params: { reason: 'folder_missing', name: folder } });
  }
  const source = path.join(mediaPaths(ctx.dataDir).exports, status.folder);
  const taken = new Set((await fsp.readdir(folder)).map((n) => n.toLowerCase()));
  const saved: string[] = [];
  try {
    for (const o of status.outputs) {
      const name = freeName(o.name, taken);
      // COPYFILE_EXCL: a file that appeared meanwhile is never overwritten.
      await fsp.copyFile(path.join(source, o.name), path.join(folder, name), fsp.constants.COPYFILE_EXCL);
      saved.push(name);
    }
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') throw new ApiError('invalid_input', `cannot write into ${folder}`, { params: { reason: 'folder_not_writable', name: folder } });
    if (code === 'ENOSPC') throw new ApiError('invalid_input', `the disk of ${folder} is full`, { params: { reason: 'folder_full', name: folder } });
    throw e;
  }
  await fsp.mkdir(mediaPaths(ctx.dataDir).root, { recursive: true });
  await writeFileDurable(rememberedFile(ctx.dataDir), JSON.stringify({ folder }));
  return { folder, saved };
}
