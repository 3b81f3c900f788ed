import { describe, expect, it } from 'vitest';
import { emptyPostContent, type Post } from '@shared/domain/post';
import { DEFAULT_OPD, workspaceSchema } from '@shared/domain/workspace';
import { readinessChecklist } from '@shared/posts/checklist';
import { PLACEHOLDER_RE, TEMPLATES } from '@shared/posts/templates';
import { openApi, tempDir } from '../electron/helpers';
import { GOOD } from './helpers';
import { checkWords } from '@core/posts/spell';
import { DI_PLACE, FOREIGN, NONSTANDARD } from '@shared/posts/wordlists';

const ws = workspaceSchema.parse({ id: 'workspace', createdAt: '2024-01-01T00:00:00.000Z', updatedAt: '2024-01-01T00:00:00.000Z', rev: 1, opd: DEFAULT_OPD, team: [], language: 'id' });
function post(p: Partial<Post>): Post {
  return { ...emptyPostContent(), id: 'p1', createdAt: ws.createdAt, updatedAt: ws.updatedAt, rev: 1, status: 'draft', deletedAt: null, ...p };
}
const ready = post({ ...GOOD, dismissedFindings: [...GOOD.dismissedFindings], eventDate: '2024-05-16', category: 'Berita' });
const failing = (items: ReturnType<typeof readinessChecklist>) => items.filter((i) => !i.ok).map((i) => i.id);

describe('readinessChecklist ("Siap ditinjau?")', () => {
  it('passes every item for a finished post, with Indonesian labels', () => {
    const items = readinessChecklist(ready, ws);
    expect(failing(items)).toEqual([]);
    expect(items.map((i) => i.id)).toEqual(['placeholders', 'title', 'dateline', 'eventDate', 'lead', 'quotes', 'spelling', 'sensitivity', 'author', 'category']);
    expect(items.find((i) => i.id === 'lead')!.label).toBe('Teras berita menjawab apa, siapa, di mana, dan kapan');
  });
  it('fails exactly the items with open problems', () => {
    const items = readinessChecklist({ ...ready, title: 'JUDUL BERITA SEMUA KAPITAL.', dateline: '', bodyMd: '“Kami siap melayani warga setiap hari tanpa kecuali.”\n\nWarga dihimbau datang. Kabarnya jalan ditutup.', authorCredit: '' }, ws);
    expect(failing(items).sort()).toEqual(['author', 'dateline', 'quotes', 'sensitivity', 'spelling', 'title'].sort());
  });
  it('counts dismissed findings as handled', () => {
    const withWord = { ...ready, bodyMd: GOOD.bodyMd + '\n\nWarga dihimbau datang.' };
    expect(failing(readinessChecklist(withWord, ws))).toEqual(['spelling']);
    expect(failing(readinessChecklist({ ...withWord, dismissedFindings: ['eyd.nonstandard|bodyMd|dihimbau'] }, ws))).toEqual([]);
  });
  it('includes spelling when the speller result is passed, and photo credits when photos are attached', () => {
    const p = { ...ready, bodyMd: GOOD.bodyMd + '\n\nWarga datng.', media: [{ mediaId: 'm1', role: 'featured' as const, caption: '' }] };
    expect(failing(readinessChecklist(p, ws, { misspelled: new Map([['datng', ['datang']]]) }))).toEqual(['spelling', 'photoCredits']);
  });
});

describe('templates', () => {
  it('offers the five templates, each with guiding placeholders the coach reports', () => {
    expect(TEMPLATES.map((t) => t.name)).toEqual(['Berita kegiatan', 'Siaran pers', 'Pengumuman', 'Artikel edukasi', 'Capaian kinerja']);
    for (const t of TEMPLATES) {
      const p = post({ ...t.content, template: t.id, eventDate: '2024-05-16', authorCredit: 'x' });
      expect(t.content.bodyMd.match(PLACEHOLDER_RE)?.length, t.id).toBeGreaterThan(0);
      expect(readinessChecklist(p, ws).find((i) => i.id === 'placeholders')!.ok, t.id).toBe(false);
    }
  });
  it('posts.create with a template fills its content', async () => {
    const { call } = await openApi(tempDir());
    const p = await call('posts.create', { template: 'siaran_pers' });
    expect(p.template).toBe('siaran_pers');
    expect(p.category).toBe('Siaran Pers');
    expect(p.bodyMd).toContain('**Kontak media:**');
  });
});

describe('spelling over the API', () => {
  it('every one-click replacement is itself accepted by the speller (a fix never creates a new finding)', () => {
    const words = new Set<string>();
    for (const v of [...Object.values(NONSTANDARD), ...Object.values(FOREIGN), ...Object.values(DI_PLACE)]) for (const w of v.split(' ')) if (w) words.add(w);
    expect(checkWords([...words], [], 0)).toEqual([]);
  });

  it('finds misspelled words with suggestions, accepts the OPD city and the workspace dictionary', async () => {
    const { call, store } = await openApi(tempDir());
    const words = ['Masyarakat', 'langsung', 'penyebarlyuasan', 'Blora', 'Randublatung', 'Widayat', 'masing-masing', 'kegiatannya', 'dilaksanakan'];
    let r = await call('posts.spellcheck', { words });
    // A place of the gazetteer (Randublatung) is known; an unknown capitalised word is a name, not an error.
    expect(r.misspelled.map((m) => m.word)).toEqual(['penyebarlyuasan']);
    expect(r.names).toEqual(['Widayat']);
    expect(r.misspelled[0].suggestions).toContain('penyebarluasan');

    const added = await call('posts.dictionaryAdd', { word: 'Widayat' });
    expect(added.news.dictionary).toEqual(['Widayat']);
    expect(store.workspace.news.dictionary).toEqual(['Widayat']);
    // Adding twice (any case) keeps one entry.
    expect((await call('posts.dictionaryAdd', { word: 'widayat' })).news.dictionary).toEqual(['Widayat']);
    r = await call('posts.spellcheck', { words });
    expect(r.names).toEqual([]);

    await call('posts.dictionaryRemove', { word: 'Widayat' });
    expect((await call('posts.spellcheck', { words })).names).toEqual(['Widayat']);
    await expect(call('posts.dictionaryAdd', { word: 'dua kata' })).rejects.toMatchObject({ code: 'invalid_input' });
  });

  it('imports a word list (a Diskominfo list) into the dictionary at once, without duplicates', async () => {
    const { call } = await openApi(tempDir());
    await call('posts.dictionaryAdd', { word: 'Widayat' });
    const r = await call('posts.dictionaryAddMany', { words: ['widayat', 'Kradenan', 'ngaliwet', 'Kradenan'] });
    expect(r.news.dictionary).toEqual(['Kradenan', 'ngaliwet', 'Widayat']);
    expect((await call('posts.spellcheck', { words: ['ngaliwet', 'Widayat'] })).misspelled).toEqual([]);
    await expect(call('posts.dictionaryAddMany', { words: ['dua kata'] })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(call('posts.dictionaryAddMany', { words: [] })).rejects.toMatchObject({ code: 'invalid_input' });
  });

  it('checks case as written and spots typos in capitalised words', async () => {
    const { call } = await openApi(tempDir());
    const r = await call('posts.spellcheck', { words: ['Selasa', 'terdampak', 'sembako', 'karakter', 'akuntabilitas', 'digelar', 'dipidana', 'antarumat', 'balita', 'se-Kabupaten', 'cm', 'Jawa', 'jawa', 'Pemeritnah', 'Widayat'] });
    expect(r.misspelled.map((m) => m.word)).toEqual(['jawa', 'Pemeritnah']);
    expect(r.misspelled[1].suggestions).toEqual(['Pemerintah']);
    expect(r.names).toEqual(['Widayat']);
  });

  it('ranks suggestions: a joined preposition is split, a guess that changes the word is dropped', async () => {
    const { call } = await openApi(tempDir());
    const r = await call('posts.spellcheck', { words: ['diantaranyaa', 'dirujuuk', 'China'] });
    const by = new Map(r.misspelled.map((m) => [m.word, m.suggestions]));
    expect(by.get('dirujuuk')?.[0]).toBe('dirujuk');
    for (const s of r.misspelled.flatMap((m) => m.suggestions)) expect(s.toLowerCase()).not.toBe('cina');
  });
});

describe('news settings in the workspace', () => {
  it('keeps the dictionary and election settings in the workspace file (defaults for old files)', async () => {
    const dir = tempDir();
    let api = await openApi(dir);
    expect(api.store.workspace.news).toMatchObject({ titleMaxWords: 12, titleMaxChars: 80, dictionary: [] });
    const ws1 = await api.call('settings.update', { baseRev: api.store.workspace.rev, news: { election: { start: '2024-09-01', end: '2024-11-30', names: ['Partai Maju'] } } });
    expect(ws1.news.election.names).toEqual(['Partai Maju']);
    await api.call('posts.dictionaryAdd', { word: 'Cepu' });
    api = await openApi(dir);
    expect(api.store.workspace.news.dictionary).toEqual(['Cepu']);
    expect(api.store.workspace.news.election).toEqual({ start: '2024-09-01', end: '2024-11-30', names: ['Partai Maju'] });
  });
});
