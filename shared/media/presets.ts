/**
 * Channel presets for photo renditions, kept as data. Each preset cites the
 * public page its size or limit comes from. Where a platform gives only an
 * upper bound (e.g. X accepts up to 5 MB), maxBytes is that bound; where it
 * gives none, maxBytes is a sane cap so uploads stay quick on office links.
 *
 * height: null means "width-only": the photo keeps its own aspect ratio and
 * is scaled to `width` (never cropped).
 */

export const PRESET_CHANNELS = ['instagram', 'facebook', 'x', 'website', 'youtube', 'whatsapp'] as const;
export type PresetChannel = (typeof PRESET_CHANNELS)[number];

export type RenditionFormat = 'jpeg' | 'png' | 'webp' | 'avif';

export interface ChannelPreset {
  id: string;
  /** Indonesian label shown in the UI (channel names are proper names). */
  label: string;
  channel: PresetChannel;
  width: number;
  /** null = width-only (keep the source aspect). */
  height: number | null;
  /** Human aspect label, e.g. "4:5"; null for width-only presets. */
  aspect: string | null;
  format: RenditionFormat;
  /** The file must not be larger than this (bytes). */
  maxBytes: number;
  /** Where the size or limit comes from. */
  source: string;
}

const MB = 1024 * 1024;

/** Cap used where a platform publishes no smaller limit: keeps posts light on slow connections. */
const DEFAULT_CAP = 8 * MB;

const IG_SIZES = 'https://help.instagram.com/1631821640426723';
const IG_HELP_ASPECT = 'https://help.instagram.com/1469029763400082';
const FB_SIZES = 'https://www.facebook.com/business/ads-guide/update/image';
const FB_LINK = 'https://developers.facebook.com/docs/sharing/webmasters/images/';
const X_MEDIA = 'https://developer.x.com/en/docs/x-api/v1/media/upload-media/uploading-media/media-best-practices';
const WP_THUMB = 'https://developer.wordpress.org/reference/functions/add_image_size/';
const YT_THUMB = 'https://support.google.com/youtube/answer/72431';
const WA_CHANNEL = 'https://faq.whatsapp.com/549900560675125';

export const CHANNEL_PRESETS: readonly ChannelPreset[] = [
  { id: 'ig-portrait', label: 'Instagram potret 4:5', channel: 'instagram', width: 1080, height: 1350, aspect: '4:5', format: 'jpeg', maxBytes: DEFAULT_CAP, source: IG_SIZES },
  { id: 'ig-3x4', label: 'Instagram 3:4', channel: 'instagram', width: 1080, height: 1440, aspect: '3:4', format: 'jpeg', maxBytes: DEFAULT_CAP, source: IG_HELP_ASPECT },
  { id: 'ig-square', label: 'Instagram persegi 1:1', channel: 'instagram', width: 1080, height: 1080, aspect: '1:1', format: 'jpeg', maxBytes: DEFAULT_CAP, source: IG_SIZES },
  { id: 'ig-story', label: 'Instagram Story/Reel 9:16', channel: 'instagram', width: 1080, height: 1920, aspect: '9:16', format: 'jpeg', maxBytes: DEFAULT_CAP, source: IG_SIZES },
  { id: 'ig-landscape', label: 'Instagram lanskap 1,91:1', channel: 'instagram', width: 1080, height: 566, aspect: '1.91:1', format: 'jpeg', maxBytes: DEFAULT_CAP, source: IG_SIZES },
  { id: 'fb-feed', label: 'Facebook kabar beranda 4:5', channel: 'facebook', width: 1080, height: 1350, aspect: '4:5', format: 'jpeg', maxBytes: DEFAULT_CAP, source: FB_SIZES },
  { id: 'fb-link', label: 'Facebook tautan 1,91:1', channel: 'facebook', width: 1200, height: 630, aspect: '1.91:1', format: 'jpeg', maxBytes: DEFAULT_CAP, source: FB_LINK },
  { id: 'x-post', label: 'X 16:9', channel: 'x', width: 1600, height: 900, aspect: '16:9', format: 'jpeg', maxBytes: 5 * MB, source: X_MEDIA },
  { id: 'web-featured', label: 'Website gambar utama 16:9', channel: 'website', width: 1200, height: 675, aspect: '16:9', format: 'jpeg', maxBytes: DEFAULT_CAP, source: WP_THUMB },
  { id: 'web-inline', label: 'Website dalam artikel (lebar 1200)', channel: 'website', width: 1200, height: null, aspect: null, format: 'jpeg', maxBytes: DEFAULT_CAP, source: WP_THUMB },
  { id: 'yt-thumb', label: 'YouTube gambar mini 16:9', channel: 'youtube', width: 1280, height: 720, aspect: '16:9', format: 'jpeg', maxBytes: 2 * MB, source: YT_THUMB },
  { id: 'wa-channel', label: 'Saluran WhatsApp (lebar 1080)', channel: 'whatsapp', width: 1080, height: null, aspect: null, format: 'jpeg', maxBytes: DEFAULT_CAP, source: WA_CHANNEL },
] as const;

export const PRESET_IDS = CHANNEL_PRESETS.map((p) => p.id);

export function getPreset(id: string): ChannelPreset | undefined {
  return CHANNEL_PRESETS.find((p) => p.id === id);
}

/** Encoder qualities tried from best to worst (MozJPEG / WebP scale). */
export const JPEG_QUALITY_LADDER = [92, 88, 84, 80, 76, 72, 68, 64, 60, 55, 50, 45, 40] as const;

/**
 * AVIF qualities tried from best to worst (libheif/aom scale, where sharp's
 * default is 50). The scale is not MozJPEG's: AVIF q45 scores about like
 * MozJPEG q72 in SSIM on camera photos at a third of the bytes, so the rungs
 * go lower. The same perceptual bar (PERCEPTUAL_TARGET.minSsim) picks the rung;
 * AVIF_MIN_QUALITY is only the floor against a picture the measure misjudges.
 */
export const AVIF_QUALITY_LADDER = [84, 80, 76, 72, 68, 64, 60, 56, 52, 48, 44, 40, 36, 33, 30] as const;
export const AVIF_MIN_QUALITY = 30;

/**
 * "The same look": each rendition is encoded at the lowest quality of the
 * ladder whose decoded pixels keep a structural similarity of at least
 * minSsim with the exact pixels that were encoded (cropped, resized,
 * sharpened), never below minQuality; a byte limit may then push lower.
 * SSIM is ssim.js "bezkrovny" on RGBA at half size for outputs of 300 px and
 * more on the short side (how a phone or a web column shows them), full size
 * below. On the test photos today's libjpeg q90 scores 0.998-0.999 and
 * MozJPEG q75 (Squoosh's default) 0.995-0.998; 0.996 keeps every photo at
 * or above that while files drop by about half. The search probes a tile
 * sample of each rendition and checks the chosen file against the whole
 * (electron/core/media/renditions.ts, encodeToFitWithQuality). `npm run
 * bench` prints bytes and SSIM per preset against q90 (media_preset_*).
 */
export const PERCEPTUAL_TARGET = { minSsim: 0.996, minQuality: 60 } as const;
