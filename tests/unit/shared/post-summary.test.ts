import { describe, expect, it } from 'vitest';
import { summarizePost, type Post } from '@shared/domain/post';

const post = (bodyMd: string, lead = ''): Post =>
  ({ id: 'p1', title: 'Rapat', status: 'draft', category: '', authorCredit: '', eventDate: null, createdAt: '', updatedAt: '', deletedAt: null, rev: 1, lead, bodyMd }) as unknown as Post;

describe('the list excerpt reads as the article does', () => {
  it('drops Markdown syntax, images and link targets; keeps brackets, hyphens and dashes of the prose', () => {
    const md = '## Rapat\n\nBLORA – Pada hari Kamis (26/11/2026), **Bupati** meninjau [lokasi](https://blorakab.go.id) kerja-sama.\n\n![foto](./files/a.jpg)\n\n- satu';
    expect(summarizePost(post(md)).excerpt).toBe('Rapat BLORA – Pada hari Kamis (26/11/2026), Bupati meninjau lokasi kerja-sama. satu');
  });

  it('prefers the lead and stops at 160 characters', () => {
    const s = summarizePost(post('Isi.', 'BLORA – ' + 'kata '.repeat(60)));
    expect(s.excerpt.startsWith('BLORA – kata')).toBe(true);
    expect(s.excerpt.length).toBe(160);
  });
});
