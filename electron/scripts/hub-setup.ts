/**
 * npm run hub:setup -- --url https://hub.example.go.id --admin admin --opd dinkominfo --csv tim.csv
 *
 * Prepares the sync hub (Apache CouchDB) for one OPD: its databases
 * (opd-<slug>, aduan-<slug>), access by role, write rules, and a CouchDB user
 * per person. Safe to run again: what is already right is left as it is.
 * The admin password comes from HUB_ADMIN_PASSWORD or a hidden prompt, never
 * from the command line; no password is ever printed.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { stdin, stdout } from 'node:process';
import { parseArgs } from 'node:util';
import nano from 'nano';
import { hubSlug, isHubSlug, regionRole } from '@shared/sync/topology';
import { normalizeHubUrl } from '@shared/sync/hub';
import { HubFailure, openSession, probeServer } from '@core/sync/hub/probe';
import { HUB_FAILURE_TEXT } from '@core/sync/hub/setup/messages';
import { HUB_DATABASE_KINDS } from '@core/sync/hub/setup/kinds';
import { PeopleError, peopleFromCsv, personFromArg, type HubPerson } from '@core/sync/hub/setup/people';
import { provision } from '@core/sync/hub/setup/provision';
import { upsertReplications } from '@core/sync/hub/setup/replications';
import { provinceHubSetup } from '@core/pantauan/hub-setup';

const HELP = `Menyiapkan hub sinkron Redaksi (CouchDB) untuk satu OPD.

  npm run hub:setup -- --url <alamat hub> --admin <admin CouchDB> --opd <slug> [orang…]

  --url URL            alamat hub, mis. https://hub.blorakab.go.id atau http://127.0.0.1:5984
  --admin NAMA         admin server CouchDB; kata sandinya dari HUB_ADMIN_PASSWORD atau ditanya
  --opd SLUG           slug OPD (huruf kecil, angka, '-'), mis. dinkominfo
  --opd-name "NAMA"    atau nama OPD, dijadikan slug (mis. "Dinas Kominfo" → dinas-kominfo)
  --region SLUG        kabupaten: rekap Pantauan rollup-<SLUG>. Tanpa --opd: siapkan rekapnya saja
                       (orang pemantau dengan --reader). Dengan --opd: orang OPD itu juga boleh
                       menulis ringkasan OPD-nya ke rekap kabupaten ini.
  --reader NAMA        (dengan --region atau --province, tanpa --opd) akun hub yang sudah ada, diberi
                       hak membaca rekap (Diskominfo / Pantauan); boleh diulang
  --province SLUG      provinsi: rekap rollup-<SLUG> yang diisi replikasi satu arah dari rekap tiap
                       kabupaten (--regency); replikasinya berjalan di hub dengan akun admin ini
  --regency SLUG       (dengan --province) kabupaten yang rekapnya disalin ke rekap provinsi; boleh diulang
  --user NAMA:PERAN    satu orang (peran: penulis, editor, admin); boleh diulang
  --csv BERKAS         daftar orang: kolom nama, peran, dan (boleh) kata_sandi
  --passwords-out BERKAS  ke mana kata sandi buatan ditulis (untuk orang tanpa kata sandi)
  --reset-passwords    ganti kata sandi pengguna lama dengan yang ada di CSV
`;

class UsageError extends Error {}

async function promptHidden(question: string): Promise<string> {
  if (!stdin.isTTY) throw new UsageError('Isi HUB_ADMIN_PASSWORD (kata sandi admin CouchDB): tidak ada terminal untuk menanyakannya.');
  stdout.write(question);
  stdin.setRawMode(true);
  stdin.resume();
  stdin.setEncoding('utf8');
  return new Promise((resolve, reject) => {
    let value = '';
    const onData = (ch: string) => {
      for (const c of ch) {
        if (c === '\r' || c === '\n') {
          stdin.setRawMode(false);
          stdin.pause();
          stdin.off('data', onData);
          stdout.write('\n');
          resolve(value);
          return;
        }
        if (c === '\u0003') {
          stdin.setRawMode(false);
          reject(new UsageError('Dibatalkan.'));
          return;
        }
        if (c === '\u007f') value = value.slice(0, -1);
        else value += c;
      }
    };
    stdin.on('data', onData);
  });
}

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      url: { type: 'string' },
      admin: { type: 'string' },
      opd: { type: 'string' },
      'opd-name': { type: 'string' },
      region: { type: 'string' },
      province: { type: 'string' },
      regency: { type: 'string', multiple: true },
      reader: { type: 'string', multiple: true },
      user: { type: 'string', multiple: true },
      csv: { type: 'string' },
      'passwords-out': { type: 'string' },
      'reset-passwords': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    stdout.write(HELP);
    return 0;
  }
  if (!values.url || !values.admin) throw new UsageError('Perlu --url dan --admin.\n\n' + HELP);
  const url = normalizeHubUrl(values.url);
  if (!url.ok) throw new UsageError(`Alamat hub "${values.url}" tidak sah: tulis http(s)://host[:port], tanpa nama pengguna di dalamnya.`);
  const opdSlug = values.opd ?? (values['opd-name'] ? hubSlug(values['opd-name']) : '');
  // A province (issue 14): its own rollup, filled by replication from each regency's.
  if (values.province) {
    if (opdSlug || values.region) throw new UsageError('--province tidak bersama --opd atau --region: siapkan kabupaten dan OPD dengan perintah masing-masing.');
    if (!values.regency?.length) throw new UsageError('--province perlu setidaknya satu --regency <slug kabupaten>.');
    for (const s of [values.province, ...values.regency]) {
      if (!isHubSlug(s)) throw new UsageError(`Slug wilayah "${s}" tidak sah: huruf kecil a–z, angka dan '-', diawali huruf.`);
    }
    if (values.regency.includes(values.province)) throw new UsageError('Provinsi tidak bisa menjadi kabupatennya sendiri.');
    values.region = values.province;
  }
  const scope = values.region && !opdSlug ? 'region' : 'opd';
  const slug = scope === 'region' ? values.region! : opdSlug;
  if (!slug) throw new UsageError('Perlu --opd <slug> atau --opd-name "<nama OPD>" (atau --region <slug>).');
  if (scope === 'region' && (values.user?.length || values.csv)) throw new UsageError('--region tanpa --opd tidak menerima orang: peran diberikan per OPD (pemantau dengan --reader).');
  if (scope === 'opd' && values.reader?.length) throw new UsageError('--reader hanya bersama --region tanpa --opd.');
  if (values.region && !isHubSlug(values.region)) throw new UsageError(`Slug kabupaten "${values.region}" tidak sah: huruf kecil a–z, angka dan '-', diawali huruf.`);
  if (!HUB_DATABASE_KINDS.some((k) => k.scope === scope)) throw new UsageError(`Belum ada jenis basis data tingkat ${scope === 'region' ? 'wilayah' : 'OPD'} di versi Redaksi ini.`);
  if (!isHubSlug(slug)) throw new UsageError(`Slug OPD "${slug}" tidak sah: huruf kecil a–z, angka dan '-', diawali huruf.`);

  const people: HubPerson[] = [];
  if (values.csv) people.push(...peopleFromCsv(readFileSync(values.csv, 'utf8'), values.csv));
  for (const u of values.user ?? []) people.push(personFromArg(u));
  const names = new Set<string>();
  for (const p of people) {
    if (names.has(p.name)) throw new UsageError(`Nama pengguna "${p.name}" disebut dua kali.`);
    names.add(p.name);
  }

  const password = process.env.HUB_ADMIN_PASSWORD || (await promptHidden(`Kata sandi admin ${values.admin}: `));
  // Same checks and messages as the app's "Tes koneksi" before anything is written.
  const server = await probeServer(url.url, 15_000);
  const session = await openSession(url.url, values.admin, password, 15_000);
  if (!session.user.roles.includes('_admin')) throw new UsageError(`${values.admin} bukan admin server CouchDB: pakai akun admin yang dibuat saat memasang hub.`);
  stdout.write(`Hub: ${server.vendor} ${server.version} di ${url.url}; ${scope === 'opd' ? 'OPD' : 'wilayah'}: ${slug}\n`);

  const couch = nanoWithCookie(url.url, session.cookie);
  const result = await provision(couch, {
    scope,
    slug,
    people,
    resetPasswords: values['reset-passwords'],
    // An OPD in a regency with a Pantauan rollup: its people also write their OPD's summaries there.
    ...(scope === 'opd' && values.region ? { extraRoles: [regionRole(values.region, 'opd')] } : {}),
  });
  if (scope === 'opd' && values.region) {
    const rollup = await provision(couch, { scope: 'region', slug: values.region, people: [] });
    result.steps.push(...rollup.steps.filter((s) => s.subject !== 'basis data _users'));
  }
  if (scope === 'region' && values.reader?.length) {
    const users = couch.use<{ _id: string; _rev?: string; name: string; roles: string[] }>('_users');
    for (const name of values.reader) {
      const user = await users.get(`org.couchdb.user:${name}`).catch(() => null);
      if (!user) throw new UsageError(`Akun hub "${name}" belum ada: buat dulu dengan --opd <slug OPD Diskominfo> --user ${name}:admin.`);
      const role = regionRole(slug, 'pantau');
      if (user.roles.includes(role)) result.steps.push({ action: 'unchanged', subject: `pengguna ${name}`, detail: `peran ${role}` });
      else {
        await users.insert({ ...user, roles: [...user.roles, role] });
        result.steps.push({ action: 'updated', subject: `pengguna ${name}`, detail: `peran ${role}` });
      }
    }
  }
  if (values.province) {
    // Each regency's rollup exists (empty until its OPDs write), then one replication per regency.
    for (const kab of values.regency ?? []) {
      const r = await provision(couch, { scope: 'region', slug: kab, people: [] });
      result.steps.push(...r.steps.filter((s) => s.subject !== 'basis data _users'));
    }
    const plan = provinceHubSetup(values.province, values.regency ?? [], [], url.url);
    result.steps.push(...(await upsertReplications(couch, plan.replications, { username: values.admin, password })));
  }
  for (const s of result.steps) {
    const mark = s.action === 'unchanged' ? '=' : s.action === 'created' ? '+' : '~';
    const verb = s.action === 'unchanged' ? 'sudah benar' : s.action === 'created' ? 'dibuat' : 'diperbarui';
    stdout.write(`${mark} ${s.subject}: ${verb}${s.detail ? ` (${s.detail})` : ''}\n`);
  }
  if (result.generated.length) {
    const out = values['passwords-out'];
    if (!out) {
      throw new UsageError(
        `Pengguna ${result.generated.map((g) => g.name).join(', ')} dibuat tanpa kata sandi dari Anda; kata sandinya tidak ditampilkan. ` +
          'Jalankan lagi dengan --reset-passwords dan kolom kata_sandi di CSV, atau pakai --passwords-out <berkas> saat membuat pengguna.',
      );
    }
    writeFileSync(out, 'nama,kata_sandi\r\n' + result.generated.map((g) => `${g.name},${g.password}`).join('\r\n') + '\r\n', { mode: 0o600 });
    stdout.write(`Kata sandi ${result.generated.length} pengguna baru ditulis ke ${out} (hanya pemilik berkas yang bisa membacanya). Serahkan secara pribadi, lalu hapus berkasnya.\n`);
  }
  const changed = result.steps.filter((s) => s.action !== 'unchanged').length;
  stdout.write(changed ? `Selesai: ${changed} perubahan.\n` : 'Selesai: tidak ada yang perlu diubah.\n');
  return 0;
}

/** nano with the admin's session cookie, so the admin password is sent once (to _session) and never kept in a URL. */
function nanoWithCookie(url: string, cookie: string): nano.ServerScope {
  return nano({ url, headers: { cookie: `AuthSession=${cookie}` } } as nano.Configuration);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof UsageError || err instanceof PeopleError) process.stderr.write(`${err.message}\n`);
    else if (err instanceof HubFailure) process.stderr.write(`${HUB_FAILURE_TEXT[err.reason]} (${err.detail})\n`);
    else if (err instanceof Error && 'code' in err && String((err as { code: unknown }).code).startsWith('ERR_PARSE_ARGS')) process.stderr.write(`${err.message}\n\n${HELP}`);
    else {
      const e = err as { statusCode?: number; reason?: string; message?: string };
      process.stderr.write(`Hub menolak: ${e.statusCode ?? ''} ${e.reason ?? e.message ?? String(err)}\n`);
    }
    process.exit(1);
  },
);
