import { crc32, deflateSync } from 'node:zlib';
import { sharpLib } from '@core/files/lazy-libs';
import type { DecodedHeic } from './heic';
import type { RawImage } from './pixel-cache';

/** ITU-T H.273 colour_primaries 12: SMPTE EG 432-1, i.e. Display P3. */
const NCLX_P3 = 12;

let p3Profile: Promise<Buffer> | null = null;
/** libvips' built-in Display P3 profile, for files that signal P3 by nclx instead of an ICC profile. */
function builtinP3(): Promise<Buffer> {
  p3Profile ??= sharpLib().then((sharp) =>
    sharp({ create: { width: 1, height: 1, channels: 3, background: '#808080' } })
      .withIccProfile('p3')
      .png()
      .toBuffer()
      .then(async (b) => (await sharp(b).metadata()).icc!),
  );
  return p3Profile;
}

/**
 * A PNG with an iCCP chunk holding `icc` (PNG spec 11.3.3.3: a name, a zero
 * byte, compression method 0, the zlib-compressed profile), placed right
 * after IHDR as the spec requires. Lets libvips read the profile with the
 * pixels, exactly as it does for a JPEG with an embedded profile.
 */
export function pngWithIcc(png: Buffer, icc: Buffer): Buffer {
  const ihdrEnd = 8 + 4 + 4 + 13 + 4;
  if (png.subarray(12, 16).toString('latin1') !== 'IHDR') throw new Error('not a PNG');
  const body = Buffer.concat([Buffer.from('iccp\0\0', 'latin1'), deflateSync(icc)]);
  const head = Buffer.alloc(8);
  head.writeUInt32BE(body.length, 0);
  head.write('iCCP', 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), body])) >>> 0, 0);
  return Buffer.concat([png.subarray(0, ihdrEnd), head, body, crc, png.subarray(ihdrEnd)]);
}

/**
 * The decoded HEIC as sRGB pixels: its embedded profile (iPhones write
 * Display P3) is converted by libvips' colour management, the same path a
 * JPEG with that profile takes, so both look the same.
 */
export async function heicToSrgb(d: DecodedHeic, limitInputPixels: number): Promise<RawImage> {
  const sharp = await sharpLib();
  let pipe = sharp(d.data, { raw: { width: d.width, height: d.height, channels: 4 }, limitInputPixels });
  if (!d.hasAlpha) pipe = pipe.removeAlpha();
  const icc = d.icc ?? (d.nclxPrimaries === NCLX_P3 ? await builtinP3() : null);
  if (icc) {
    // Stored (uncompressed) PNG: a lossless carrier, quick to write and read.
    const png = pngWithIcc(await pipe.png({ compressionLevel: 0 }).toBuffer(), icc);
    pipe = sharp(png, { limitInputPixels }).toColourspace('srgb');
  }
  const { data, info } = await pipe.raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: info.channels === 4 ? 4 : 3 };
}
