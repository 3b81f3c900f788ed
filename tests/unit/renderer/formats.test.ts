import { describe, expect, it } from 'vitest';
import { makeT } from '@ui/i18n/i18n';
import { formatBytes } from '@ui/features/media/media-ui';

describe('numbers in the app language', () => {
  it('writes a fraction in a message with the language decimal mark', () => {
    const params = { field: 'Judul', ratio: 2.3, need: 4.5 };
    expect(makeT('id')('cards.issue.contrast', params)).toContain('(2,3:1, minimal 4,5:1)');
    expect(makeT('en')('cards.issue.contrast', params)).toContain('(2.3:1, at least 4.5:1)');
  });

  it('leaves whole numbers as they are (years, counts)', () => {
    expect(makeT('id')('home.calendarMissing', { year: 2027 })).toContain('2027');
    expect(makeT('id')('home.calendarMissing', { year: 2027 })).not.toContain('2.027');
  });

  it('writes file sizes with a decimal comma in Indonesian', () => {
    expect(formatBytes(1.5 * 1024 * 1024, 'id')).toBe('1,5 MB');
    expect(formatBytes(1.5 * 1024 * 1024, 'en')).toBe('1.5 MB');
    expect(formatBytes(2048, 'id')).toBe('2 KB');
  });
});
