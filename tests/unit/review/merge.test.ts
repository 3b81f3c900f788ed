import { describe, expect, it } from 'vitest';
import { mergeParagraphs, mergeSnapshots } from '@shared/review/merge';
import { snapshotOf } from '@shared/review/rules';
import { emptyPostContent } from '@shared/domain/post';

const base = ['Paragraf satu.', 'Paragraf dua.', 'Paragraf tiga.', 'Paragraf empat.'].join('\n\n');

describe('three-way merge of paragraphs', () => {
  it('combines edits of different paragraphs, also neighbours, and additions at different places', () => {
    const mine = base.replace('satu.', 'satu, diubah penulis.');
    const theirs = base.replace('dua.', 'dua, diubah editor.').replace('empat.', 'empat.\n\nParagraf baru editor.');
    expect(mergeParagraphs(base, mine, theirs)).toBe(
      ['Paragraf satu, diubah penulis.', 'Paragraf dua, diubah editor.', 'Paragraf tiga.', 'Paragraf empat.', 'Paragraf baru editor.'].join('\n\n'),
    );
  });

  it('refuses to guess when both changed the same paragraph differently; the same change on both sides is no conflict', () => {
    expect(mergeParagraphs(base, base.replace('tiga.', 'tiga A.'), base.replace('tiga.', 'tiga B.'))).toBeNull();
    expect(mergeParagraphs(base, base.replace('tiga.', 'tiga A.'), base.replace('tiga.', 'tiga A.'))).toBe(base.replace('tiga.', 'tiga A.'));
  });

  it('accepts CRLF from Windows', () => {
    const crlf = base.replace(/\n/g, '\r\n');
    expect(mergeParagraphs(crlf, crlf.replace('satu.', 'satu!'), base.replace('empat.', 'empat!'))).toBe(base.replace('satu.', 'satu!').replace('empat.', 'empat!'));
  });

  it('per field: one-sided changes are taken, overlapping ones listed and mine kept', () => {
    const o = snapshotOf({ ...emptyPostContent(), title: 'Judul', lead: 'Teras.', bodyMd: base, tags: ['a'] });
    const mine = { ...o, title: 'Judul penulis', bodyMd: base.replace('satu.', 'satu (p).') };
    const theirs = { ...o, title: 'Judul editor', bodyMd: base.replace('tiga.', 'tiga (e).'), tags: ['a', 'b'] };
    const m = mergeSnapshots(o, mine, theirs);
    expect(m.conflicts).toEqual(['title']);
    expect(m.merged.title).toBe('Judul penulis');
    expect(m.merged.tags).toEqual(['a', 'b']);
    expect(m.merged.bodyMd).toBe(base.replace('satu.', 'satu (p).').replace('tiga.', 'tiga (e).'));
    expect(m.taken.sort()).toEqual(['bodyMd', 'tags']);
  });
});
