import Papa from 'papaparse';
import { ROLES, type Role } from '@shared/domain/workspace';
import { isHubUserName } from '@shared/sync/hub';

/** One person to give a hub account: CouchDB user name, role in the OPD, and a password when IT staff chose one. */
export interface HubPerson {
  name: string;
  role: Role;
  password: string | null;
}

export class PeopleError extends Error {}

const NAME_COLS = ['name', 'nama', 'user', 'username', 'pengguna'];
const ROLE_COLS = ['role', 'peran'];
const PASSWORD_COLS = ['password', 'kata_sandi', 'katasandi', 'sandi'];

function person(name: string, role: string, password: string | null, where: string): HubPerson {
  const n = name.trim();
  const r = role.trim().toLowerCase();
  if (!isHubUserName(n)) throw new PeopleError(`${where}: nama pengguna "${n}" tidak sah (tanpa titik dua, tidak diawali "_").`);
  if (!(ROLES as readonly string[]).includes(r)) throw new PeopleError(`${where}: peran "${role.trim()}" tidak dikenal (pilih ${ROLES.join(', ')}).`);
  return { name: n, role: r as Role, password: password ? password : null };
}

/** `--user sari:penulis` (no password on the command line: it would stay in the shell history). */
export function personFromArg(arg: string): HubPerson {
  const i = arg.lastIndexOf(':');
  if (i <= 0) throw new PeopleError(`--user ${arg}: tulis nama:peran, misalnya sari:penulis.`);
  return person(arg.slice(0, i), arg.slice(i + 1), null, `--user ${arg}`);
}

/**
 * People from a CSV file (Excel's CRLF and UTF-8 BOM accepted): columns
 * name/nama, role/peran and optionally password/kata_sandi, with a header row.
 */
export function peopleFromCsv(text: string, file = 'CSV'): HubPerson[] {
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), {
    header: true,
    skipEmptyLines: 'greedy',
    transformHeader: (h) => h.trim().toLowerCase().replace(/\s+/g, '_'),
  });
  const fields = parsed.meta.fields ?? [];
  const col = (names: string[]) => fields.find((f) => names.includes(f));
  const nameCol = col(NAME_COLS);
  const roleCol = col(ROLE_COLS);
  const passCol = col(PASSWORD_COLS);
  if (!nameCol || !roleCol) throw new PeopleError(`${file}: baris pertama harus judul kolom, setidaknya "nama" dan "peran" (ada: ${fields.join(', ') || 'kosong'}).`);
  const people = parsed.data.map((row, i) => person(row[nameCol] ?? '', row[roleCol] ?? '', passCol ? (row[passCol] ?? '').trim() : null, `${file} baris ${i + 2}`));
  const seen = new Set<string>();
  for (const p of people) {
    if (seen.has(p.name)) throw new PeopleError(`${file}: nama pengguna "${p.name}" muncul dua kali.`);
    seen.add(p.name);
  }
  return people;
}
