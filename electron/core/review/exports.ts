import { promises as fsp } from 'node:fs';
import path from 'node:path';
import type { FileLink } from '@shared/api/contracts/review';
import type { HandlerContext } from '@core/deps';
import { writeFileDurable } from '@core/store/durable-file';

/** Writes a file into <dataDir>/exports/ and returns its download link. */
export async function writeExport(ctx: HandlerContext, fileName: string, data: string | Uint8Array): Promise<FileLink> {
  const dir = path.join(ctx.dataDir, 'exports');
  await fsp.mkdir(dir, { recursive: true });
  await writeFileDurable(path.join(dir, fileName), data);
  return { fileName, url: `./files/exports/${encodeURIComponent(fileName)}?download=1` };
}

/** "20260124-0930" in the workspace zone's wall clock is not needed for uniqueness; UTC stamp keeps names sortable. */
export function stamp(d: Date): string {
  return d.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');
}
