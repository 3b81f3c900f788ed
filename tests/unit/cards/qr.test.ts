import qrcode from 'qrcode-generator';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { renderSlide } from '@core/cards/render';
import { CARD_SIZE_IDS } from '@shared/cards/card';
import { readableMin } from '@shared/cards/templates';
import { agencyBrand, REGENCY_AGENCIES, sampleCard, sampleSlide } from './samples';

const LINK = 'https://s.id/daftar-posyandu-blora-2026';

describe('QR code on Agenda/Pengumuman', () => {
  it('draws the registration link as a QR code at every size, module for module, the same bytes every time', async () => {
    const slide = { ...sampleSlide('agenda', 'long'), link: LINK };
    const ref = qrcode(0, 'M');
    ref.addData(LINK, 'Byte');
    ref.make();
    const n = ref.getModuleCount();
    for (const sizeId of CARD_SIZE_IDS) {
      const render = () => renderSlide({ card: sampleCard([slide]), index: 0, sizeId, brand: agencyBrand(REGENCY_AGENCIES[0]), opdLogoId: null, pemdaLogoId: null, resolveImage: async () => null });
      const a = await render();
      expect(a.png.equals((await render()).png)).toBe(true);
      const el = a.layout.elements.find((e) => e.kind === 'qr');
      expect(el, sizeId).toBeDefined();
      const b = (el as { box: { x: number; y: number; w: number; h: number } }).box;
      // Same geometry as the renderer: 2 modules of quiet zone, whole-pixel modules, centred in the box.
      const cell = Math.floor(Math.floor(Math.min(b.w, b.h)) / (n + 4));
      expect(cell, sizeId).toBeGreaterThanOrEqual(3);
      const size = cell * (n + 4);
      const x0 = Math.round(b.x + (b.w - size) / 2) + 2 * cell;
      const y0 = Math.round(b.y + (b.h - size) / 2) + 2 * cell;
      const { data, info } = await sharp(a.png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
      let wrong = 0;
      for (let r = 0; r < n; r++)
        for (let c = 0; c < n; c++) {
          const px = (y0 + r * cell + Math.floor(cell / 2)) * info.width + x0 + c * cell + Math.floor(cell / 2);
          const dark = data[px * 3] < 128;
          if (dark !== ref.isDark(r, c)) wrong++;
        }
      expect(wrong, sizeId).toBe(0);
    }
  });

  it('1200×630 with a QR code: a usual body is drawn at a readable size, a body too long to fit is named at that size', async () => {
    const render = (body: string) =>
      renderSlide({ card: sampleCard([{ ...sampleSlide('agenda', 'long'), link: LINK, body }]), index: 0, sizeId: 'fb-link', brand: agencyBrand(REGENCY_AGENCIES[0]), opdLogoId: null, pemdaLogoId: null, resolveImage: async () => null });
    const usual = await render('Bawa KTP dan KK asli. Gratis, tanpa pungutan apa pun.');
    expect(usual.issues.filter((i) => i.field === 'body')).toEqual([]);
    const body = usual.layout.elements.find((e) => e.kind === 'text' && e.field === 'body') as Extract<(typeof usual.layout.elements)[number], { kind: 'text' }>;
    expect(body.size).toBeGreaterThanOrEqual(readableMin(1200));
    // The QR code and the text column do not overlap.
    const qr = usual.layout.elements.find((e) => e.kind === 'qr')!;
    expect(body.box.y + body.usedHeight).toBeLessThanOrEqual(qr.box.y + 0.5);
    const long = await render(
      'Bawa KTP dan KK asli serta fotokopinya dua lembar. Pelayanan gratis, tanpa pungutan apa pun. Warga yang sakit dapat dilayani di rumah dengan menghubungi petugas desa sehari sebelumnya.',
    );
    expect(long.issues).toContainEqual(expect.objectContaining({ code: 'too_long', field: 'body', sizes: ['fb-link'] }));
  });
});
