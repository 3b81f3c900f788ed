import { describe, expect, it } from 'vitest';
import { ApiError } from '@shared/api/errors';
import { cardContentSchema } from '@shared/cards/card';
import { cardErrorMessage, issueText } from '@ui/features/cards/card-ui';
import { makeT } from '@ui/i18n/i18n';
import { sampleCard, sampleSlide } from './samples';

const t = makeT('id');

describe('card messages in Indonesian', () => {
  it('refuses an 11th slide in words, not with a schema message', () => {
    const eleven = { ...sampleCard(Array.from({ length: 11 }, (_, i) => sampleSlide('poin-poin', 'short', `s${i}`))) };
    const parsed = cardContentSchema.safeParse(eleven);
    expect(parsed.success).toBe(false);
    // The dispatcher turns zod issues into this wire error (path joined with dots).
    const err = new ApiError('invalid_input', 'invalid input', { issues: [{ path: 'patch.slides', message: 'Too big: expected array to have <=10 items' }] });
    const msg = cardErrorMessage(t, err);
    expect(msg).toContain('paling banyak 10 halaman');
    expect(msg).not.toMatch(/Too big|expected/);
  });
  it('writes ratios with a decimal comma and sends brand-kit fields to the brand kit', () => {
    expect(issueText(t, { code: 'contrast', severity: 'warning', slide: 0, field: 'title', params: { field: 'title', ratio: 2.32, need: 4.5, color: '#777777', bg: '#ffffff' } }, 'sampul', 'id')).toContain('2,32:1');
    expect(issueText(t, { code: 'too_long', severity: 'error', slide: 0, field: 'opdName', params: { field: 'opdName' } }, 'sampul', 'id')).toContain('Singkatan nama OPD');
    expect(issueText(t, { code: 'too_long', severity: 'error', slide: 0, field: 'number', params: { field: 'number', short: 'Rp12,3 miliar' } }, 'angka-kunci', 'id')).toContain('Rp12,3 miliar');
  });
});
