import { describe, expect, it } from 'vitest';
import { parseDateline, splitPastedArticle } from '@shared/posts/paste';

/** Issue 17: the splitter on the page shapes seen in real portals (texts written for the test). */
describe('paste splitter: house styles', () => {
  const body = 'Bupati Grobogan meninjau tanggul yang jebol di Desa Kradenan, Minggu (30/11/2025). Ia meminta warga tetap waspada.';

  it.each([
    ['BLORA – ', 'BLORA', ''],
    ['Purwodadi – ', 'PURWODADI', ''],
    ['Rembang, INFO PAS - ', 'REMBANG', 'INFO PAS'],
    ['MuriaNewsCom, Pati – ', 'PATI', 'MuriaNewsCom'],
    ['ROKAN HILIR, RIAUBERNAS.COM - ', 'ROKAN HILIR', 'RIAUBERNAS.COM'],
    ['Portalkita.com | Aceh Utara - ', 'ACEH UTARA', 'Portalkita.com'],
    ['Bojonegoro (Media Center) – ', 'BOJONEGORO', 'Media Center'],
    ['Harianku.com, KULONPROGO-- ', 'KULONPROGO', 'Harianku.com'],
    ['KABARNEWS, Tamiang Layang - ', 'TAMIANG LAYANG', 'KABARNEWS'],
    ['Sentani Kabarkita- ', 'SENTANI', 'Kabarkita'],
  ])('dateline %s', (prefix, place, outlet) => {
    const d = parseDateline(prefix + body);
    expect(d).toMatchObject({ place, outlet, rest: body });
  });

  it('a dated dateline gives the event date', () => {
    expect(parseDateline(`Praya, 25 Februari 2026 — ${body}`)).toMatchObject({ place: 'PRAYA', date: '2026-02-25' });
  });

  it('ordinary sentences with a dash are no dateline', () => {
    expect(parseDateline('Program vaksinasi untuk anak usia 6- 12 tahun dimulai hari ini.')).toBeNull();
    expect(parseDateline('Bupati Garut – yang hadir pagi itu – menyapa warga.')).toBeNull();
  });

  it('a photo caption before the dateline goes to the caption, not the lead', () => {
    const a = splitPastedArticle(`Bupati Tinjau Tanggul Kradenan\n\nBupati Grobogan saat meninjau tanggul yang jebol di Desa Kradenan pada Minggu pagi.\n\nPurwodadi – ${body}\n\nWarga diminta mengungsi ke balai desa sampai air surut.`);
    expect(a).toMatchObject({ title: 'Bupati Tinjau Tanggul Kradenan', dateline: 'PURWODADI', lead: body, caption: expect.stringMatching(/^Bupati Grobogan saat meninjau/) });
    expect(a.bodyMd).toBe('Warga diminta mengungsi ke balai desa sampai air surut.');
  });

  it('a blog date line under the title is the event date, never the title', () => {
    const a = splitPastedArticle(`Bupati Tinjau Tanggul Kradenan\npada tanggal\nSunday, 30 November 2025\nPURWODADI – Bupati Grobogan meninjau tanggul yang jebol di Desa Kradenan bersama camat dan kepala desa.\nWarga diminta mengungsi.`);
    expect(a.title).toBe('Bupati Tinjau Tanggul Kradenan');
    expect(a.eventDate).toBe('2025-11-30');
    expect(a.dateline).toBe('PURWODADI');
  });

  it('splits a glued credit and a pipe credit', () => {
    const a = splitPastedArticle(`Judul Berita Kegiatan\n\nBLORA – ${body}\n\nParagraf kedua berita ini cukup panjang untuk menjadi isi.\n\nPamungkas Biro BloraEditor: Admin`);
    expect(a).toMatchObject({ authorCredit: 'Pamungkas Biro Blora', editorCredit: 'Admin' });
    expect(a.bodyMd).not.toMatch(/Editor/);
    const b = splitPastedArticle(`Judul Berita Kegiatan\nPenulis: Ani Lestari | Editor: Budi Santoso\nBLORA – ${body}\nParagraf kedua.`);
    expect(b).toMatchObject({ authorCredit: 'Ani Lestari', editorCredit: 'Budi Santoso', title: 'Judul Berita Kegiatan' });
  });

  it('runs of three spaces separate paragraphs; CRLF gives the same split', () => {
    const text = `Judul Berita Kegiatan\n\nBLORA – ${body}   Warga diminta mengungsi ke balai desa sampai air surut.   Camat menyiapkan dapur umum bersama relawan. (rob)`;
    const a = splitPastedArticle(text);
    expect(a.paragraphs).toEqual(['Warga diminta mengungsi ke balai desa sampai air surut.', 'Camat menyiapkan dapur umum bersama relawan.']);
    expect(a.authorCredit).toBe('rob');
    expect(splitPastedArticle(text.replace(/\n/g, '\r\n'))).toEqual(a);
  });

  it('closing desk codes are credits: (*), (OL-15), (ANI/B-5)', () => {
    for (const [desk, credit] of [['(*)', '*'], ['(OL-15)', 'OL-15'], ['(ANI/B-5)', 'ANI/B-5']]) {
      const a = splitPastedArticle(`Judul Berita Kegiatan\n\nBLORA – ${body}\n\nWarga diminta mengungsi ke balai desa sampai air surut. ${desk}`);
      expect(a.authorCredit).toBe(credit);
      expect(a.paragraphs.at(-1)).toBe('Warga diminta mengungsi ke balai desa sampai air surut.');
    }
    // A date in brackets stays in the text.
    const d = splitPastedArticle(`Judul Berita Kegiatan\n\nBLORA – ${body}\n\nWarga kembali ke rumah pada Selasa (2/12).`);
    expect(d.paragraphs.at(-1)).toBe('Warga kembali ke rumah pada Selasa (2/12).');
  });
});
