/**
 * What the bytes are, from their magic numbers (never from the file name: a
 * text file renamed .jpg must be recognised as not a photo).
 */
export type Sniffed = 'jpeg' | 'png' | 'webp' | 'heif' | 'gif' | 'tiff' | 'bmp' | 'avif' | 'unknown';

const HEIF_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1', 'mif2']);

export function sniffImage(b: Uint8Array): Sniffed {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if (b.length >= 8 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) return 'png';
  const ascii = (from: number, to: number) => String.fromCharCode(...b.subarray(from, to));
  if (b.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'webp';
  if (b.length >= 12 && ascii(4, 8) === 'ftyp') {
    const major = ascii(8, 12);
    if (major === 'avif' || major === 'avis') return 'avif';
    if (HEIF_BRANDS.has(major)) return 'heif';
    // Compatible brands follow the minor version.
    const boxSize = (b[0] << 24) | (b[1] << 16) | (b[2] << 8) | b[3];
    for (let i = 16; i + 4 <= Math.min(boxSize, b.length, 64); i += 4) {
      if (HEIF_BRANDS.has(ascii(i, i + 4))) return 'heif';
    }
    return 'unknown';
  }
  if (b.length >= 6 && (ascii(0, 6) === 'GIF87a' || ascii(0, 6) === 'GIF89a')) return 'gif';
  if (b.length >= 4 && ((b[0] === 0x49 && b[1] === 0x49 && b[2] === 0x2a) || (b[0] === 0x4d && b[1] === 0x4d && b[3] === 0x2a))) return 'tiff';
  if (b.length >= 2 && b[0] === 0x42 && b[1] === 0x4d) return 'bmp';
  return 'unknown';
}
