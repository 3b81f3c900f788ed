import { createServer } from 'node:http';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { LOGO_PIXELS, prepareLogo, sanitizeSvg } from '@core/cards/logo';
import { renderSlide } from '@core/cards/render';
import { openApi, tempDir } from '../electron/helpers';
import { agencyBrand, REGENCY_AGENCIES, sampleCard, sampleSlide } from './samples';

/** A Pemda-style logo as Illustrator writes it, with everything a hostile file could add. */
function hostileSvg(port: number) {
  return `<?xml version="1.0" encoding="UTF-8"?>
<!-- Generator: Adobe Illustrator 27.0.0 -->
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 200 100" width="200" height="100">
<style type="text/css"><![CDATA[ .st0{fill:#0b5cab;} @import url(http://127.0.0.1:${port}/style.css); .st1{fill:url(http://127.0.0.1:${port}/fill.svg#p)} ]]></style>
<script>fetch('http://127.0.0.1:${port}/script')</script>
<defs><linearGradient id="g"><stop offset="0" stop-color="#f2a900"/></linearGradient></defs>
<rect class="st0" width="100" height="100" onload="alert(1)"/>
<circle cx="150" cy="50" r="40" fill="url(#g)"/>
<image xlink:href="http://127.0.0.1:${port}/track.png" width="10" height="10"/>
<image href="file:///etc/passwd" width="10" height="10"/>
<use href="http://127.0.0.1:${port}/sprite.svg#x"/>
<foreignObject width="100" height="100"><div xmlns="http://www.w3.org/1999/xhtml">hi</div></foreignObject>
</svg>`;
}

/** A PNG header that claims a huge size (no pixel data: it must be refused before any decode). */
function hugePngHeader(w: number, h: number): Buffer {
  const table = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const x of b) c = table[(c ^ x) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type), data]);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const c = Buffer.alloc(4);
    c.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, c]);
  };
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.alloc(16))), chunk('IEND', Buffer.alloc(0))]);
}

const DAMAGED_PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('rusak')]);

async function pixel(png: Buffer, x: number, y: number) {
  const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
  const o = (y * info.width + x) * info.channels;
  return Array.from(data.subarray(o, o + info.channels));
}

describe('brand-kit logos', () => {
  it('cleans an SVG of scripts, handlers, foreign objects and every outside reference, and never fetches them', async () => {
    const hits: string[] = [];
    const server = createServer((req, res) => {
      hits.push(req.url ?? '');
      res.end('');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    try {
      const clean = await sanitizeSvg(hostileSvg(port));
      expect(clean).not.toMatch(/<script|onload|foreignObject|127\.0\.0\.1|file:|@import|<div/i);
      expect(clean).toContain('url(#g)');
      expect(clean).toContain('.st0{fill:#0b5cab;}');
      const r = await prepareLogo(Buffer.from(hostileSvg(port)));
      expect(r.svg).toBe(true);
      expect([r.width, r.height]).toEqual([LOGO_PIXELS, LOGO_PIXELS / 2]);
      // The drawing itself survives: blue square on the left, amber disc on the right, transparent corner.
      expect(await pixel(r.png, 200, 300)).toEqual([11, 92, 171, 255]);
      expect(await pixel(r.png, 900, 300)).toEqual([242, 169, 0, 255]);
      expect((await pixel(r.png, LOGO_PIXELS - 1, 0))[3]).toBe(0);
      expect(hits).toEqual([]);
    } finally {
      server.close();
    }
  });

  it('refuses entity declarations, huge and damaged files with a reason', async () => {
    await expect(prepareLogo(Buffer.from('<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><svg xmlns="http://www.w3.org/2000/svg"><text>&b;</text></svg>'))).rejects.toMatchObject({ reason: 'svg_unsafe' });
    await expect(prepareLogo(hugePngHeader(20_000, 20_000))).rejects.toMatchObject({ reason: 'too_large' });
    const good = await sharp({ create: { width: 300, height: 300, channels: 4, background: '#0b5cab' } }).png().toBuffer();
    await expect(prepareLogo(good.subarray(0, Math.floor(good.length / 2)))).rejects.toMatchObject({ reason: 'damaged' });
    await expect(prepareLogo(Buffer.from('bukan gambar'))).rejects.toMatchObject({ reason: expect.stringMatching(/not_image|damaged/) });
    await expect(prepareLogo(Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg">${' '.repeat(3 * 1024 * 1024)}</svg>`))).rejects.toMatchObject({ reason: 'too_large' });
    // An SVG declaring a poster-sized canvas is refused before anything is drawn.
    await expect(prepareLogo(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="200000" height="200000" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>'))).rejects.toMatchObject({ reason: 'too_large' });
    // An SVG cut off part-way (a copy from a flash drive, a half download) is damaged, not drawn in part:
    // the cleaner and librsvg would both close the open elements and draw what is left.
    const pemda = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
<svg version="1.1" id="Layer_1" xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" x="0px" y="0px" viewBox="0 0 200 100" xml:space="preserve">
<style type="text/css"><![CDATA[.st0{fill:#0b5cab;}]]></style>
<g><rect class="st0" width="100" height="100"/><circle cx="150" cy="50" r="40" fill="#f2a900"/></g>
</svg>`;
    expect((await prepareLogo(Buffer.from(pemda))).svg).toBe(true);
    for (const cut of [pemda.indexOf('<circle') + 20, pemda.indexOf('</g>'), pemda.indexOf('</svg>')])
      await expect(prepareLogo(Buffer.from(pemda.slice(0, cut))), `cut at ${cut}`).rejects.toMatchObject({ reason: 'damaged' });
  });

  it('scales a 6,000 px raster logo down once, on import', async () => {
    const big = await sharp({ create: { width: 6000, height: 3000, channels: 4, background: '#0b5cab' } }).png().toBuffer();
    const r = await prepareLogo(big);
    expect([r.width, r.height]).toEqual([LOGO_PIXELS, LOGO_PIXELS / 2]);
  });

  it('imports an SVG logo over the API, draws it on cards, and names a damaged logo file in the checks', async () => {
    const dir = tempDir();
    const { call } = await openApi(dir);
    const logo = await call('cards.importLogo', { name: 'logo-pemkab-blora.svg', dataBase64: Buffer.from(hostileSvg(9)).toString('base64') });
    expect(logo.photo).toMatchObject({ format: 'png', width: LOGO_PIXELS, height: LOGO_PIXELS / 2 });
    const ws0 = await call('settings.get', {});
    const ws = await call('settings.update', { baseRev: ws0.rev, brand: { footer: 'dp3ap2kb.blorakab.go.id', handles: { instagram: 'dp3ap2kbblora' }, hashtags: ['Blora'] } });
    const withLogo = await call('settings.update', { baseRev: ws.rev, opd: { fullName: REGENCY_AGENCIES[0].name }, brand: { pemdaLogoMediaId: logo.photo.id } });
    // Setting a logo changes only the logo: the rest of the brand kit stays.
    expect(withLogo.brand).toMatchObject({ pemdaLogoMediaId: logo.photo.id, footer: 'dp3ap2kb.blorakab.go.id', handles: { instagram: 'dp3ap2kbblora' }, hashtags: ['Blora'] });
    const card = await call('cards.create', { template: 'angka-kunci' });
    const content = { ...card, slides: [sampleSlide('angka-kunci', 'long', card.slides[0].id)] };
    expect((await call('cards.check', { content })).issues.filter((i) => i.code === 'logo_unreadable')).toEqual([]);

    // Bad files are refused with a reason the UI turns into a message naming the file.
    await expect(call('cards.importLogo', { name: 'rusak.png', dataBase64: DAMAGED_PNG.toString('base64') })).rejects.toMatchObject({ code: 'invalid_input', params: { reason: 'logo_damaged', name: 'rusak.png' } });

    // The stored logo is damaged on disk later: the check names it instead of leaving it out silently.
    const file = path.join(dir, 'media', 'originals', `${logo.photo.sha256}.png`);
    await fsp.writeFile(file, DAMAGED_PNG);
    const issues = (await call('cards.check', { content })).issues;
    expect(issues).toContainEqual(expect.objectContaining({ code: 'logo_unreadable', field: 'pemdaLogo', params: { name: 'logo-pemkab-blora.png' } }));
  });

  it('puts a plate behind a logo that would vanish on a brand-coloured slide', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'logo.png');
    // A logo all in the brand's primary colour.
    await fsp.writeFile(file, await sharp({ create: { width: 400, height: 400, channels: 4, background: '#0b5cab' } }).png().toBuffer());
    const brand = agencyBrand(REGENCY_AGENCIES[0]);
    const render = (theme: 'brand' | 'light') =>
      renderSlide({ card: sampleCard([{ ...sampleSlide('sampul', 'long'), theme }]), index: 0, sizeId: 'ig-portrait', brand, opdLogoId: 'l', pemdaLogoId: 'l', resolveImage: async () => ({ file, focal: null }) });
    const onBrand = await render('brand');
    const logoEl = onBrand.layout.elements.find((e) => e.kind === 'logo');
    expect(logoEl).toBeDefined();
    const b = (logoEl as { box: { x: number; y: number } }).box;
    // The plate's corner area is white; the logo itself sits inside it.
    expect((await pixel(onBrand.png, Math.round(b.x) + 4, Math.round(b.y) + 20)).slice(0, 3)).toEqual([255, 255, 255]);
    // On a white slide the same logo is clearly visible: no plate.
    const onLight = await render('light');
    const lb = (onLight.layout.elements.find((e) => e.kind === 'logo') as { box: { x: number; y: number } }).box;
    expect((await pixel(onLight.png, Math.round(lb.x) + 4, Math.round(lb.y) + 20)).slice(0, 3)).toEqual([11, 92, 171]);
  });
});
