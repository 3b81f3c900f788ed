import type { FileLink } from '@shared/api/contracts/review';
import type { HandlerContext } from '@core/deps';
import { writeExport as writeDataExport } from '@core/files/exports';

/** Writes a file into <dataDir>/exports/ and returns its download link (review's FileLink names it fileName). */
export async function writeExport(ctx: HandlerContext, fileName: string, data: string | Uint8Array): Promise<FileLink> {
  const link = await writeDataExport(ctx.dataDir, fileName, data);
  return { fileName: link.name, url: link.url };
}

/** "20260124-0930" in the workspace zone's wall clock is not needed for uniqueness; UTC stamp keeps names sortable. */
export function stamp(d: Date): string {
  return d.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');
}
