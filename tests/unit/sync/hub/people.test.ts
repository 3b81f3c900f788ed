import { describe, expect, it } from 'vitest';
import { PeopleError, peopleFromCsv, personFromArg } from '@core/sync/hub/setup/people';

describe('people for the hub setup script', () => {
  it('reads a CSV saved by Excel: BOM, CRLF, Indonesian headers, optional password column', () => {
    const csv = '\uFEFFNama,Peran,Kata Sandi\r\nsari,Penulis,sandi-1\r\nbudi,editor,\r\n\r\n';
    expect(peopleFromCsv(csv)).toEqual([
      { name: 'sari', role: 'penulis', password: 'sandi-1' },
      { name: 'budi', role: 'editor', password: null },
    ]);
    expect(peopleFromCsv('name,role\nani,admin\n')).toEqual([{ name: 'ani', role: 'admin', password: null }]);
  });

  it('says which line is wrong', () => {
    expect(() => peopleFromCsv('nama,peran\r\nsari,redaktur\r\n', 'tim.csv')).toThrow(/tim\.csv baris 2: peran "redaktur"/);
    expect(() => peopleFromCsv('nama,peran\nsa:ri,penulis\n', 'tim.csv')).toThrow(/baris 2: nama pengguna "sa:ri"/);
    expect(() => peopleFromCsv('nama,peran\nsari,penulis\nsari,editor\n', 'tim.csv')).toThrow(/dua kali/);
    expect(() => peopleFromCsv('sari,penulis\n', 'tim.csv')).toThrow(PeopleError);
  });

  it('takes --user name:role without a password', () => {
    expect(personFromArg('budi.santoso:editor')).toEqual({ name: 'budi.santoso', role: 'editor', password: null });
    expect(() => personFromArg('budi')).toThrow(/nama:peran/);
  });
});
