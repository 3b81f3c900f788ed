import { describe, expect, it } from 'vitest';
import { applyFix } from '@shared/posts/coach';
import { sentences } from '@shared/posts/text';
import { coach, ids, only } from './helpers';

/**
 * Issue 17: rules real government articles break, each with the sentence
 * shapes met in published text (positive and negative), and safe fixes.
 */
const body = (bodyMd: string) => ({ bodyMd });
function fixed(text: string, rule: string): string {
  const f = only(coach(body(text)), rule)[0];
  expect(f, `${rule} on ${text}`).toBeDefined();
  expect(f.fix, `${rule} has a fix`).toBeDefined();
  return applyFix(text, f)!;
}
const none = (text: string, rule: string) => expect(ids(coach(body(text))), text).not.toContain(rule);

describe('safe number and rupiah fixes', () => {
  it('never turns a number after Rp, before a unit, in a date or an enumeration into words', () => {
    none('Anggaran itu mencapai Rp 10 miliar tahun ini.', 'eyd.number');
    none('Jalan rusak sepanjang 5 kilometer itu diperbaiki.', 'eyd.number');
    none('Layanan buka pada tanggal 8 dan 9 April 2024.', 'eyd.number');
    none('Kursi terbagi untuk fraksi PDIP 6 kursi dan fraksi Golkar 4 kursi.', 'eyd.number');
    none('Bantuan disalurkan ke 13 kelurahan dan 1 kampung.', 'eyd.number');
    none('Vaksinasi di SDN Laren 1 berjalan lancar.', 'eyd.number');
    expect(fixed('Ada 3 orang hadir.', 'eyd.number')).toBe('Ada tiga orang hadir.');
  });
  it('"Rp 10 miliar" gets one fix only: Rp10 miliar', () => {
    const fs = coach(body('Anggaran itu mencapai Rp 10 miliar tahun ini.')).filter((f) => f.fix);
    expect(fs.map((f) => f.ruleId)).toEqual(['eyd.rupiah']);
    expect(fixed('Anggaran itu mencapai Rp 10 miliar tahun ini.', 'eyd.rupiah')).toBe('Anggaran itu mencapai Rp10 miliar tahun ini.');
  });
  it('ordinals: "Hari Jadi ke 19," and "(MTQ) ke 4 tingkat"', () => {
    expect(fixed('Apel Hari Jadi ke 19, Kamis pagi.', 'eyd.ordinal')).toBe('Apel Hari Jadi ke-19, Kamis pagi.');
    expect(fixed('Musabaqah Tilawatil Quran (MTQ) ke 4 tingkat kecamatan.', 'eyd.ordinal')).toBe('Musabaqah Tilawatil Quran (MTQ) ke-4 tingkat kecamatan.');
    none('Bantuan dikirim ke 3 desa terdampak.', 'eyd.ordinal');
  });
});

describe('word forms', () => {
  it('se- joined, with a hyphen before a capital', () => {
    expect(fixed('Siswa se Kabupaten Rokan Hilir menyumbang.', 'eyd.se')).toBe('Siswa se-Kabupaten Rokan Hilir menyumbang.');
    expect(fixed('Lomba se kecamatan digelar.', 'eyd.se')).toBe('Lomba sekecamatan digelar.');
    none('Siswa se-Kabupaten Blora menyumbang.', 'eyd.se');
    none('Subandi S.E. hadir.', 'eyd.se');
  });
  it('bound forms antar-/pasca- joined', () => {
    expect(fixed('Kerukunan antar umat beragama terjaga.', 'eyd.affix')).toBe('Kerukunan antarumat beragama terjaga.');
    expect(fixed('Pemulihan pasca banjir berjalan.', 'eyd.affix')).toBe('Pemulihan pascabanjir berjalan.');
    none('Layanan antar jemput siswa gratis.', 'eyd.affix');
  });
  it('"-nya" written apart', () => {
    expect(fixed('Rumah nya rusak berat.', 'eyd.clitic')).toBe('Rumahnya rusak berat.');
    none('Nyanyian nyaring terdengar.', 'eyd.clitic');
  });
  it('reduplication: the fix adds the hyphen; a doubled function word is deleted', () => {
    expect(fixed('Beras, mi instan, serta lain lain.', 'eyd.reduplication')).toBe('Beras, mi instan, serta lain-lain.');
    expect(fixed('Rumah warga porak poranda diterjang angin.', 'eyd.reduplication')).toBe('Rumah warga porak-poranda diterjang angin.');
    expect(fixed('Warga yang yang hadir.', 'eyd.repeated')).toBe('Warga yang hadir.');
    none('Warga masing-masing membawa sapu.', 'eyd.reduplication');
  });
  it('"setiap" and "para" take a singular noun', () => {
    expect(fixed('Setiap desa-desa menerima bantuan.', 'eyd.redundantPlural')).toBe('Setiap desa menerima bantuan.');
    none('Desa-desa menerima bantuan.', 'eyd.redundantPlural');
  });
  it('paired conjunctions', () => {
    expect(fixed('Ajang silaturahmi antara pemerintah dengan warga.', 'eyd.pairedConj')).toBe('Ajang silaturahmi antara pemerintah dan warga.');
    expect(ids(coach(body('Meski ketersediaan masih ada, namun harga naik.')))).toContain('eyd.pairedConj');
    none('Meski ketersediaan masih ada, harga naik.', 'eyd.pairedConj');
    none('Bupati berdialog dengan warga.', 'eyd.pairedConj');
  });
});

describe('capitals', () => {
  it('official names of agencies and regions take capitals', () => {
    expect(fixed('Rapat digelar pemerintah Kabupaten Pati bersama warga.', 'eyd.capital')).toBe('Rapat digelar Pemerintah Kabupaten Pati bersama warga.');
    expect(fixed('Warga kabupaten Blora menyambut baik.', 'eyd.capital')).toBe('Warga Kabupaten Blora menyambut baik.');
    none('Pemerintah Kabupaten Pati menggelar rapat.', 'eyd.capital');
    none('Kabupaten itu luas. Kabupaten Blora juga.', 'eyd.capital');
  });
  it('a position used as a description is lower case', () => {
    expect(fixed('Rapat dihadiri para Kepala Desa se-Kecamatan Cepu.', 'eyd.capital')).toBe('Rapat dihadiri para kepala desa se-Kecamatan Cepu.');
    none('Rapat dihadiri Kepala Desa Sumber, Budi.', 'eyd.capital');
    none('Ia menjadi Bupati Blora sejak 2021.', 'eyd.capital');
  });
});

describe('punctuation', () => {
  it('space before a colon or comma, inside brackets, before an opening bracket', () => {
    expect(fixed('Agenda rapat : evaluasi program.', 'eyd.punctSpace')).toBe('Agenda rapat: evaluasi program.');
    expect(fixed('Siswa SD ,SMP menyumbang.', 'eyd.punctSpace')).toBe('Siswa SD,SMP menyumbang.');
    expect(fixed('Kepala Dinas Pendidikan ( Disdikbud) hadir.', 'eyd.parenSpace')).toBe('Kepala Dinas Pendidikan (Disdikbud) hadir.');
    expect(fixed('Enam kepala keluarga(KK) terdampak.', 'eyd.parenSpace')).toBe('Enam kepala keluarga (KK) terdampak.');
    none('Pukul 10.00 WIB: acara dimulai.', 'eyd.punctSpace');
  });
  it('quote punctuation: \'."ungkap\', \'“ Kami\', \'",kata\'', () => {
    expect(fixed('“Kami siap membantu,”ungkapnya.', 'eyd.quoteSpace')).toBe('“Kami siap membantu,” ungkapnya.');
    expect(fixed('“ Kami turut berduka,” katanya.', 'eyd.quoteSpace')).toBe('“Kami turut berduka,” katanya.');
    expect(fixed('"Bantuan sudah kita serahkan",kata Bupati.', 'eyd.quoteSpace')).toBe('"Bantuan sudah kita serahkan," kata Bupati.');
    none('“Kami siap membantu,” ungkapnya.', 'eyd.quoteSpace');
  });
  it('a paragraph of prose ends with a full stop', () => {
    expect(fixed('Warga diminta membawa balita ke pos pelayanan terdekat', 'eyd.finalStop')).toBe('Warga diminta membawa balita ke pos pelayanan terdekat.');
    none('Warga diminta membawa balita ke pos pelayanan terdekat.', 'eyd.finalStop');
    none('Bantuan yang disalurkan meliputi:\n• Mi instan sebanyak 46 dus', 'eyd.finalStop');
  });
});

describe('sensitivity and the lead', () => {
  it('"Cina" is one warning pointing to Tiongkok/Tionghoa', () => {
    const fs = coach(body('Produk Cina membanjiri pasar. Impor dari Cina naik. Pedagang Cina lokal mengeluh.'));
    const cina = only(fs, 'sens.tionghoa');
    expect(cina).toHaveLength(1);
    expect(cina[0]).toMatchObject({ severity: 'warning' });
    expect(cina[0].message).toMatch(/Tiongkok.*Tionghoa.*3 kali/);
    expect(ids(fs)).not.toContain('sens.sara');
  });
  it('lead: more date and place forms; "bebernya" attributes a quote', () => {
    const lead = 'Bupati Pati meninjau tanggul di kawasan Juwana bersama warga, Minggu, 30 November 2025, dan meminta camat menyiapkan posko pengungsian di belakang balai desa.';
    expect(ids(coach({ lead }))).not.toContain('lead.when');
    expect(ids(coach({ lead }))).not.toContain('lead.where');
    expect(ids(coach({ lead: 'Pemerintah Kabupaten Pati menggelar rapat koordinasi penanganan banjir bersama camat dan kepala desa, Senin (1/12/2025).' }))).not.toContain('lead.where');
    none('“Kami minta warga selalu waspada terhadap banjir susulan,” bebernya.', 'quote.unattributed');
  });
  it('sentences do not end after a rank: "Mayjend. TNI …"', () => {
    expect(sentences('Hadir Pangdam Mayjend. TNI Widi Prasetijono. Ia memberi sambutan.')).toHaveLength(2);
  });
});
