/**
 * Channel limits as cited data. Everything that counts or checks a caption,
 * an image or a carousel reads these constants, so a platform change is a
 * one-line edit here (with its new source).
 */

export const CHANNELS = ['instagram', 'facebook', 'x', 'website'] as const;
export type Channel = (typeof CHANNELS)[number];

export interface Cited<T> {
  value: T;
  /** Where the value comes from, for the next person who has to update it. */
  source: string;
}

/** Instagram caption: 2,200 characters. */
export const INSTAGRAM_CAPTION_LIMIT: Cited<number> = {
  value: 2200,
  source: 'Meta Graph API, IG Media "caption" field: max 2,200 characters (developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-user/media)',
};

/**
 * Instagram hashtags per post. Historically 30 (Graph API docs); reported as
 * 5 per post since December 2025. Kept as ONE value so it can change again.
 */
export const INSTAGRAM_HASHTAG_LIMIT: Cited<number> = {
  value: 5,
  source: 'Reported as 5 hashtags per post since December 2025 (Instagram announcement, widely reported); previously 30 per Meta Graph API docs',
};

/** X (Twitter): 280 weighted characters; a URL counts 23, emoji count 2 (twitter-text config v3). */
export const X_TEXT_LIMIT: Cited<number> = {
  value: 280,
  source: 'twitter-text v3 config (maxWeightedTweetLength 280, transformedURLLength 23, emoji weight 200/100); developer.x.com/en/docs/counting-characters',
};
export const X_URL_WEIGHT = 23;
export const X_MAX_IMAGES: Cited<number> = {
  value: 4,
  source: 'X media upload: up to 4 photos per post (developer.x.com/en/docs/x-api/v1/media/upload-media/uploading-media/media-best-practices)',
};
export const X_MAX_IMAGE_BYTES: Cited<number> = {
  value: 5 * 1024 * 1024,
  source: 'X media best practices: images up to 5 MB (developer.x.com/en/docs/x-api/v1/media/upload-media/uploading-media/media-best-practices)',
};

/** Facebook Page post text: 63,206 characters. */
export const FACEBOOK_TEXT_LIMIT: Cited<number> = {
  value: 63206,
  source: 'Facebook post/status text limit of 63,206 characters (Meta Help Center; long-standing documented limit)',
};

/** Instagram carousel: 2 to 10 items, aspect ratio from 4:5 to 1.91:1, JPEG only. */
export const INSTAGRAM_CAROUSEL: Cited<{ minItems: number; maxItems: number; minAspect: number; maxAspect: number; formats: readonly string[] }> = {
  value: { minItems: 2, maxItems: 10, minAspect: 4 / 5, maxAspect: 1.91, formats: ['image/jpeg'] },
  source: 'Meta Graph API content publishing: carousels hold up to 10 images; images JPEG, aspect ratio within 4:5 to 1.91:1 (developers.facebook.com/docs/instagram-platform/instagram-graph-api/content-publishing)',
};

export interface ChannelLimits {
  /** Text limit in the channel's own unit (weighted for X, UTF-16-independent code points elsewhere). */
  text: number;
  /** Hashtag limit, or null where the channel sets none. */
  hashtags: number | null;
}

export const CHANNEL_LIMITS: Record<Channel, ChannelLimits> = {
  instagram: { text: INSTAGRAM_CAPTION_LIMIT.value, hashtags: INSTAGRAM_HASHTAG_LIMIT.value },
  facebook: { text: FACEBOOK_TEXT_LIMIT.value, hashtags: null },
  x: { text: X_TEXT_LIMIT.value, hashtags: null },
  // The website has no caption limit; an excerpt is kept short by the editor.
  website: { text: 100_000, hashtags: null },
};
