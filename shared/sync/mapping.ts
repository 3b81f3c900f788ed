/**
 * How the local store maps onto hub documents (issue 13), and how two
 * versions of one document are merged. Pure: used by the main process's
 * sync engine and unit-tested without PouchDB.
 *
 * One store record is one hub document, `_id` = `<collection>:<id>`; the
 * workspace is the single document `workspace`. The body is
 * `{ type, data, src, by }`: `data` is the record without its local `rev`
 * counter (each PC counts its own revs; CouchDB keeps the revision tree),
 * `src` the PC that wrote it, `by` the person.
 *
 * What syncs where:
 *
 * | collection          | hub database   | on conflict                                        |
 * |---------------------|----------------|----------------------------------------------------|
 * | posts               | opd-<slug>     | three-way paragraph merge; overlap → both kept     |
 * | reviews             | opd-<slug>     | field merge; decisions verified on arrival         |
 * | reviewComments      | opd-<slug>     | field merge (resolved wins)                        |
 * | reviewSuggestions   | opd-<slug>     | field merge (a decision wins over pending)         |
 * | audit               | opd-<slug>     | union of events (append-only per event id)         |
 * | publications        | opd-<slug>     | immutable: the first version stays                 |
 * | jobs                | opd-<slug>     | field merge, furthest state wins; owner PC sends   |
 * | cards               | opd-<slug>     | field merge                                        |
 * | media (photos)      | opd-<slug>     | last write wins, overwritten values in `history`   |
 * | workspace (shared)  | opd-<slug>     | field merge; team changes only from an admin       |
 * | complaints          | aduan-<slug>   | field merge (personal data: editors/admins only)   |
 *
 * A photo travels with its image as the attachment `original`: upright,
 * at most 2560 px, re-encoded without metadata (no GPS, no camera data);
 * the receiving PC keeps it as the photo's original and makes renditions
 * from it on demand. Beside it go the desk's `preview` (JPEG, 1280 px) and
 * `thumb` (WebP, 320 px), also without metadata, which the receiving PC
 * keeps as they are (a first sync decodes no photo); those that do not come
 * are made there in the background. Every online PC also keeps a
 * `presence:<pc>` document fresh (every 5 minutes), so a PC that is idle
 * is not taken for gone when someone considers taking over its jobs.
 *
 * Never synced: `connections` (channel credentials), `keys` (sealed private
 * keys; the public key travels inside every signed decision), the full-size
 * photo files and their EXIF, the local sign-in (PIN hashes stay
 * on the PC), UI preferences (`workspace.language`) and
 * `workspace.trustedKeys` (a key is trusted on a PC only after a person
 * there compared its fingerprint: a trust list that syncs would let anyone
 * who can write to the hub add a key that signs forged approvals).
 *
 * Deletion is the trash flag (`deletedAt`), a field like any other: a
 * record is never deleted on the hub, so an offline edit of a deleted post
 * is kept.
 */
import type { Workspace } from '@shared/domain/workspace';
import { PHOTO_HISTORY_MAX } from '@shared/media/photo';
import type { Actor } from '@shared/review/model';

export const SYNCED_COLLECTIONS = [
  'posts',
  'reviews',
  'reviewComments',
  'reviewSuggestions',
  'audit',
  'publications',
  'jobs',
  'cards',
  'media',
  'complaints',
] as const;
export type SyncedCollection = (typeof SYNCED_COLLECTIONS)[number];
export type SyncKind = SyncedCollection | 'workspace';


export const WORKSPACE_DOC_ID = 'workspace';

/** Which hub database a record goes to: complaints hold personal data and go to `aduan-<slug>` only. */
export function hubDatabaseOf(kind: SyncKind): 'opd' | 'aduan' {
  return kind === 'complaints' ? 'aduan' : 'opd';
}

export function isSyncedCollection(name: string): name is SyncedCollection {
  return (SYNCED_COLLECTIONS as readonly string[]).includes(name);
}

export function docIdOf(kind: SyncKind, id: string): string {
  return kind === 'workspace' ? WORKSPACE_DOC_ID : `${kind}:${id}`;
}

/** The collection and record id of a hub document id, or null for documents Redaksi does not own (design docs, claims). */
export function parseDocId(docId: string): { kind: SyncKind; id: string } | null {
  if (docId === WORKSPACE_DOC_ID) return { kind: 'workspace', id: WORKSPACE_DOC_ID };
  const i = docId.indexOf(':');
  if (i <= 0) return null;
  const kind = docId.slice(0, i);
  const id = docId.slice(i + 1);
  if (!isSyncedCollection(kind) || !/^[A-Za-z0-9_-]{1,64}$/.test(id)) return null;
  return { kind, id };
}

/** The body of a hub document (besides _id/_rev). */
export interface SyncBody {
  type: SyncKind;
  data: Record<string, unknown>;
  /** PC that wrote this version ('merge' for a merge every PC computes alike). */
  src: string;
  by: Actor;
}

/** The shared part of the workspace: no language (a UI preference), no PIN hashes (local sign-in), no trusted keys (see above). */
export function workspaceShared(ws: Workspace): Record<string, unknown> {
  return {
    opd: ws.opd,
    team: ws.team.map((m) => ({ id: m.id, name: m.name, role: m.role })),
    news: ws.news,
    targets: ws.targets,
    complaintDeadlines: ws.complaintDeadlines,
    brand: ws.brand,
    // The team's sign-in policy, its place in the regency's rollup, and how far the first-run guide got.
    security: ws.security,
    pantauan: ws.pantauan,
    ...(ws.setup ? { setup: ws.setup } : {}),
  };
}

/** A record's synced data: everything but the local rev counter. */
export function recordShared(record: Record<string, unknown>): Record<string, unknown> {
  const { rev: _rev, ...data } = record;
  return data;
}

/** The local workspace with the shared part of a hub version laid over it (PIN hashes, language and trusted keys stay). */
export function applyWorkspaceShared(local: Workspace, data: Record<string, unknown>): Workspace {
  const team = (data.team as { id: string; name: string; role: Workspace['team'][number]['role'] }[] | undefined) ?? local.team;
  return {
    ...local,
    ...(data as Partial<Workspace>),
    team: team.map((m) => ({ ...m, pinHash: local.team.find((l) => l.id === m.id)?.pinHash ?? null })),
    language: local.language,
    trustedKeys: local.trustedKeys,
  };
}

/** The team as the hub sees it, for comparing (who, with which role). */
export function teamSignature(team: readonly { id: string; name: string; role: string }[]): string {
  return JSON.stringify([...team].map((m) => [m.id, m.name, m.role]).sort((a, b) => a[0].localeCompare(b[0])));
}

// ------------------------------------------------------------------ merging

export function stableJson(v: unknown): string {
  return JSON.stringify(sortKeys(v));
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    return Object.fromEntries(
      Object.keys(v as object)
        .sort()
        .map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]),
    );
  }
  return v;
}

export const same = (a: unknown, b: unknown): boolean => stableJson(a) === stableJson(b);

type Data = Record<string, unknown>;

/**
 * Field-by-field three-way merge. Deterministic in (winner, loser), the
 * order CouchDB gives on every PC, so PCs that merge the same conflict
 * write the same revision. A field only one side changed from `base` takes
 * that change; a field both changed keeps the winner's. Without a base
 * (it was never on this PC) the winner's value stands where they differ.
 */
export function mergeFields(base: Data | null, winner: Data, loser: Data, depth = 1): Data {
  const out: Data = {};
  for (const k of new Set([...Object.keys(winner), ...Object.keys(loser)])) {
    const w = winner[k];
    const l = loser[k];
    const b = base?.[k];
    if (same(w, l) || !(k in loser)) out[k] = w;
    else if (!(k in winner)) out[k] = l;
    else if (base && same(w, b)) out[k] = l;
    else if (base && same(l, b)) out[k] = w;
    else if (depth > 0 && isPlainObject(w) && isPlainObject(l)) out[k] = mergeFields(isPlainObject(b) ? b : null, w, l, depth - 1);
    else out[k] = w;
  }
  if (typeof winner.updatedAt === 'string' && typeof loser.updatedAt === 'string') {
    out.updatedAt = winner.updatedAt > loser.updatedAt ? winner.updatedAt : loser.updatedAt;
  }
  return out;
}

function isPlainObject(v: unknown): v is Data {
  return Boolean(v) && typeof v === 'object' && !Array.isArray(v);
}

function unionBy<T>(a: readonly T[], b: readonly T[], key: (x: T) => string, order: (x: T, y: T) => number, prefer?: (x: T, y: T) => boolean): T[] {
  const m = new Map<string, T>();
  for (const x of [...a, ...b]) {
    const had = m.get(key(x));
    if (had === undefined || (prefer && prefer(x, had))) m.set(key(x), x);
  }
  return [...m.values()].sort(order);
}

/** Photo fields a person edits, merged last-write-wins (postIds is a union). */
const PHOTO_LWW_FIELDS = ['caption', 'credit', 'altText', 'tags', 'focal', 'crops'] as const;

const JOB_STATE_RANK: Record<string, number> = { published: 6, unconfirmed: 5, sending: 4, failed: 3, needs_action: 2, queued: 1, cancelled: 0 };
const DECIDED = new Set(['accepted', 'rejected']);

/** Team members merged by id: a member only one side changed takes the change; added members are kept. */
function mergeTeam(base: Data[] | null, winner: Data[], loser: Data[]): Data[] {
  const byId = (list: Data[] | null) => new Map((list ?? []).map((m) => [String(m.id), m]));
  const [b, w, l] = [byId(base), byId(winner), byId(loser)];
  const out: Data[] = [];
  for (const id of new Set([...w.keys(), ...l.keys()])) {
    const wm = w.get(id);
    const lm = l.get(id);
    const bm = b.get(id);
    if (wm && lm) out.push(mergeFields(bm ?? null, wm, lm, 0));
    // Present on one side only: removed by the other (it was in base) or added by this one.
    else if (wm && !(bm && same(bm, wm))) out.push(wm);
    else if (lm && !(bm && same(bm, lm))) out.push(lm);
  }
  return out;
}

/**
 * The merge of two versions of a record other than a post (posts are merged
 * by paragraph, and may need a person: see the sync engine).
 */
export function mergeRecord(kind: SyncKind, base: Data | null, winner: Data, loser: Data): Data {
  if (kind === 'publications') return winner;
  const out = mergeFields(base, winner, loser, kind === 'workspace' ? 1 : 0);
  switch (kind) {
    case 'audit':
      out.events = unionBy(
        (winner.events as Data[]) ?? [],
        (loser.events as Data[]) ?? [],
        // A publication enters the trail on every PC that sees it: one event per publication.
        (e) => (e.publicationId ? `pub:${String(e.publicationId)}` : String(e.id)),
        (x, y) => String(x.at).localeCompare(String(y.at)) || String(x.id).localeCompare(String(y.id)),
        // Coalesced edits grow one event (count, hash): the later one stands.
        (x, had) => Number(x.rev) > Number(had.rev),
      );
      break;
    case 'reviewComments':
      if (winner.resolved || loser.resolved) {
        const r = winner.resolved ? winner : loser;
        Object.assign(out, { resolved: true, resolvedBy: r.resolvedBy, resolvedAt: r.resolvedAt });
      }
      break;
    case 'reviewSuggestions':
      if (!DECIDED.has(String(out.status))) {
        const d = DECIDED.has(String(winner.status)) ? winner : DECIDED.has(String(loser.status)) ? loser : null;
        if (d) Object.assign(out, { status: d.status, decidedBy: d.decidedBy, decidedAt: d.decidedAt });
      }
      break;
    case 'reviews': {
      const latest = (k: string) => {
        const [a, b] = [winner[k] as Data | null, loser[k] as Data | null];
        if (!a || !b) return a ?? b;
        return String(b.at) > String(a.at) ? b : a;
      };
      out.decision = latest('decision');
      out.approval = latest('approval');
      out.sent = unionBy((winner.sent as Data[]) ?? [], (loser.sent as Data[]) ?? [], (s) => String(s.packageId), (x, y) => String(x.at).localeCompare(String(y.at)));
      out.imported = [...new Set([...((winner.imported as string[]) ?? []), ...((loser.imported as string[]) ?? [])])];
      break;
    }
    case 'jobs': {
      const ws = String(winner.state);
      const ls = String(loser.state);
      const furthest = (JOB_STATE_RANK[ls] ?? 0) > (JOB_STATE_RANK[ws] ?? 0) ? loser : winner;
      // The state and what the channel returned travel together.
      for (const k of ['state', 'remote', 'publishedAt', 'publicationId', 'intents', 'attempts', 'needsAction', 'lastError', 'nextAttemptAt']) {
        if (k in furthest) out[k] = furthest[k];
      }
      out.log = unionBy(
        (winner.log as Data[]) ?? [],
        (loser.log as Data[]) ?? [],
        (e) => `${String(e.at)}|${String(e.action)}|${String(e.outcome)}`,
        (x, y) => String(x.at).localeCompare(String(y.at)),
      ).slice(-500);
      break;
    }
    case 'media': {
      // What a person edits: the later edit wins (CouchDB's winner on a tie); the values it overwrote go to history.
      const newer = String(loser.updatedAt ?? '') > String(winner.updatedAt ?? '') ? loser : winner;
      const older = newer === winner ? loser : winner;
      const lost: Data = {};
      for (const k of PHOTO_LWW_FIELDS) {
        if (same(winner[k], loser[k]) || !(k in newer)) continue;
        if (base && (same(winner[k], base[k]) || same(loser[k], base[k]))) continue; // one side's change, taken above
        out[k] = newer[k];
        if (k in older) lost[k] = older[k];
      }
      // A photo used in a post on each PC is used in both.
      out.postIds = [...new Set([...((winner.postIds as string[]) ?? []), ...((loser.postIds as string[]) ?? [])])].slice(0, 200);
      const history = unionBy(
        (winner.history as Data[]) ?? [],
        (loser.history as Data[]) ?? [],
        (e) => stableJson(e),
        (x, y) => String(x.at).localeCompare(String(y.at)),
      );
      if (Object.keys(lost).length && !history.some((e) => same(e, { at: older.updatedAt, values: lost }))) {
        history.push({ at: String(older.updatedAt ?? ''), values: lost });
      }
      if (history.length) out.history = history.slice(-PHOTO_HISTORY_MAX);
      break;
    }
    case 'workspace':
      out.team = mergeTeam((base?.team as Data[]) ?? null, (winner.team as Data[]) ?? [], (loser.team as Data[]) ?? []);
      break;
    default:
      break;
  }
  return out;
}
