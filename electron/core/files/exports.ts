import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { safeFileName } from '@shared/files/safe-name';
import { downloadUrl } from '@shared/files/urls';
import { writeFileDurable } from '@core/store/durable-file';

export interface ExportLink {
  /** The file's name as written (made Windows-safe). */
  name: string;
  /** Its download link for the UI. */
  url: string;
}

/** Writes a file the person asked for into <dataDir>/exports/ (durably) and returns its download link. */
export async function writeExport(dataDir: string, name: string, data: string | Uint8Array): Promise<ExportLink> {
  const safe = safeFileName(name);
  const dir = path.join(dataDir, 'exports');
  await fsp.mkdir(dir, { recursive: true });
  await writeFileDurable(path.join(dir, safe), data);
  return { name: safe, url: downloadUrl('exports', safe) };
}
