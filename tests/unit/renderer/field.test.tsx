import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Field } from '@ui/lib/ui/Field';

const html = (el: Parameters<typeof renderToStaticMarkup>[0]) => renderToStaticMarkup(el);

describe('the shared Field', () => {
  it('names the control by its label only and links the hint as a description', () => {
    const out = html(createElement(Field, { label: 'Judul', hint: 'Paling banyak 120 huruf', id: 'title', children: createElement('input', { value: '', readOnly: true }) }));
    expect(out).toContain('<label class="field-label" for="title">Judul</label>');
    expect(out).toMatch(/<input[^>]*id="title"[^>]*aria-describedby="title-hint"/);
    expect(out).toContain('<span class="field-hint" id="title-hint">Paling banyak 120 huruf</span>');
    // The hint is outside the label, so it is not part of the accessible name.
    expect(out.indexOf('</label>')).toBeLessThan(out.indexOf('Paling banyak'));
    expect(out).not.toContain('aria-invalid');
  });

  it('an error marks the control invalid and is read with it, after any description it already had', () => {
    const out = html(
      createElement(Field, { label: 'Tautan', hint: 'https://…', error: 'Alamat tidak sah', children: createElement('input', { id: 'url', 'aria-describedby': 'url-note' }) }),
    );
    expect(out).toMatch(/id="url"/);
    expect(out).toMatch(/aria-describedby="url-note url-hint url-error"/);
    expect(out).toMatch(/aria-invalid="true"/);
    expect(out).toContain('<span class="field-error" id="url-error" role="alert">Alamat tidak sah</span>');
  });

  it('makes an id when neither the field nor the control has one', () => {
    const out = html(createElement(Field, { label: 'Nama', children: createElement('select') }));
    const id = /<select id="([^"]+)"/.exec(out)?.[1];
    expect(id).toBeTruthy();
    expect(out).toContain(`for="${id}"`);
    expect(out).not.toContain('aria-describedby');
  });
});
