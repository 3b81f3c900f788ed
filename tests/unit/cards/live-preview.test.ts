import { readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { InputOf, MethodName, ResultOf } from '@shared/api/contract';
import { CARD_FONTS, FONT_FAMILIES, FONT_WEIGHTS, type CardFont } from '@shared/cards/fonts';
import { CARD_SIZE_IDS, CARD_TEMPLATES, type CardContent, type Slide } from '@shared/cards/card';
import { layoutSlide } from '@shared/cards/compose';
import { drawLayout, layerKey, type ImageLayers, type LogoLayer } from '@shared/cards/draw';
import { resolveLayout, textSummary } from '@shared/cards/layout';
import { loadFamily } from '@core/cards/fonts';
import { imageLayers, renderSlide } from '@core/cards/render';
import { renderInput } from '@core/cards/render-input';
import type { HandlerContext } from '@core/deps';
import { openApi, tempDir } from '../electron/helpers';
import { REGENCY_AGENCIES, sampleCard, sampleSlide } from './samples';
import { teamPath } from '../../team-folder';

/**
 * The page's live preview must show what the export writes. The page's own
 * loading code (renderer/features/cards/live-fonts.ts: the bundled font files
 * fetched as static files and parsed, emoji names from the kit, HarfBuzz for Arabic)
 * runs here against the real handlers; its layout and drawing are compared
 * with the export's for every template at every size with an agency's real
 * content: the longest official name, two logos, a big rupiah figure, emoji
 * and Arabic.
 */

let call: <M extends MethodName>(method: M, input: InputOf<M>) => Promise<ResultOf<M>>;
vi.mock('@ui/api/client', () => ({ api: { call: (m: MethodName, i: never) => call(m, i) } }));
// The page fetches its font files as its own static files (their URLs from the bundler, here relative to the
// project): the same files the main process reads.
const fetched: string[] = [];
vi.stubGlobal('fetch', async (url: string) => {
  fetched.push(url);
  return new Response(readFileSync(path.join(process.cwd(), url)));
});

const PHOTO = teamPath('fixtures/photos/camera/Canon_40D.jpg');
const AGENCY = REGENCY_AGENCIES[0];
const ARABIC = 'تقبل الله منا ومنكم';

/** Realistic content of one template, with the hard cases in its fields. */
function hardSlide(template: (typeof CARD_TEMPLATES)[number], photoId: string): Slide {
  const s = sampleSlide(template, 'long', `s-${template}`);
  const v: Partial<Slide> = {};
  if (s.title) v.title = `${s.title} 💉🎉`;
  if (s.body) v.body = `${ARABIC} — ${s.body}`;
  if (template === 'angka-kunci') v.number = 'Rp12.345.678.900';
  if (template === 'capaian') v.items = s.items.map((it, i) => (i === 0 ? { ...it, value: 'Rp12.345.678.900' } : it));
  if (template === 'kutipan') v.speakerName = 'Dr. Hj. Sri Wahyuningsih Kusumawardhani, S.Kep., M.Kes.';
  if (template === 'sampul' || template === 'foto-keterangan' || template === 'kutipan') v.photoId = photoId;
  return { ...s, ...v };
}

describe('the page lays out and draws cards exactly like the export', () => {
  let ctx: HandlerContext;
  let live: typeof import('@ui/features/cards/live-fonts');
  let content: CardContent;
  let kit: ResultOf<'cards.previewKit'>;

  beforeAll(async () => {
    const api = await openApi(tempDir());
    call = api.call;
    ctx = api.ctx;
    const pemda = await call('cards.importLogo', { name: 'logo-pemkab.png', dataBase64: (await sharp({ create: { width: 6000, height: 7200, channels: 4, background: '#0b6b3a' } }).png().toBuffer()).toString('base64') });
    const opd = await call('cards.importLogo', { name: 'logo-opd.png', dataBase64: (await sharp({ create: { width: 900, height: 400, channels: 4, background: '#c2185b' } }).png().toBuffer()).toString('base64') });
    const ws = await call('settings.get', {});
    await call('settings.update', {
      baseRev: ws.rev,
      opd: { fullName: AGENCY.name, website: `https://${AGENCY.web}`, logoMediaId: opd.photo.id },
      brand: { footer: `${AGENCY.web} · @${AGENCY.ig}`, handles: { instagram: AGENCY.ig, x: AGENCY.ig }, pemdaLogoMediaId: pemda.photo.id },
    });
    const photo = await call('media.import', { name: 'posyandu.jpg', dataBase64: readFileSync(PHOTO).toString('base64') });
    content = { ...sampleCard(CARD_TEMPLATES.map((t) => hardSlide(t, photo.photo.id))), sizes: [...CARD_SIZE_IDS] };
    kit = await call('cards.previewKit', {});
    live = await import('@ui/features/cards/live-fonts');
    expect(await live.loadPageArabic()).toBe(true);
  }, 120_000);

  async function compare(font: CardFont, slide: number, sizeId: (typeof CARD_SIZE_IDS)[number]) {
    const card = { ...content, font };
    const fs = await live.pageFaceSet(font, new Set(kit.emojiNames));
    const page = resolveLayout(layoutSlide(card, slide, sizeId, kit.brand, fs.measurer), fs.measurer);
    const file = await renderSlide(renderInput(ctx, card, slide, sizeId));
    // Same lines, sizes, positions and colours, to the last fraction of a pixel.
    expect(page).toEqual(file.layout);
    expect(file.issues.filter((i) => i.code === 'undrawable' || i.code === 'too_long')).toEqual([]);
    // Same drawing, with the image layers the page fetches by key.
    const { layers } = await call('cards.layers', { content: card, slide, sizeId });
    const pageImages: ImageLayers = {
      photo: (el) => (layers[layerKey(el, page.background)] as string | undefined) ?? null,
      logo: (el) => (layers[layerKey(el, page.background)] as LogoLayer | undefined) ?? null,
    };
    const main = await imageLayers(renderInput(ctx, card, slide, sizeId), file.layout);
    expect(drawLayout(page, fs, pageImages)).toEqual(drawLayout(file.layout, await loadFamily(font), main.images));
    return { page, file };
  }

  for (const sizeId of CARD_SIZE_IDS)
    it(`every template at ${sizeId} (Roboto)`, async () => {
      for (let i = 0; i < CARD_TEMPLATES.length; i++) {
        const { page } = await compare('roboto', i, sizeId);
        const all = JSON.stringify(textSummary(page));
        // The hard cases are really on the card: the figure whole, emoji and Arabic drawn.
        if (CARD_TEMPLATES[i] === 'angka-kunci') expect(all).toContain('Rp12.345.678.900');
      }
    }, 120_000);

  it('the other bundled families lay out alike too', async () => {
    for (const font of CARD_FONTS.filter((f) => f !== 'roboto'))
      for (const i of [0, 1, 6]) for (const sizeId of ['ig-portrait', 'fb-link'] as const) await compare(font, i, sizeId);
    // Each bundled file was fetched once, as a file (not through the API): four faces per family and two Arabic faces.
    const files = CARD_FONTS.flatMap((f) => FONT_WEIGHTS.map((w) => `/assets/fonts/${FONT_FAMILIES[f].files[w]}`));
    expect([...fetched].sort()).toEqual([...files, ...['400Regular/NotoSansArabic_400Regular.ttf', '700Bold/NotoSansArabic_700Bold.ttf'].map((f) => `/node_modules/@expo-google-fonts/noto-sans-arabic/${f}`)].sort());
  }, 120_000);

  it('the page draws emoji and Arabic, not boxes', async () => {
    const fs = await live.pageFaceSet('roboto', new Set(kit.emojiNames));
    const i = CARD_TEMPLATES.indexOf('agenda');
    const page = resolveLayout(layoutSlide(content, i, 'ig-portrait', kit.brand, fs.measurer), fs.measurer);
    const nodes = drawLayout(page, fs, { photo: () => null, logo: () => null });
    // The title's 💉🎉 as emoji pictures, the Arabic greeting as shaped outlines (font units, y flipped).
    expect(nodes.filter((n) => n.tag === 'emoji').map((n) => n.tag === 'emoji' && n.name)).toEqual(['1f489', '1f389']);
    expect(nodes.filter((n) => n.tag === 'path' && n.attrs.some(([k, v]) => k === 'transform' && / scale\([\d.]+ -[\d.]+\)$/.test(v))).length).toBeGreaterThan(10);
    for (const el of page.elements) if (el.kind === 'text') expect(el.missing, el.field).toBe('');
    // An emoji picture comes as an image layer.
    const { emoji } = await call('cards.emoji', { names: ['1f489', 'ffff'] });
    expect(emoji['1f489']).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(Object.keys(emoji)).toEqual(['1f489']);
  });
});
