import { describe, expect, it } from 'vitest';
import { loadFamily } from '@core/cards/fonts';
import { renderSlide } from '@core/cards/render';
import { CARD_SIZE_IDS, type Slide } from '@shared/cards/card';
import { barRects, chartValues, itemsFromTable, ringSegment } from '@shared/cards/chart';
import { checkContent, checkLayout } from '@shared/cards/checks';
import { layoutSlide } from '@shared/cards/compose';
import { resolveLayout, type ResolvedText } from '@shared/cards/layout';
import { agencyBrand, REGENCY_AGENCIES, sampleCard, sampleSlide } from './samples';

const m = (await loadFamily('roboto')).measurer;
const brand = agencyBrand(REGENCY_AGENCIES[0]);
const ITEMS = [
  { value: '1.250', label: 'akseptor KB baru', icon: 'people' },
  { value: '980', label: 'peserta KB aktif pria', icon: 'people' },
  { value: '2.310', label: 'balita ditimbang', icon: 'health' },
  { value: '640', label: 'remaja ikut PIK-R', icon: 'school' },
] as const;
const slide = (chart: Slide['chart'], theme: Slide['theme'] = 'light'): Slide => ({ ...sampleSlide('capaian', 'long'), chart, theme, title: 'Capaian program KB 2025', source: 'DP3AP2KB Kab. Blora', items: ITEMS.map((x) => ({ ...x })) });

describe('charts for Capaian', () => {
  it('reads Indonesian figures as values', () => {
    expect(chartValues(ITEMS.map((x) => ({ ...x })))).toEqual([1250, 980, 2310, 640]);
    expect(chartValues([{ value: '96%', label: '', icon: 'chart' }, { value: 'banyak', label: '', icon: 'chart' }])).toEqual([96, null]);
  });

  it('draws bars whose heights follow the values, sharing one baseline', () => {
    const rects = barRects([1250, 980, 2310, 640], { x: 0, y: 0, w: 1000, h: 500 }, 20);
    expect(rects[2].h).toBe(500);
    expect(rects[0].h / rects[2].h).toBeCloseTo(1250 / 2310, 3);
    for (const r of rects) expect(r.y + r.h).toBe(500);
  });

  it('closes a full donut and draws segments as ring paths', () => {
    expect(ringSegment(50, 50, 50, 30, 0, Math.PI / 2)).toMatch(/^M50 0A50 50 0 0 1 100 50L80 50A30 30 0 0 0 50 20Z$/);
    expect(ringSegment(50, 50, 50, 30, 0, Math.PI * 2).match(/M/g)).toHaveLength(2);
  });

  it('lays out bar and donut charts at every size with every value and label, nothing cut, in the brand colours', () => {
    for (const chart of ['bar', 'donut'] as const)
      for (const theme of ['light', 'brand'] as const)
        for (const size of CARD_SIZE_IDS) {
          const l = resolveLayout(layoutSlide(sampleCard([slide(chart, theme)]), 0, size, brand, m), m);
          const texts = l.elements.filter((e): e is ResolvedText => e.kind === 'text');
          for (let i = 0; i < ITEMS.length; i++) {
            expect(texts.find((x) => x.field === `items.${i}.value`)?.lines.map((ln) => ln.text).join(' '), `${chart} ${size}`).toBe(ITEMS[i].value);
            expect(texts.some((x) => x.field === `items.${i}.label`)).toBe(true);
          }
          expect(texts.some((x) => x.field === 'source')).toBe(true);
          const issues = checkLayout(l, 0, size).filter((i) => i.code === 'too_long' || i.code === 'contrast');
          expect(issues, `${chart} ${theme} ${size}`).toEqual([]);
          const shapes = l.elements.filter((e) => (chart === 'bar' ? e.kind === 'rect' && e.box.w > 20 && e.box.h > 2 && e.fill === (theme === 'brand' ? '#f2a900' : '#0b5cab') : e.kind === 'path'));
          expect(shapes.length, `${chart} ${theme} ${size}`).toBeGreaterThanOrEqual(ITEMS.length);
        }
  });

  it('falls back to the list and names the value that is not a number', async () => {
    const s = { ...slide('bar'), items: [...slide('bar').items.slice(0, 3), { value: 'banyak', label: 'kader', icon: 'people' as const }] };
    expect(checkContent(sampleCard([s]), REGENCY_AGENCIES[0].name)).toContainEqual(expect.objectContaining({ code: 'chart_values', field: 'items.3.value' }));
    const l = resolveLayout(layoutSlide(sampleCard([s]), 0, 'ig-portrait', brand, m), m);
    expect(l.elements.some((e) => e.kind === 'icon')).toBe(true);
  });

  it('renders the same bytes every time', async () => {
    const render = () => renderSlide({ card: sampleCard([slide('donut', 'brand')]), index: 0, sizeId: 'ig-portrait', brand, opdLogoId: null, pemdaLogoId: null, resolveImage: async () => null });
    expect((await render()).png.equals((await render()).png)).toBe(true);
  });
});

describe('figures pasted from a spreadsheet', () => {
  it('turns copied rows into Capaian items, the figure as value and the other cell as label', () => {
    const sheet = 'Indikator\tJumlah\r\nakseptor KB baru\t1.250\r\npeserta KB aktif pria\t980\r\nbalita ditimbang\t2.310\r\n';
    expect(itemsFromTable(sheet)).toEqual([
      { value: '1.250', label: 'akseptor KB baru', icon: 'chart' },
      { value: '980', label: 'peserta KB aktif pria', icon: 'chart' },
      { value: '2.310', label: 'balita ditimbang', icon: 'chart' },
    ]);
    expect(itemsFromTable('12,5%;desa ODF\n40;posyandu aktif')?.map((x) => x.value)).toEqual(['12,5%', '40']);
    expect(itemsFromTable('1.250')).toBeNull();
  });
});
