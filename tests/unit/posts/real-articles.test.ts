import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkWords } from '@core/posts/spell';
import { runCoach, spellWords } from '@shared/posts/coach';
import { splitPastedArticle, type PastedArticle } from '@shared/posts/paste';
import { DEFAULT_NEWS_SETTINGS } from '@shared/posts/settings';
import { teamPath } from '../../team-folder';

const CONTEXT = teamPath('context');
const read = (f: string) => readFileSync(path.join(CONTEXT, f), 'utf8');
const ADMIN = 'seed-admin-website-medsos-opd-blora.txt';
const MATI_SURI = 'seed-medsos-opd-jangan-mati-suri.txt';

/** The coach as the app runs it: real Hunspell speller, workspace dictionary + the OPD's dateline city. */
function review(a: Pick<PastedArticle, 'title' | 'dateline' | 'lead' | 'bodyMd' | 'authorCredit'>, dictionary: string[]) {
  const misspelled = new Map(checkWords(spellWords(a), [...dictionary, 'BLORA'], 0).map((m) => [m.word, m.suggestions]));
  const { findings } = runCoach({ ...a, template: null, dismissedFindings: [] }, { settings: DEFAULT_NEWS_SETTINGS, template: null, today: '2026-01-01' }, { misspelled });
  return findings.map((f) => [f.field, f.ruleId, f.text.length > 30 ? f.text.slice(0, 30) : f.text]);
}

describe('paste splitter on the real articles', () => {
  it('splits "Medsos OPD Jangan Mati Suri" (portal chrome, single-newline paragraphs, credits)', () => {
    const a = splitPastedArticle(read(MATI_SURI));
    expect(a.title).toBe('Medsos OPD Jangan Mati Suri');
    expect(a.dateline).toBe('BLORA');
    expect(a.eventDate).toBe('2022-08-25');
    expect(a.lead).toMatch(/^Media sosial milik organisasi perangkat daerah \(OPD\) harus aktif/);
    expect(a.lead).toMatch(/baik di medsos maupun website\.$/);
    expect(a.paragraphs).toHaveLength(8);
    expect(a.paragraphs[0]).toMatch(/^Hal itu disampaikan Bupati Blora Arief Rohman/);
    expect(a.paragraphs[7]).toMatch(/,” terang Bawa\.$/);
    expect(a.quotes.map((q) => q.attribution)).toEqual(['tegas bupati', 'imbuhnya', 'pungkasnya', 'terang Bawa']);
    expect(a.authorCredit).toBe('Tim Liputan Prokompim Blora');
    expect(a.editorCredit).toBe('Di, Diskominfo Jateng');
    expect(a.bodyMd).not.toMatch(/Penulis:|Editor:|No Comments|yandip/);
  });

  it('splits "Jadi Admin Website…" (no dateline, wrapped lines, related-news trailer, desk credit)', () => {
    const a = splitPastedArticle(read(ADMIN));
    expect(a.title).toBe('Jadi Admin Website dan Medsos OPD Blora Sangat Interesting Buat Belajar Banyak Hal');
    expect(a.dateline).toBe('');
    expect(a.eventDate).toBe('2022-04-06');
    expect(a.lead).toBe('Dari kabin informasi Organisasi Perangkat Daerah (OPD) di Kabupaten Blora telah berhasil menyampaikan informasi terbaru kepada publik.');
    expect(a.paragraphs).toHaveLength(18);
    // A line ending in a comma continues on the next line: one paragraph.
    expect(a.paragraphs).toContain(
      'Sementara itu, Arsanto Hestu Trihatmojo, mengaku sangat antusias menjadi admin medsos di Dinas Kesehatan (Dinkes) Kabupaten Blora, meskipun berlatar pendidikan S-1 Akutansi.',
    );
    expect(a.paragraphs[a.paragraphs.length - 1]).toBe('Sebagai motivasinya, OPD harus siap dengan kritikan. Jangan hanya karena kritikan di media sosial, keaktifan di media sosial menjadi kendur.');
    expect(a.authorCredit).toBe('Tim Dinkominfo. Blora');
    expect(a.quotes).toHaveLength(5);
    expect(a.bodyMd).not.toMatch(/Berita Terbaru|UDD PMI|APTRI/);
  });

  it('accepts CRLF line ends and gives the same fields', () => {
    for (const f of [ADMIN, MATI_SURI]) {
      const lf = read(f).replace(/\r\n/g, '\n');
      expect(splitPastedArticle(lf.replace(/\n/g, '\r\n'))).toEqual(splitPastedArticle(lf));
    }
  });
});

describe('the coach on the real articles', () => {
  it('"Medsos OPD Jangan Mati Suri": few findings, each justified', () => {
    const a = splitPastedArticle(read(MATI_SURI));
    // Local agency names are added to the workspace dictionary once, as an OPD in Blora would.
    expect(review(a, ['Polres', 'Samsat', 'Satlantas'])).toEqual([
      // The lead states the point but has no day-date (it is in paragraph 2), no place, and 23 words.
      ['lead', 'lead.when', 'Media sosial milik organisasi '],
      ['lead', 'lead.length', 'Media sosial milik organisasi '],
      ['lead', 'lead.where', 'Media sosial milik organisasi '],
      // KBBI: "respon" is non-standard for "respons" (also with me- and -nya).
      ['lead', 'eyd.nonstandard', 'merespon'],
      ['bodyMd', 'eyd.nonstandard', 'respon'],
      ['bodyMd', 'eyd.nonstandard', 'responnya'],
      // "cc" (carbon copy) is not an Indonesian word: write "tembuskan".
      ['bodyMd', 'spell.unknown', 'cc'],
      ['bodyMd', 'spell.unknown', 'cc'],
      // The closing quote runs five sentences in one paragraph.
      ['bodyMd', 'paragraph.long', '“Tidak hanya OPD dan BUMD, ke '],
      // "sinergitas" is not in KBBI ("sinergi").
      ['bodyMd', 'spell.unknown', 'sinergitas'],
      // Badan Bahasa: "lokakarya" for "workshop" (lower case here, so not part of a name).
      ['bodyMd', 'eyd.foreign', 'workshop'],
      // "Di hari pertama": time takes "pada" (EYD V, Kata Depan).
      ['bodyMd', 'eyd.pada', 'Di'],
    ]);
  });

  it('"Jadi Admin Website…": few findings, each justified', () => {
    const a = splitPastedArticle(read(ADMIN));
    expect(review(a, ['Twitter', 'Dinkes', 'Hestu'])).toEqual([
      // 13 words / 82 characters.
      ['title', 'title.long', 'Jadi Admin Website dan Medsos '],
      // The original has no "BLORA –" dateline.
      ['dateline', 'dateline.missing', ''],
      // 17-word lead without day-date.
      ['lead', 'lead.when', 'Dari kabin informasi Organisas'],
      ['lead', 'lead.length', 'Dari kabin informasi Organisas'],
      // 36 words, across a line break in the original.
      ['bodyMd', 'sentence.long', 'Ironisnya kerap kurang mendapa'],
      ['bodyMd', 'eyd.nonstandard', 'respon'],
      // KBBI: "pengayaan", not "pengkayaan".
      ['bodyMd', 'eyd.nonstandard', 'pengkayaan'],
      // 51 words.
      ['bodyMd', 'sentence.long', 'Kebyar Kristiani Putri Surgawi'],
      // "di era sekarang" → "pada era sekarang".
      ['bodyMd', 'eyd.pada', 'di'],
      // KBBI: "keran".
      ['bodyMd', 'eyd.nonstandard', 'kran'],
      // English words inside the quote, not italicised.
      ['bodyMd', 'eyd.foreign', 'interesting'],
      ['bodyMd', 'eyd.foreign', 'knowledge'],
      ['bodyMd', 'eyd.foreign', 'stuck'],
      ['bodyMd', 'eyd.foreign', 'circle'],
      // Typos in the original: "langsung", "penyebarluasan".
      ['bodyMd', 'spell.unknown', 'langung'],
      ['bodyMd', 'eyd.nonstandard', 'trend'],
      ['bodyMd', 'spell.unknown', 'penyebarlyuasan'],
      // "Atika,S.Kom": no space after the comma.
      ['bodyMd', 'eyd.commaSpace', ','],
      // KBBI: "akuntansi".
      ['bodyMd', 'eyd.nonstandard', 'Akutansi'],
      // 36 words.
      ['bodyMd', 'sentence.long', 'Pria kelahiran 12 September 19'],
    ]);
  });

  it('the same article with injected errors gives exactly the expected extra findings', () => {
    const a = splitPastedArticle(read(MATI_SURI));
    const baseline = review(a, ['Polres', 'Samsat', 'Satlantas']);
    const broken = {
      ...a,
      // Missing dateline.
      dateline: '',
      bodyMd: a.bodyMd
        // Lower-case jabatan before a name.
        .replace('Hal itu disampaikan Bupati Blora Arief Rohman', 'Hal itu disampaikan bupati Blora Arief Rohman')
        // Misspellings.
        .replace('Masyarakat pun selalu ingin tahu', 'Masyarakat pun selalu ingin thau')
        .replace('Bupati berpesan, para admin', 'Bupati berpesan, para admni')
        // Unattributed quote: the attribution is removed.
        .replace('mati suri,” tegas bupati.', 'mati suri.”'),
    };
    const after = review(broken, ['Polres', 'Samsat', 'Satlantas']);
    const key = (f: (string | number)[]) => f.join('|');
    const added = after.filter((f) => !baseline.some((b) => key(b) === key(f)));
    const removed = baseline.filter((b) => !after.some((f) => key(b) === key(f)));
    expect(removed).toEqual([]);
    expect(added).toEqual([
      ['dateline', 'dateline.missing', ''],
      ['bodyMd', 'eyd.jabatan', 'bupati'],
      ['bodyMd', 'spell.unknown', 'thau'],
      ['bodyMd', 'quote.unattributed', '“Sehingga, ketika ada laporan '],
      ['bodyMd', 'spell.unknown', 'admni'],
    ]);
  });
});
