import { describe, expect, it } from 'vitest';
import { emptyPostContent, type Post } from '@shared/domain/post';
import { fieldText, snapshotDiff, type FieldWords } from '@shared/review/diff';
import { snapshotOf } from '@shared/review/rules';

function post(over: Partial<Post> = {}): Post {
  const at = '2026-01-01T00:00:00.000Z';
  return { ...emptyPostContent(), id: 'p1', createdAt: at, updatedAt: at, rev: 1, status: 'approved', deletedAt: null, ...over };
}

const approved = post({ media: [{ mediaId: 'a1b2c3', role: 'featured', caption: '' }] });
// After approval the admin sets up the channels: a card, Instagram with two images, Facebook switched off.
const setUp = post({
  media: [
    { mediaId: 'a1b2c3', role: 'featured', caption: '' },
    { mediaId: 'card-9f8e', role: 'card', caption: 'Capaian posyandu' },
  ],
  channelVariants: [
    { channel: 'instagram', enabled: true, text: 'Posyandu Jepon', mediaIds: ['a1b2c3', 'card-9f8e'] },
    { channel: 'facebook', enabled: false, text: 'Posyandu Jepon', mediaIds: [] },
  ],
});

describe('what changed since approval, in plain words', () => {
  it('names photo roles and channels in Indonesian, with no internal codes or ids', () => {
    const text = snapshotDiff(snapshotOf(approved), snapshotOf(setUp))
      .flatMap((f) => f.parts.map((p) => p.text))
      .join('');
    expect(text).toContain('Foto utama: tanpa keterangan');
    expect(text).toContain('Kartu info: Capaian posyandu');
    expect(text).toContain('Instagram · 2 gambar: Posyandu Jepon');
    expect(text).toContain('Facebook (tidak dikirim): Posyandu Jepon');
    for (const code of ['featured', 'card:', '(off)', '[facebook', 'a1b2c3']) expect(text).not.toContain(code);
  });

  it('takes the UI language words when given', () => {
    const en: FieldWords = { role: (r) => (r === 'card' ? 'Info card' : 'Main photo'), channel: (c) => c.toUpperCase(), off: 'not sent', noCaption: 'no caption', images: (n) => `${n} images` };
    expect(fieldText(snapshotOf(setUp), 'channelVariants', en)).toBe('INSTAGRAM · 2 images: Posyandu Jepon\n\nFACEBOOK (not sent): Posyandu Jepon');
  });
});
