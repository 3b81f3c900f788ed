import { zonedInstant } from '@shared/activity/calendar';
import { zonedParts, type TimeZoneCode } from '@shared/domain/time-zone';

/** "YYYY-MM-DDTHH:mm" for a datetime-local input, in the workspace zone (not the PC's). */
export function toZonedInput(instant: Date | string, zone: TimeZoneCode): string {
  const p = zonedParts(instant, zone);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${p.year}-${two(p.month)}-${two(p.day)}T${two(p.hour)}:${two(p.minute)}`;
}

export function fromZonedInput(value: string, zone: TimeZoneCode): string | null {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})/.exec(value);
  if (!m) return null;
  return zonedInstant(m[1], zone, Number(m[2]), Number(m[3])).toISOString();
}

export { fileToBase64 as blobToBase64 } from '@ui/lib/files';

/** The first image on the clipboard of a paste event, if any. */
export function pastedImage(e: { clipboardData: DataTransfer | null }): File | null {
  for (const item of Array.from(e.clipboardData?.items ?? [])) {
    if (item.kind === 'file' && item.type.startsWith('image/')) return item.getAsFile();
  }
  return null;
}
