import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { VirtualList, VirtualTable } from '@ui/lib/ui/VirtualList';

const items = Array.from({ length: 100 }, (_, i) => ({ id: `p${i}`, title: `Kegiatan nomor ${i}` }));
const count = (html: string, re: RegExp) => (html.match(re) ?? []).length;

describe('the shared virtual list', () => {
  it('draws only about one screen of a 100-row page, each row placed in the whole list', () => {
    const html = renderToStaticMarkup(
      createElement(VirtualList<(typeof items)[number]>, {
        items,
        getKey: (p) => p.id,
        estimateSize: 80,
        label: 'Tulisan',
        className: 'post-list',
        rowClassName: 'post-row',
        offset: 9_900,
        total: 10_000,
        renderRow: (p) => createElement('a', { href: `#/posts/${p.id}` }, p.title),
      }),
    );
    const rows = count(html, /<li /g);
    // 640 px / 80 px = 8 rows in view, plus the overscan below: far fewer than the page.
    expect(rows).toBeGreaterThanOrEqual(8);
    expect(rows).toBeLessThanOrEqual(20);
    expect(html).toContain('aria-label="Tulisan"');
    // The first row is the 9,901st of 10,000; the box holds the height of every row of the page.
    expect(html).toMatch(/<li[^>]*class="post-row"[^>]*aria-setsize="10000"[^>]*aria-posinset="9901"/);
    expect(html).toContain('height:8000px');
    expect(html).toContain('Kegiatan nomor 0<');
    expect(html).not.toContain('Kegiatan nomor 99<');
  });

  it('a table keeps its header and counts its rows from it, with spacer rows hidden from screen readers', () => {
    const html = renderToStaticMarkup(
      createElement(VirtualTable<(typeof items)[number]>, {
        items,
        getKey: (p) => p.id,
        estimateSize: 40,
        columns: 1,
        label: 'Jejak',
        offset: 50,
        total: 3_000,
        head: createElement('th', { scope: 'col' }, 'Waktu'),
        renderCells: (p) => createElement('td', null, p.title),
      }),
    );
    expect(html).toContain('aria-rowcount="3001"');
    expect(html).toContain('<tr aria-rowindex="1"><th scope="col">Waktu</th></tr>');
    expect(html).toMatch(/<tr data-index="0" aria-rowindex="52">/);
    const rows = count(html, /<tr data-index=/g);
    expect(rows).toBeLessThanOrEqual(30);
    // The rows not drawn keep their height in one hidden spacer after the drawn ones.
    expect(html).toMatch(new RegExp(`<tr class="vlist-spacer" aria-hidden="true" style="height:${(100 - rows) * 40}px"`));
  });

  it('a box of text-only rows takes the focus itself, named as its list, so the keyboard can scroll it; rows with links leave it to them', () => {
    const props = { items, getKey: (p: (typeof items)[number]) => p.id, estimateSize: 24, label: 'Hari wajib tanpa konten' };
    const text = renderToStaticMarkup(createElement(VirtualList<(typeof items)[number]>, { ...props, textOnly: true, renderRow: (p) => p.title }));
    expect(text).toMatch(/^<div class="vlist-scroll" tabindex="0" role="group" aria-label="Hari wajib tanpa konten">/);
    const links = renderToStaticMarkup(createElement(VirtualList<(typeof items)[number]>, { ...props, renderRow: (p) => createElement('a', { href: '#' }, p.title) }));
    expect(links).toMatch(/^<div class="vlist-scroll">/);
    expect(renderToStaticMarkup(createElement(VirtualList<(typeof items)[number]>, { ...props, items: [], renderRow: (p) => p.title }))).toBe('');
  });
});
