import { promises as fsp } from 'node:fs';
import path from 'node:path';
import type { FileArea } from '@shared/files/urls';

/**
 * Files of the data folder that the UI may load by URL (`files/<area>/<name>`),
 * e.g. photo thumbnails in an <img>. Each area maps to one folder inside the
 * data folder; nothing else is reachable. Features add their area here.
 */
export const FILE_AREAS: Record<FileArea, string> = {
  exports: 'exports',
  outbox: 'outbox',
  thumbs: path.join('media', 'thumbs'),
  previews: path.join('media', 'previews'),
  renditions: path.join('media', 'renditions'),
  'complaint-shots': 'complaint-shots',
  'review-media': 'review-media',
};

const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._-]{0,200}$/;

/** Absolute path for `/files/<area>/<segments…>`, or null when it is not a servable file path. */
export function resolveDataFile(dataDir: string, urlPath: string): string | null {
  let rel: string;
  try {
    rel = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  const parts = rel.replace(/^\/+/, '').split('/');
  if (parts[0] !== 'files' || parts.length < 3 || parts.length > 5) return null;
  const base = FILE_AREAS[parts[1] as FileArea];
  if (!base || !Object.prototype.hasOwnProperty.call(FILE_AREAS, parts[1])) return null;
  const segs = parts.slice(2);
  if (!segs.every((s) => SEGMENT.test(s) && !s.includes('..'))) return null;
  const root = path.resolve(dataDir, base);
  const file = path.resolve(root, ...segs);
  return file.startsWith(root + path.sep) ? file : null;
}

/**
 * resolveDataFile, then the real path on disk: the file must be a regular
 * file whose real path lies inside its area of the real data folder. A
 * symlink (file or folder, including an area folder) leading anywhere else
 * is refused, so neither transport serves what the data folder only points to.
 */
export async function realDataFile(dataDir: string, urlPath: string): Promise<string | null> {
  const file = resolveDataFile(dataDir, urlPath);
  if (!file) return null;
  const area = FILE_AREAS[decodeURIComponent(urlPath).replace(/^\/+/, '').split('/')[1] as FileArea];
  try {
    const realData = await fsp.realpath(dataDir);
    const realFile = await fsp.realpath(file);
    const root = path.join(realData, area);
    if (!realFile.startsWith(root + path.sep)) return null;
    return (await fsp.stat(realFile)).isFile() ? realFile : null;
  } catch {
    return null;
  }
}
