/** A chosen file that could not be read any more (moved, deleted or locked after it was picked). */
export class FileReadError extends Error {
  readonly reason = 'vanished';
}

/**
 * A file or blob as base64 for the API (no data: prefix). The one helper every
 * screen uses (issue 11: there were five); FileReader streams large files
 * without building a string per byte, and read failures become FileReadError.
 */
export function fileToBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onerror = () => reject(new FileReadError(r.error?.message ?? 'read failed'));
    r.onabort = () => reject(new FileReadError('read aborted'));
    r.onload = () => {
      const url = String(r.result ?? '');
      const comma = url.indexOf(',');
      resolve(comma >= 0 ? url.slice(comma + 1) : '');
    };
    r.readAsDataURL(file);
  });
}
