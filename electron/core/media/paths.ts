import path from 'node:path';

/** Folders of the photo desk inside the data folder (outside store/: bytes never go into JSON). */
export function mediaPaths(dataDir: string) {
  const root = path.join(dataDir, 'media');
  return {
    root,
    originals: path.join(root, 'originals'),
    thumbs: path.join(root, 'thumbs'),
    previews: path.join(root, 'previews'),
    renditions: path.join(root, 'renditions'),
    exports: path.join(dataDir, 'exports'),
  };
}

export const THUMB_SIZE = 320;
export const PREVIEW_SIZE = 1280;

export function thumbName(sha256: string): string {
  return `${sha256}.webp`;
}

export function previewName(sha256: string): string {
  return `${sha256}.jpg`;
}
