/**
 * File names that are safe on Windows, macOS and Linux: no reserved
 * characters (<>:"/\|?*), no control characters, no reserved device names
 * (CON, PRN, AUX, NUL, COM1…, LPT1…), no trailing dot or space, and short
 * enough for MAX_PATH-limited tools.
 */
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;

export function safeFileName(name: string, fallback = 'berkas', maxLength = 120): string {
  const extMatch = /(\.[A-Za-z0-9]{1,8})$/.exec(name);
  const ext = extMatch ? extMatch[1].toLowerCase() : '';
  let base = (ext ? name.slice(0, -ext.length) : name)
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f<>:"/\\|?*]+/g, '-')
    .replace(/\s+/g, ' ')
    .replace(/\s*-[\s-]*/g, '-')
    .trim()
    .replace(/^[.\s-]+|[.\s-]+$/g, '');
  if (!base || RESERVED.test(base)) base = base ? `${base}-` : fallback;
  const room = Math.max(1, maxLength - ext.length);
  if (base.length > room) base = base.slice(0, room).replace(/[.\s-]+$/, '');
  return base + ext;
}

/** A slug for file names built from titles: lower-case ASCII, digits and hyphens. */
export function slugify(text: string, maxLength = 60): string {
  return slugBase(text, maxLength) || 'tanpa-judul';
}

/** Lower-case ASCII words joined by '-', accents folded; '' when nothing is left. */
export function slugBase(text: string, maxLength = 60): string {
  const s = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return s.slice(0, maxLength).replace(/-+$/, '');
}
