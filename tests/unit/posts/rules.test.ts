import { describe, expect, it } from 'vitest';
import { applyFix } from '@shared/posts/coach';
import { RULES } from '@shared/posts/rules/catalog';
import { NONSTANDARD } from '@shared/posts/wordlists';
import { coach, GOOD, ids, only } from './helpers';

const body = (bodyMd: string) => ({ bodyMd });
function fixed(text: string, rule: string): string {
  const f = only(coach(body(text)), rule)[0];
  expect(f, `${rule} on ${text}`).toBeDefined();
  return applyFix(text, f)!;
}

describe('the good sample has no findings', () => {
  it('is clean', () => expect(coach({})).toEqual([]));
});

describe('every finding is fully described', () => {
  it('has id, severity, title, explanation and source for each rule', () => {
    for (const r of Object.values(RULES)) {
      expect(r.title.length, r.id).toBeGreaterThan(5);
      expect(r.explanation.length, r.id).toBeGreaterThan(20);
      expect(r.source.length, r.id).toBeGreaterThan(10);
    }
  });
  it('gives the exact range of the offending text', () => {
    const text = 'Warga dihimbau datang.';
    const [f] = only(coach(body(text)), 'eyd.nonstandard');
    expect(text.slice(f.start, f.end)).toBe('dihimbau');
    expect(f).toMatchObject({ field: 'bodyMd', text: 'dihimbau', key: 'eyd.nonstandard|bodyMd|dihimbau' });
  });
  it('drops dismissed findings for this post only', () => {
    const text = 'Warga dihimbau datang.';
    expect(only(coach({ bodyMd: text, dismissedFindings: ['eyd.nonstandard|bodyMd|dihimbau'] }), 'eyd.nonstandard')).toEqual([]);
    expect(only(coach({ bodyMd: text }), 'eyd.nonstandard')).toHaveLength(1);
  });
});

describe('structure', () => {
  it('title present', () => {
    expect(ids(coach({ title: '  ' }))).toContain('title.missing');
    expect(ids(coach({}))).not.toContain('title.missing');
  });
  it('title short (≤ 12 words / 80 chars, configurable)', () => {
    const long = 'Jadi Admin Website dan Medsos OPD Blora Sangat Menarik Buat Belajar Banyak Hal';
    expect(ids(coach({ title: long }))).toContain('title.long');
    expect(ids(coach({ title: long }, { settings: { titleMaxWords: 14, titleMaxChars: 90 } }))).not.toContain('title.long');
  });
  it('title not in ALL CAPS, with a fix to title case', () => {
    const [f] = only(coach({ title: 'BUPATI RESMIKAN GEDUNG PMI' }), 'title.allcaps');
    expect(applyFix('BUPATI RESMIKAN GEDUNG PMI', f)).toBe('Bupati Resmikan Gedung Pmi');
    expect(ids(coach({ title: 'Bupati Resmikan Gedung PMI' }))).not.toContain('title.allcaps');
  });
  it('title without a final period', () => {
    const [f] = only(coach({ title: 'Bupati Resmikan Gedung.' }), 'title.period');
    expect(applyFix('Bupati Resmikan Gedung.', f)).toBe('Bupati Resmikan Gedung');
    expect(ids(coach({ title: 'Bupati Resmikan Gedung…' }))).not.toContain('title.period');
  });
  it('dateline present and in house format', () => {
    expect(ids(coach({ dateline: '' }))).toContain('dateline.missing');
    const [f] = only(coach({ dateline: 'Blora -' }), 'dateline.format');
    expect(applyFix('Blora -', f)).toBe('BLORA');
    expect(ids(coach({ dateline: 'BLORA' }))).not.toContain('dateline.format');
  });
  it('lead ≤ 3 sentences and 30–45 words', () => {
    const four = 'Satu dua tiga empat lima enam tujuh. Delapan sembilan sepuluh. Sebelas dua belas tiga belas. Empat belas lima belas.';
    expect(ids(coach({ lead: four }))).toContain('lead.sentences');
    expect(ids(coach({}))).not.toContain('lead.sentences');
    expect(ids(coach({ lead: 'Bupati Arief Rohman meresmikan gedung di Blora, Kamis (16/5/2024).' }))).toContain('lead.length');
    expect(ids(coach({}))).not.toContain('lead.length');
  });
  it('lead answers when (day-date), where and who', () => {
    const lead = 'Gedung baru sudah selesai dibangun dan siap dipakai untuk melayani donor darah sepanjang tahun bagi semua orang yang membutuhkan dengan cepat, aman, dan tanpa biaya apa pun juga mulai bulan ini.';
    expect(ids(coach({ lead }))).toEqual(expect.arrayContaining(['lead.when', 'lead.where', 'lead.who']));
    expect(ids(coach({}))).not.toEqual(expect.arrayContaining(['lead.when']));
    expect(ids(coach({}))).not.toContain('lead.where');
    expect(ids(coach({}))).not.toContain('lead.who');
  });
  it('inverted pyramid: lead opening with background', () => {
    expect(ids(coach({ lead: 'Dalam rangka Hari Donor Darah, ' + GOOD.lead }))).toContain('lead.background');
    expect(ids(coach({}))).not.toContain('lead.background');
  });
  it('paragraphs ≤ 4 sentences', () => {
    expect(ids(coach(body('Satu. Dua. Tiga. Empat. Lima.')))).toContain('paragraph.long');
    expect(ids(coach(body('Satu. Dua. Tiga. Empat.')))).not.toContain('paragraph.long');
    // Abbreviations do not end sentences.
    expect(ids(coach(body('Hadir Ir. Sutikno, S.Kom. dan Dr. Budi. Dua. Tiga. Empat.')))).not.toContain('paragraph.long');
  });
  it('sentences over 35 words', () => {
    const words = (n: number) => Array.from({ length: n }, () => 'kata').join(' ') + '.';
    expect(ids(coach(body(words(36))))).toContain('sentence.long');
    expect(ids(coach(body(words(35))))).not.toContain('sentence.long');
  });
  it('body length for the template (press release 300–500 words)', () => {
    const n = (k: number) => Array.from({ length: k }, () => 'kata').join(' ');
    expect(ids(coach({ template: 'siaran_pers', bodyMd: n(100) }))).toContain('body.length');
    expect(ids(coach({ template: 'siaran_pers', bodyMd: n(380) }))).not.toContain('body.length');
    expect(ids(coach({ template: null, bodyMd: n(100) }))).not.toContain('body.length');
  });
  it('template placeholders left in the text', () => {
    expect(ids(coach({ title: '[[Siapa melakukan apa]]' }))).toContain('template.placeholder');
    expect(ids(coach({}))).not.toContain('template.placeholder');
  });
});

describe('quotes', () => {
  it('balanced quotation marks', () => {
    expect(ids(coach(body('“Kami siap melayani warga setiap hari, ujar Arief.')))).toContain('quote.unbalanced');
    expect(ids(coach(body('"Kami siap melayani warga setiap hari," ujar Arief.')))).not.toContain('quote.unbalanced');
  });
  it('each quote attributed', () => {
    expect(ids(coach(body('“Kami siap melayani warga setiap hari tanpa kecuali.”')))).toContain('quote.unattributed');
    expect(ids(coach(body('“Kami siap melayani warga setiap hari tanpa kecuali,” tegas Arief.')))).not.toContain('quote.unattributed');
    expect(ids(coach(body('Arief mengatakan, “Kami siap melayani warga setiap hari tanpa kecuali.”')))).not.toContain('quote.unattributed');
    // A short quoted term is not speech.
    expect(ids(coach(body('Medsos jangan sampai “mati suri” lagi.')))).not.toContain('quote.unattributed');
  });
  it("speaker's full name on first mention", () => {
    expect(only(coach(body('“Kami siap melayani warga setiap hari,” ujar Budi.')), 'quote.firstMention')[0]?.text).toBe('Budi');
    expect(ids(coach(body('Kepala Dinas Kesehatan Budi Santoso hadir.\n\n“Kami siap melayani warga setiap hari,” ujar Budi.')))).not.toContain('quote.firstMention');
    expect(ids(coach(body('“Kami siap melayani warga setiap hari,” ujar Bupati.')))).not.toContain('quote.firstMention');
  });
  it('a quote running over several paragraphs opens each one and closes in the last', () => {
    const multi = 'Kepala Dinas Kesehatan Budi Santoso menjelaskan program itu.\n\n“Kami siapkan tiga posko di Cepu.\n\n“Warga cukup membawa KTP,” ujar Budi.';
    expect(ids(coach(body(multi)))).not.toContain('quote.unbalanced');
    // An opened quote followed by an ordinary paragraph is still unbalanced.
    const open = 'Kepala Dinas Kesehatan Budi Santoso menjelaskan program itu.\n\n“Kami siapkan tiga posko di Cepu.\n\nWarga cukup membawa KTP.';
    expect(ids(coach(body(open)))).toContain('quote.unbalanced');
  });
  it("speaker's position on first mention", () => {
    const noRole = coach(body('Budi Santoso hadir di pendopo.\n\n“Kami siap melayani warga setiap hari,” ujar Budi.'));
    expect(only(noRole, 'quote.firstMention')[0]?.text).toBe('Budi');
    expect(only(noRole, 'quote.firstMention')[0]?.message).toMatch(/tanpa jabatan/);
    // Position after the name, as in "Nama, admin Dinas …", also counts.
    expect(ids(coach(body('Budi Santoso, admin media sosial Dinas Kesehatan, hadir.\n\n“Kami siap melayani warga,” ujar Budi.')))).not.toContain('quote.firstMention');
    // A position mentioned in another paragraph does not describe this speaker.
    expect(ids(coach(body('Kepala Dinas hadir.\n\nBudi Santoso datang pagi.\n\n“Kami siap melayani warga,” ujar Budi.')))).toContain('quote.firstMention');
  });
  it('"beliau" discouraged', () => {
    expect(ids(coach(body('Beliau meminta warga datang.')))).toContain('quote.beliau');
    expect(ids(coach(body('Ia meminta warga datang.')))).not.toContain('quote.beliau');
  });
});

describe('EYD V', () => {
  it('non-standard words → KBBI standard form, keeping case', () => {
    expect(fixed('Warga dihimbau datang.', 'eyd.nonstandard')).toBe('Warga diimbau datang.');
    expect(fixed('Ijin usaha gratis.', 'eyd.nonstandard')).toBe('Izin usaha gratis.');
    for (const [bad, good] of Object.entries({ himbau: 'imbau', praktek: 'praktik', resiko: 'risiko', silahkan: 'silakan', aktifitas: 'aktivitas', merubah: 'mengubah', antri: 'antre', sekedar: 'sekadar', apotik: 'apotek', analisa: 'analisis' })) {
      expect(NONSTANDARD[bad]).toBe(good);
      expect(fixed(`kata ${bad} itu`, 'eyd.nonstandard')).toBe(`kata ${good} itu`);
    }
    expect(ids(coach(body('Warga diimbau datang untuk mengurus izin.')))).not.toContain('eyd.nonstandard');
    // Only whole words: "praktekkan" is not "praktek".
    expect(ids(coach(body('Sekolah itu praktikum kimia.')))).not.toContain('eyd.nonstandard');
  });
  it('preposition di/ke written apart before a place', () => {
    expect(fixed('Dimana acara itu?', 'eyd.diPlace')).toBe('Di mana acara itu?');
    expect(fixed('Rapat diadakan dikantor camat.', 'eyd.diPlace')).toBe('Rapat diadakan di kantor camat.');
    expect(ids(coach(body('Rapat diadakan di kantor camat dan dilaksanakan tertib.')))).not.toContain('eyd.diPlace');
  });
  it('prefix di- joined to the verb', () => {
    expect(fixed('Acara di laksanakan pagi.', 'eyd.diVerb')).toBe('Acara dilaksanakan pagi.');
    expect(ids(coach(body('Acara dilaksanakan di lapangan dan di Kecamatan Cepu.')))).not.toContain('eyd.diVerb');
  });
  it('"pada" before time words', () => {
    expect(fixed('Di tahun 2024 jumlahnya naik.', 'eyd.pada')).toBe('Pada tahun 2024 jumlahnya naik.');
    expect(ids(coach(body('Pada tahun 2024 kegiatan di halaman kantor naik.')))).not.toContain('eyd.pada');
  });
  it('jabatan before a name is capitalised', () => {
    expect(fixed('Acara dibuka bupati Blora Arief Rohman.', 'eyd.jabatan')).toBe('Acara dibuka Bupati Blora Arief Rohman.');
    expect(fixed('Hadir kepala dinas Kesehatan.', 'eyd.jabatan')).toBe('Hadir Kepala Dinas Kesehatan.');
    expect(ids(coach(body('Acara dibuka oleh bupati. Kepala dinas hadir.')))).not.toContain('eyd.jabatan');
  });
  it('one-word numbers spelled out', () => {
    expect(fixed('Ada 3 orang hadir.', 'eyd.number')).toBe('Ada tiga orang hadir.');
    expect(ids(coach(body('Ada 25 orang, 5 persen, 3 km, Perbup nomor 3 tahun 2024, dan 12 September.')))).not.toContain('eyd.number');
  });
  it('Rp without period or space', () => {
    expect(fixed('Biayanya Rp. 5.000,00 saja.', 'eyd.rupiah')).toBe('Biayanya Rp5.000,00 saja.');
    expect(fixed('Biayanya Rp 5.000 saja.', 'eyd.rupiah')).toBe('Biayanya Rp5.000 saja.');
    expect(ids(coach(body('Biayanya Rp5.000,00 saja.')))).not.toContain('eyd.rupiah');
  });
  it('pukul 15.00', () => {
    expect(fixed('Dimulai jam 15.00 WIB.', 'eyd.pukul')).toBe('Dimulai pukul 15.00 WIB.');
    expect(fixed('Dimulai pukul 15:00 WIB.', 'eyd.pukul')).toBe('Dimulai pukul 15.00 WIB.');
    expect(ids(coach(body('Dimulai pukul 15.00 WIB selama 2 jam.')))).not.toContain('eyd.pukul');
  });
  it('ordinal ke-20', () => {
    expect(fixed('Peringatan HUT ke 77 meriah.', 'eyd.ordinal')).toBe('Peringatan HUT ke-77 meriah.');
    expect(fixed('Juara ke2 lomba.', 'eyd.ordinal')).toBe('Juara ke-2 lomba.');
    expect(ids(coach(body('HUT ke-77 meriah. Bantuan disalurkan ke 3 desa.')))).not.toContain('eyd.ordinal');
  });
  it('foreign words → Indonesian equivalent unless italicised', () => {
    expect(fixed('Acara ini sangat interesting bagi warga.', 'eyd.foreign')).toBe('Acara ini sangat menarik bagi warga.');
    expect(ids(coach(body('Acara ini sangat *interesting* bagi warga.')))).not.toContain('eyd.foreign');
    expect(ids(coach(body('Peserta Workshop Digital Content hadir.')))).not.toContain('eyd.foreign');
  });
  it('repeated words', () => {
    expect(fixed('Warga yang yang hadir.', 'eyd.repeated')).toBe('Warga yang hadir.');
    expect(ids(coach(body('Masing-masing warga hadir.')))).not.toContain('eyd.repeated');
  });
  it('double spaces', () => {
    expect(fixed('Warga  hadir.', 'eyd.doubleSpace')).toBe('Warga hadir.');
    expect(ids(coach(body('Warga hadir.')))).not.toContain('eyd.doubleSpace');
  });
  it('space after a comma', () => {
    expect(fixed('Devi Atika,S.Kom hadir.', 'eyd.commaSpace')).toBe('Devi Atika, S.Kom hadir.');
    expect(ids(coach(body('Angka 2,5 persen, naik.')))).not.toContain('eyd.commaSpace');
  });
  it('Markdown syntax and link targets are not prose', () => {
    expect(ids(coach(body('Lihat [laman resmi](https://blorakab.go.id/ijin-usaha) untuk jadwal.')))).not.toContain('eyd.nonstandard');
  });
});

describe('sensitivity', () => {
  it('claims without a source', () => {
    expect(ids(coach(body('Kabarnya jembatan itu akan ditutup.')))).toContain('sens.hearsay');
    expect(ids(coach(body('Menurut Kepala Dinas PUPR, jembatan itu akan ditutup.')))).not.toContain('sens.hearsay');
  });
  it('SARA-provocative terms', () => {
    expect(ids(coach(body('Warga pribumi diutamakan.')))).toContain('sens.sara');
    expect(ids(coach(body('Warga setempat diutamakan.')))).not.toContain('sens.sara');
  });
  it('candidate and party names only during the election period', () => {
    const settings = { election: { start: '2024-09-01', end: '2024-11-30', names: ['Partai Maju Jaya', 'Budi Santoso'] } };
    const text = 'Budi Santoso hadir bersama Partai Maju Jaya dan mengajak coblos nomor urut 2.';
    const during = only(coach(body(text), { settings, today: '2024-10-01' }), 'sens.election').map((f) => f.text);
    expect(during.sort()).toEqual(['Budi Santoso', 'Partai Maju Jaya', 'coblos', 'nomor urut'].sort());
    expect(only(coach(body(text), { settings, today: '2024-12-01' }), 'sens.election')).toEqual([]);
  });
});

describe('spelling findings', () => {
  it('marks words the speller rejected, with suggestions but no unsafe one-click fix', () => {
    const misspelled = new Map([['langung', ['langsung']]]);
    const [f] = only(coach(body('Masyarakat bisa langung melapor.'), { misspelled }), 'spell.unknown');
    expect(f).toMatchObject({ text: 'langung', suggestions: ['langsung'] });
    expect(f.fix).toBeUndefined();
  });
  it('does not double-report a word another rule explains', () => {
    const misspelled = new Map([['dihimbau', []]]);
    expect(ids(coach(body('Warga dihimbau datang.'), { misspelled }))).toEqual(['eyd.nonstandard']);
  });
});
