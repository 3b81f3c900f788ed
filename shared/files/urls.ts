/**
 * The one way to name a data-folder file by URL (`./files/<area>/<segments…>`),
 * as electron/core/file-routes.ts serves it: each segment is encoded, so a
 * name can never step into another folder. Every screen and handler builds
 * file links here (issue 11: there were 13 hand-built ones).
 */
export const FILE_AREA_NAMES = ['exports', 'outbox', 'thumbs', 'previews', 'renditions', 'complaint-shots', 'review-media'] as const;
export type FileArea = (typeof FILE_AREA_NAMES)[number];

export function fileUrl(area: FileArea, ...segments: string[]): string {
  return `./files/${area}/${segments.map(encodeURIComponent).join('/')}`;
}

/** The same link, answered as a download (Content-Disposition: attachment). */
export function downloadUrl(area: FileArea, ...segments: string[]): string {
  return `${fileUrl(area, ...segments)}?download=1`;
}

/** A photo's small square (grid, pickers). */
export const thumbUrl = (sha256: string): string => fileUrl('thumbs', `${sha256}.webp`);
/** A photo's screen-sized preview (editor, review, channel previews). */
export const previewUrl = (sha256: string): string => fileUrl('previews', `${sha256}.jpg`);
