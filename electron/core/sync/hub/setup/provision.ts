import { randomBytes } from 'node:crypto';
import type { ServerScope } from 'nano';
import { HUB_DATABASE_KINDS, VALIDATE_DESIGN_DOC, type HubDatabaseKind } from './kinds';
import type { HubPerson } from './people';

/**
 * Makes a hub ready for one OPD (or region): databases, _security, validation
 * design documents and one CouchDB user per person. Idempotent: everything is
 * read first and written only when it differs, so running it again with the
 * same input changes nothing. Passwords never appear in what it reports.
 */

export interface ProvisionStep {
  action: 'created' | 'updated' | 'unchanged';
  /** What it is about, e.g. "basis data opd-dinkominfo", "pengguna sari". */
  subject: string;
  detail?: string;
}

export interface ProvisionResult {
  steps: ProvisionStep[];
  /** Passwords made for people who had none, to hand over privately (never printed). */
  generated: { name: string; password: string }[];
}

interface CouchError {
  statusCode?: number;
}
const status = (err: unknown) => (err as CouchError)?.statusCode;

async function getOrNull<T>(op: () => Promise<T>): Promise<T | null> {
  try {
    return await op();
  } catch (err) {
    if (status(err) === 404) return null;
    throw err;
  }
}

function sameSecurity(a: unknown, b: unknown): boolean {
  const norm = (s: unknown) => {
    const o = (s ?? {}) as { members?: { names?: string[]; roles?: string[] }; admins?: { names?: string[]; roles?: string[] } };
    const g = (x?: { names?: string[]; roles?: string[] }) => ({ names: [...(x?.names ?? [])].sort(), roles: [...(x?.roles ?? [])].sort() });
    return JSON.stringify({ members: g(o.members), admins: g(o.admins) });
  };
  return norm(a) === norm(b);
}

/** A password for a person IT staff gave none: 18 random bytes, base64url (24 characters). */
export function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}

async function ensureDatabase(couch: ServerScope, name: string, steps: ProvisionStep[], label: string): Promise<void> {
  const info = await getOrNull(() => couch.db.get(name));
  if (info) {
    steps.push({ action: 'unchanged', subject: `basis data ${name}`, detail: label });
    return;
  }
  try {
    await couch.db.create(name);
    steps.push({ action: 'created', subject: `basis data ${name}`, detail: label });
  } catch (err) {
    // Created meanwhile by another run.
    if (status(err) !== 412) throw err;
    steps.push({ action: 'unchanged', subject: `basis data ${name}`, detail: label });
  }
}

async function ensureKind(couch: ServerScope, kind: HubDatabaseKind, slug: string, steps: ProvisionStep[]): Promise<void> {
  const db = kind.database(slug);
  await ensureDatabase(couch, db, steps, kind.label);

  const wanted = kind.security(slug);
  const current: unknown = await couch.request({ db, path: '_security' });
  if (sameSecurity(current, wanted)) {
    steps.push({ action: 'unchanged', subject: `akses ${db}` });
  } else {
    await couch.request({ db, path: '_security', method: 'PUT', body: wanted });
    steps.push({
      action: 'updated',
      subject: `akses ${db}`,
      detail: `anggota: ${wanted.members.roles.join(', ')}; admin: ${wanted.admins.roles.join(', ')}`,
    });
  }

  if (kind.validate) {
    const docs = couch.use<{ validate_doc_update?: string }>(db);
    const ddoc = await getOrNull(() => docs.get(VALIDATE_DESIGN_DOC));
    if (ddoc?.validate_doc_update === kind.validate) {
      steps.push({ action: 'unchanged', subject: `aturan tulis ${db}` });
    } else {
      await docs.insert({ ...(ddoc ?? {}), _id: VALIDATE_DESIGN_DOC, validate_doc_update: kind.validate } as never);
      steps.push({ action: ddoc ? 'updated' : 'created', subject: `aturan tulis ${db}`, detail: VALIDATE_DESIGN_DOC });
    }
  }
}

interface UserDoc {
  _id: string;
  _rev?: string;
  name: string;
  type: 'user';
  roles: string[];
  password?: string;
}

/**
 * Databases of every kind of the scope, then the people's users with their
 * role in this OPD (roles they hold in other OPDs are kept).
 */
export async function provision(
  couch: ServerScope,
  opts: {
    scope: 'opd' | 'region';
    slug: string;
    people: HubPerson[];
    rolePrefix?: string;
    resetPasswords?: boolean;
    kinds?: HubDatabaseKind[];
    /** Roles every person also holds (their regency's rollup writer role). */
    extraRoles?: string[];
  },
): Promise<ProvisionResult> {
  const steps: ProvisionStep[] = [];
  const generated: ProvisionResult['generated'] = [];
  // CouchDB 3 does not create _users by itself on a single node.
  await ensureDatabase(couch, '_users', steps, 'akun pengguna hub');
  for (const kind of (opts.kinds ?? HUB_DATABASE_KINDS).filter((k) => k.scope === opts.scope)) await ensureKind(couch, kind, opts.slug, steps);

  const users = couch.use<UserDoc>('_users');
  const prefix = opts.rolePrefix ?? `opd-${opts.slug}-`;
  for (const p of opts.people) {
    const id = `org.couchdb.user:${p.name}`;
    const role = `${prefix}${p.role}`;
    const extra = opts.extraRoles ?? [];
    const existing = await getOrNull(() => users.get(id));
    if (!existing) {
      const password = p.password ?? generatePassword();
      if (!p.password) generated.push({ name: p.name, password });
      await users.insert({ _id: id, name: p.name, type: 'user', roles: [role, ...extra], password });
      steps.push({ action: 'created', subject: `pengguna ${p.name}`, detail: `peran ${role}` });
      continue;
    }
    const roles = [...new Set([...existing.roles.filter((r) => !r.startsWith(prefix)), role, ...extra])];
    const rolesChanged = JSON.stringify([...roles].sort()) !== JSON.stringify([...existing.roles].sort());
    const resetPassword = Boolean(opts.resetPasswords && p.password);
    if (!rolesChanged && !resetPassword) {
      steps.push({ action: 'unchanged', subject: `pengguna ${p.name}`, detail: `peran ${role}` });
      continue;
    }
    await users.insert({ ...existing, roles, ...(resetPassword ? { password: p.password! } : {}) });
    const what = [rolesChanged ? `peran ${role}` : '', resetPassword ? 'kata sandi diganti' : ''].filter(Boolean).join('; ');
    steps.push({ action: 'updated', subject: `pengguna ${p.name}`, detail: what });
  }
  return { steps, generated };
}
