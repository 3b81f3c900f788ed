/** Which image type the website gets: the pure rules of shared/publishing/site-images.ts. */
import { describe, expect, it } from 'vitest';
import { acceptedTypeNames, afterRefusal, knownImageTypes, pickWebsiteFile, siteKey, websiteFormats, type SiteImageTypes } from '@shared/publishing/site-images';

const conn = { baseUrl: 'https://dinkes.blorakab.go.id', username: 'humas' };
const at = '2026-11-27T10:00:00.000Z';
const types = (webp: boolean, avif: boolean, c = conn): SiteImageTypes => ({ webp, avif, checkedAt: at, site: siteKey(c) });
const files = (jpeg: number, webp: number, avif: number) => [
  { mime: 'image/jpeg' as const, bytes: jpeg },
  { mime: 'image/webp' as const, bytes: webp },
  { mime: 'image/avif' as const, bytes: avif },
];

describe('what the site takes', () => {
  it('is used only for the address and user it was asked for', () => {
    expect(knownImageTypes({ ...conn, imageTypes: types(true, true) })).toEqual(types(true, true));
    expect(knownImageTypes({ ...conn, baseUrl: 'https://dinsos.blorakab.go.id', imageTypes: types(true, true) })).toBeNull();
    expect(knownImageTypes({ ...conn, username: 'admin', imageTypes: types(true, true) })).toBeNull();
    expect(knownImageTypes({ ...conn, imageTypes: null })).toBeNull();
    // A trailing slash or capitals in the address are the same site.
    expect(knownImageTypes({ ...conn, imageTypes: types(true, true, { ...conn, baseUrl: 'https://DINKES.blorakab.go.id/' }) })).not.toBeNull();
  });

  it('not known yet: WebP (with the JPEG beside it), never AVIF', () => {
    expect(websiteFormats(null)).toEqual({ webp: true, avif: false });
    expect(websiteFormats(types(false, true))).toEqual({ webp: false, avif: true });
  });

  it('is listed for the UI as JPEG first', () => {
    expect(acceptedTypeNames(types(true, true))).toEqual(['JPEG', 'WebP', 'AVIF']);
    expect(acceptedTypeNames(types(true, false))).toEqual(['JPEG', 'WebP']);
    expect(acceptedTypeNames(types(false, false))).toEqual(['JPEG']);
  });
});

describe('the website file', () => {
  it('is the smallest type the site takes', () => {
    expect(pickWebsiteFile(files(100, 80, 40), types(true, true)).mime).toBe('image/avif');
    expect(pickWebsiteFile(files(100, 80, 40), types(true, false)).mime).toBe('image/webp');
    expect(pickWebsiteFile(files(100, 80, 40), types(false, false)).mime).toBe('image/jpeg');
    // Unknown site: AVIF is never sent, whatever its size.
    expect(pickWebsiteFile(files(100, 80, 40), null).mime).toBe('image/webp');
  });

  it('stays JPEG where the others are not smaller (a camera photo WebP cannot beat), and on a tie', () => {
    expect(pickWebsiteFile(files(50, 60, 70), types(true, true)).mime).toBe('image/jpeg');
    expect(pickWebsiteFile(files(50, 50, 50), types(true, true)).mime).toBe('image/jpeg');
    expect(pickWebsiteFile([{ mime: 'image/jpeg' as const, bytes: 50 }, { mime: 'image/avif' as const, bytes: 30 }], types(false, true)).mime).toBe('image/avif');
  });

  it('needs the JPEG: it is the fallback of every other choice', () => {
    expect(() => pickWebsiteFile([{ mime: 'image/webp' as const, bytes: 1 }], null)).toThrow(/JPEG/);
  });
});

describe('a refusal while sending', () => {
  it('turns that type off, dated, for this site', () => {
    const later = '2026-11-28T08:00:00.000Z';
    expect(afterRefusal({ ...conn, imageTypes: types(true, true) }, 'image/avif', later)).toEqual({ ...types(true, false), checkedAt: later });
    expect(afterRefusal({ ...conn, imageTypes: types(true, true) }, 'image/webp', later)).toEqual({ ...types(false, true), checkedAt: later });
    // Never asked: what was tried (WebP) is now known to be refused; AVIF stays off.
    expect(afterRefusal({ ...conn, imageTypes: null }, 'image/webp', later)).toEqual({ webp: false, avif: false, checkedAt: later, site: siteKey(conn) });
    // An answer for another address is replaced, not merged.
    expect(afterRefusal({ ...conn, imageTypes: types(true, true, { ...conn, baseUrl: 'https://lama.go.id' }) }, 'image/webp', later)).toEqual({ webp: false, avif: false, checkedAt: later, site: siteKey(conn) });
    // JPEG cannot be turned off.
    expect(afterRefusal({ ...conn, imageTypes: types(true, true) }, 'image/jpeg', later)).toEqual(types(true, true));
  });
});
