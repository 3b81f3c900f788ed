import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { ApiError } from '@shared/api/errors';
import { workspaceSchema, type Workspace } from '@shared/domain/workspace';
import type { Post } from '@shared/domain/post';
import type { Photo } from '@shared/media/photo';
import type { Job } from '@shared/publishing/job';
import { REVIEWED_FIELDS, type Actor, type ReviewedField } from '@shared/review/model';
import { mergeSnapshots } from '@shared/review/merge';
import { snapshotOf } from '@shared/review/rules';
import { ownerGone, SYNC_OFF, type JobSyncView, type JobWaitReason, type SyncConflict, type SyncStatus } from '@shared/sync/status';
import { aduanDatabase, opdDatabase } from '@shared/sync/topology';
import {
  applyWorkspaceShared,
  docIdOf,
  hubDatabaseOf,
  isSyncedCollection,
  mergeFields,
  mergeRecord,
  parseDocId,
  recordShared,
  same,
  SYNCED_COLLECTIONS,
  teamSignature,
  workspaceShared,
  type SyncBody,
  type SyncKind,
} from '@shared/sync/mapping';
import type { HandlerContext, SyncConflictDetail, SyncEngineApi, SyncRefusal } from '@core/deps';
import { mediaPaths, previewName, thumbName } from '@core/media/paths';
import { adoptSyncedOriginal, hasDeskImages, hasOriginal, makeDeskImages, syncDeskImagesOf, syncOriginalOf } from '@core/media/sync-original';
import { savePost } from '@core/posts/post-writes';
import { saveJob } from '@core/publishing/jobs';
import { contentHash, recordAudit } from '@core/review/audit';
import { verifyDecision } from '@core/review/package';
import { COLLECTIONS, type CollectionName } from '@core/store/collections';
import { asActor, type ChangeEvent } from '@core/store/events';
import type { HubLink } from './hub-link';
import { SyncJournal } from './journal';
import { StoreBatch } from './store-batch';
import { ancestry, getOrNull, PouchDB, statusOf } from './pouch';
import type { PouchAttachment, PouchChanges, PouchDatabase, PouchDoc, PouchReplication, ReplicateOptions } from './pouch-types';

/** Who writes what arrives from the hub: events fire with this actor, and the bridge never echoes its own writes. */
export const SYNC_ACTOR: Actor = Object.freeze({ id: null, name: 'Sinkron' });

type Db = 'opd' | 'aduan';

/** How often a PC that is online says so on the hub (its presence document), so an idle PC is not taken for gone. */
export const HEARTBEAT_MS = 5 * 60_000;

/** The presence document of a PC in the OPD database: `{ pc, at }`, refreshed every HEARTBEAT_MS while it is online. */
export function presenceDocId(pcId: string): string {
  return `presence:${pcId}`;
}

/** leveldb's open table files per replica (leveldown's default 1000): each open table is mapped into memory. */
const REPLICA_OPEN_FILES = 30;
type Rec = Record<string, unknown> & { id: string; rev: number };

export interface SyncEngineOptions {
  /** Where the replicas and the journal live; default <dataDir>/sync. */
  dir?: string;
  /** PouchDB adapter of the local replicas (default leveldb). */
  adapter?: string;
  /** Replication retry back-off (ms), for tests. */
  backOffMs?: number;
  /** Longest retry back-off (ms; default 60 s). Tests that share a loaded machine keep it short. */
  backOffMaxMs?: number;
  /** Live replication batch size. */
  batchSize?: number;
  /** First-sync batch size (documents fetched at once; photos carry their image). */
  firstSyncBatchSize?: number;
  /** Records reconciled at the same time (default 8). */
  concurrency?: number;
  /** Wait after a local write before the bridge works (ms), so a burst coalesces. */
  coalesceMs?: number;
  /** Presence refresh while online (ms), default HEARTBEAT_MS. */
  heartbeatMs?: number;
}

interface Leaf {
  rev: string;
  body: SyncBody;
}

/**
 * The sync engine (issue 13): a bridge between the store (lowdb, the
 * truth) and local PouchDB replicas, and CouchDB replication between the
 * replicas and the hub.
 *
 * One serial queue reconciles one record at a time (`reconcile`): a local
 * change is written to the replica (on top of the revision it started from,
 * so a concurrent hub edit becomes a CouchDB conflict rather than being
 * overwritten); conflicts are merged by the policy of the collection
 * (mapping.ts), or, for posts edited in the same paragraph on two PCs, kept
 * until a person resolves them; and the hub's winning version is written to
 * the store with the sync actor after it passes the arrival checks
 * (signatures, approvals, job ownership). The UI never waits on any of it:
 * the store's change listener only marks the record dirty.
 */
export class SyncEngine implements SyncEngineApi {
  private journal!: SyncJournal;
  private replicas = {} as Record<Db, PouchDatabase>;
  private feeds: PouchChanges[] = [];
  private replications: PouchReplication[] = [];
  private firstSyncRun: PouchReplication | null = null;
  private unsubscribe: (() => void)[] = [];
  private dirty = new Set<string>();
  /** Who made the newest local change of a document, and the record's rev after it (kept until a replica write carries that rev). */
  private actors = new Map<string, { actor: Actor; rev: number }>();
  private pump: Promise<void> | null = null;
  private stopped = true;
  private seenSeq: Partial<Record<Db, number | string>> = {};
  private conflictMap = new Map<string, SyncConflict>();
  private held = new Map<string, SyncRefusal>();
  private state: SyncStatus['state'] = 'off';
  private error: SyncStatus['error'] = null;
  private progress: SyncStatus['progress'] = null;
  private firstSyncCancelled = false;
  private idleWaiters: (() => void)[] = [];
  private kickTimer: NodeJS.Timeout | null = null;
  private failed = new Set<string>();
  private retryTimer: NodeJS.Timeout | null = null;
  /** Jobs this PC did not send when it last tried, and why (shown in the Antrean). */
  private waits = new Map<string, NonNullable<JobSyncView['waiting']>>();
  /** Photos waiting for their preview and thumbnail (queueDeskImages). */
  private deskQueue = new Map<string, Photo>();
  private deskRun: Promise<void> | null = null;
  private heartbeatTimer: NodeJS.Timeout | null = null;
  /** Reconciles under way: records they bring into the store are committed together (StoreBatch). */
  private reconciling = 0;
  private readonly storeBatch = new StoreBatch<CollectionName, Rec>((name, recs) => this.commitRecords(name, recs), () => this.reconciling);

  constructor(
    private readonly ctx: HandlerContext,
    private readonly opts: SyncEngineOptions = {},
  ) {}

  get pcId(): string {
    return this.journal.data.pcId;
  }

  private get link(): HubLink | undefined {
    return this.ctx.services.hubLink;
  }

  // ------------------------------------------------------------ lifecycle

  async start(): Promise<void> {
    const dir = this.opts.dir ?? path.join(this.ctx.dataDir, 'sync');
    this.journal = await SyncJournal.open(dir);
    // leveldb maps the table files it keeps open into memory; photos fill many tables, so few stay open (the RSS stays bounded).
    const open = (name: string) => new PouchDB(path.join(dir, name), this.opts.adapter ? { adapter: this.opts.adapter } : { maxOpenFiles: REPLICA_OPEN_FILES });
    this.replicas = { opd: open('opd'), aduan: open('aduan') };
    this.stopped = false;

    // Jobs made before sync existed belong to this PC.
    for (const j of this.ctx.store.collections.jobs.all()) {
      if (!j.ownerPc) await asActor(SYNC_ACTOR, () => saveJob(this.ctx, j.id, { ownerPc: this.pcId }));
    }

    this.unsubscribe.push(this.ctx.store.changes.subscribe((e) => this.onLocalChange(e)));
    // Catch up with writes the replica missed (a kill between a store write and the replica write).
    for (const name of SYNCED_COLLECTIONS) {
      for (const r of this.ctx.store.collections[name].all() as unknown as Rec[]) {
        const id = docIdOf(name, r.id);
        if (this.journal.data.docs[id]?.l !== r.rev) this.dirty.add(id);
      }
    }
    const ws = this.ctx.store.workspace;
    if (ws.rev > 0 && this.journal.data.docs.workspace?.l !== ws.rev) this.dirty.add('workspace');

    for (const db of ['opd', 'aduan'] as Db[]) {
      const feed = this.replicas[db].changes({ since: this.journal.data.seq[db] ?? 0, live: true, style: 'all_docs' });
      feed.on('change', (c) => {
        this.seenSeq[db] = c.seq;
        if (parseDocId(c.id)) this.mark(c.id);
        else if (c.id.startsWith('presence:')) void this.notePresence(db, c.id);
      });
      feed.on('error', (err) => this.ctx.log('sync: replica feed failed', err));
      this.feeds.push(feed);
    }
    // Conflicts, held documents and versions the journal lost track of: found again in the background.
    void this.rescanReplica().catch((err) => this.ctx.log('sync: replica scan failed', err));
    void this.findMissingDeskImages().catch((err) => this.ctx.log('sync: preview scan failed', err));
    this.unsubscribe.push(this.link?.onChange(() => this.restartReplication()) ?? (() => undefined));
    this.restartReplication();
    this.kick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.kickTimer) clearTimeout(this.kickTimer);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.kickTimer = null;
    this.retryTimer = null;
    for (const u of this.unsubscribe.splice(0)) u();
    this.stopReplication();
    for (const f of this.feeds.splice(0)) f.cancel();
    await this.pump;
    await this.deskRun;
    for (const w of this.idleWaiters.splice(0)) w();
    await this.journal.close();
    await Promise.all(Object.values(this.replicas).map((r) => r.close().catch(() => undefined)));
  }

  /** Resolves when nothing is waiting to be reconciled (tests and the bench; previews made in the background are not waited for). */
  idle(): Promise<void> {
    if (!this.pump && !this.kickTimer && this.dirty.size === 0) return Promise.resolve();
    return new Promise((r) => this.idleWaiters.push(r));
  }

  /** The local replica of a hub database (tests and the bench). */
  replica(db: Db): PouchDatabase {
    return this.replicas[db];
  }

  // ------------------------------------------------------------ the queue

  private onLocalChange(e: ChangeEvent): void {
    if (e.collection !== 'workspace' && !isSyncedCollection(e.collection)) return;
    if (e.kind === 'delete') return; // a purge stays local: deletion on the hub is the trash flag
    const id = docIdOf(e.collection === 'workspace' ? 'workspace' : e.collection, e.id);
    if (e.actor !== SYNC_ACTOR) this.actors.set(id, { actor: { id: e.actor.id, name: e.actor.name }, rev: e.rev });
    this.mark(id);
  }

  private mark(docId: string): void {
    this.dirty.add(docId);
    this.kick();
  }

  private kick(): void {
    if (this.pump || this.stopped || this.kickTimer) return;
    // A short pause lets a burst of writes (a save with its audit entry, autosaves) go first and coalesce.
    this.kickTimer = setTimeout(() => {
      this.kickTimer = null;
      this.startPump();
    }, this.opts.coalesceMs ?? 25);
  }

  private startPump(): void {
    if (this.pump || this.stopped) return;
    // Started on a later tick, so that the finally below never runs before this assignment.
    this.pump = Promise.resolve().then(async () => {
      try {
        while (this.dirty.size && !this.stopped) {
          const batch = [...this.dirty];
          this.dirty.clear();
          // Records are independent: a few at a time, so their durable writes overlap (first sync of a new PC).
          let next = 0;
          const worker = async () => {
            while (next < batch.length && !this.stopped) {
              const id = batch[next++];
              this.reconciling++;
              try {
                await this.reconcile(id);
              } catch (err) {
                this.ctx.log(`sync: ${id} could not be reconciled (tried again shortly)`, err);
                this.failed.add(id);
              } finally {
                this.reconciling--;
                this.storeBatch.check();
              }
            }
          };
          await Promise.all(Array.from({ length: Math.min(this.opts.concurrency ?? 8, batch.length) }, worker));
          // Held documents may pass now (an approval arrived, a key was trusted).
          if (!this.dirty.size && this.held.size && batch.some((id) => !this.held.has(id))) {
            for (const id of this.held.keys()) if (!batch.includes(id)) this.dirty.add(id);
          }
        }
        if (this.failed.size) {
          // Never drop a record: the feed position stays until it went through, and it is tried again.
          if (!this.retryTimer && !this.stopped) {
            this.retryTimer = setTimeout(() => {
              this.retryTimer = null;
              const again = [...this.failed];
              this.failed.clear();
              for (const id of again) this.mark(id);
            }, 1000);
          }
        } else {
          for (const db of ['opd', 'aduan'] as Db[]) if (this.seenSeq[db] !== undefined) this.journal.data.seq[db] = this.seenSeq[db]!;
        }
        this.journal.touch();
      } finally {
        this.pump = null;
        if (this.dirty.size && !this.stopped) this.startPump();
        else for (const w of this.idleWaiters.splice(0)) w();
      }
    });
  }

  // ------------------------------------------------------------ one record

  private localRecord(kind: SyncKind, id: string): Rec | null {
    if (kind === 'workspace') {
      const ws = this.ctx.store.workspace;
      return ws.rev > 0 ? (ws as unknown as Rec) : null;
    }
    return (this.ctx.store.collections[kind].get(id) as unknown as Rec | undefined) ?? null;
  }

  private sharedOf(kind: SyncKind, r: Rec): Record<string, unknown> {
    return kind === 'workspace' ? workspaceShared(r as unknown as Workspace) : recordShared(r);
  }

  private dbOf(kind: SyncKind): PouchDatabase {
    return this.replicas[hubDatabaseOf(kind)];
  }

  private async reconcile(docId: string): Promise<void> {
    const parsed = parseDocId(docId);
    if (!parsed) return;
    const { kind, id } = parsed;
    const db = this.dbOf(kind);
    const docs = this.journal.data.docs;
    if (kind !== 'workspace' && this.ctx.store.collections[kind].isWriting(id)) {
      // The store's copy is ahead of its file and of its change event (which carries who made it): that event
      // marks the record again once the write is durable; tried again shortly in case the write fails instead.
      this.failed.add(docId);
      return;
    }
    const R = this.localRecord(kind, id);
    let D = await getOrNull(db, docId, { conflicts: true });

    // 1. A local change goes to the replica.
    if (R && docs[docId]?.l !== R.rev) {
      const data = this.sharedOf(kind, R);
      const J = docs[docId];
      const resolving = this.journal.data.resolving[docId];
      // A version the replica already holds (a kill after a store write of a hub version, before the journal's):
      // the store matches it, so it is adopted, never written again as a sibling (which would be a spurious conflict).
      const held = D && !resolving ? await this.heldVersion(db, D, J?.c ?? null, data) : null;
      if (held) {
        docs[docId] = { l: R.rev, c: held };
      } else {
        const body: SyncBody = { type: kind, data, src: this.pcId, by: this.actors.get(docId)?.actor ?? SYNC_ACTOR };
        let rev: string;
        // On top of the current version when it is the one the store last matched, or this PC's own later write
        // (a kill after the replica write, before the journal's); otherwise as a branch: a conflict, nothing overwritten.
        const ours = D?.src === this.pcId && (!J?.c || (await this.descends(db, D, J.c)));
        if (!D || D._rev === J?.c || resolving || ours) {
          const files = kind === 'media' ? await this.photoAttachments(db, R as unknown as Photo, D, false) : undefined;
          rev = (await db.put({ _id: docId, ...(D ? { _rev: D._rev } : {}), ...body, ...(files ? { _attachments: files } : {}) })).rev;
          if (resolving) {
            await db.bulkDocs(resolving.map((r) => ({ _id: docId, _rev: r, _deleted: true })));
            delete this.journal.data.resolving[docId];
          }
        } else {
          const files = kind === 'media' ? await this.photoAttachments(db, R as unknown as Photo, D, true) : undefined;
          rev = await this.writeBranch(db, docId, J?.c ?? null, body, files);
        }
        docs[docId] = { l: R.rev, c: rev };
        if (!this.journal.data.pending.includes(docId)) this.journal.data.pending.push(docId);
      }
      // A change made while this one was written (a newer rev) keeps its author for its own write.
      if ((this.actors.get(docId)?.rev ?? Infinity) <= R.rev) this.actors.delete(docId);
      this.journal.touch();
      D = await getOrNull(db, docId, { conflicts: true });
    }
    if (!D) return;
    this.noteSeen(D);

    // 2. Conflicting versions: merged by the collection's policy, or kept for a person (posts).
    if (D._conflicts?.length) {
      const merged = await this.mergeLeaves(kind, db, D);
      if (!merged) {
        this.noteConflict(kind, id, D);
        // Both versions stay on the hub; a PC that had neither shows the winner meanwhile.
        if (R) return;
      } else D = merged;
    }
    if (!D._conflicts?.length) this.conflictMap.delete(docId);

    // 3. The hub's version comes into the store.
    const J = docs[docId];
    if (D._rev === J?.c) return;
    const body = D as unknown as SyncBody & PouchDoc;
    if (R && same(body.data, this.sharedOf(kind, R))) {
      docs[docId] = { l: R.rev, c: D._rev! };
      this.journal.touch();
      return;
    }
    const refusal = this.arrivalCheck(kind, id, body, R);
    if (refusal) {
      if (!this.held.has(docId)) this.ctx.log(`sync: ${docId} refused (${refusal.reason})`);
      this.held.set(docId, refusal);
      return;
    }
    this.held.delete(docId);
    // A photo's image is kept before its record points at it.
    if (kind === 'media') await this.receivePhoto(db, body);
    const rev = await this.applyLocal(kind, body, R);
    docs[docId] = { l: rev, c: D._rev! };
    this.journal.touch();
  }

  /**
   * The replica revision whose data equals `data`, among the current version,
   * its conflicting leaves, and the versions on its branch since `since` (the
   * revision the journal last matched; the whole branch when it has none).
   * The journal is written after the store, so after a kill it can only lag:
   * a store record equal to a later replica version is that version, not a
   * new edit. Older versions are not looked at: going back to old content is
   * an edit. Versions whose body this replica never held are skipped.
   */
  private async heldVersion(db: PouchDatabase, D: PouchDoc, since: string | null, data: Record<string, unknown>): Promise<string | null> {
    if (same((D as unknown as SyncBody).data, data)) return D._rev!;
    for (const rev of D._conflicts ?? []) {
      const leaf = await getOrNull(db, D._id, { rev });
      if (leaf && same((leaf as unknown as SyncBody).data, data)) return rev;
    }
    if (since === D._rev) return null;
    const full = await getOrNull(db, D._id, { rev: D._rev, revs: true });
    const chain = full ? ancestry(full) : [];
    const end = since ? chain.indexOf(since) : chain.length;
    if (end < 0) return null;
    for (const rev of chain.slice(1, end)) {
      const doc = await getOrNull(db, D._id, { rev }).catch(() => null);
      if (doc && same((doc as unknown as SyncBody).data, data)) return rev;
    }
    return null;
  }

  /**
   * The image a photo's document carries (`original`, see mapping.ts), with
   * the desk's `preview` and `thumb` beside it when this PC has them (the
   * receiving PCs then decode nothing). The current version's are kept as
   * stubs when it shows the same photo; a branch (written without PouchDB's
   * revision bookkeeping) carries the bytes. Made from this PC's original
   * otherwise. Undefined when this PC has no image to send (the record
   * still syncs; the image follows from the PC that has it).
   */
  private async photoAttachments(db: PouchDatabase, photo: Photo, D: PouchDoc | null, bytes: boolean): Promise<Record<string, PouchAttachment> | undefined> {
    const held = D?._attachments?.original && (D as unknown as SyncBody).data?.sha256 === photo.sha256 ? D._attachments : null;
    if (held && !bytes) return held;
    try {
      const { data, contentType } = await syncOriginalOf(this.ctx, photo);
      const desk = await syncDeskImagesOf(this.ctx, photo);
      return {
        original: { content_type: contentType, data },
        ...(desk.preview ? { preview: { content_type: 'image/jpeg', data: desk.preview } } : {}),
        ...(desk.thumb ? { thumb: { content_type: 'image/webp', data: desk.thumb } } : {}),
      };
    } catch (err) {
      if (held) {
        const out: Record<string, PouchAttachment> = {};
        for (const [name, a] of Object.entries(held)) out[name] = { content_type: a.content_type, data: await db.getAttachment(D!._id, name, { rev: D!._rev }) };
        return out;
      }
      this.ctx.log(`sync: photo ${photo.id} goes without its image (no original here)`, err);
      return undefined;
    }
  }

  /**
   * Keeps the image of a photo from another PC as its original here
   * (renditions follow on demand), with the preview and thumbnail that came
   * with it; those that did not come are made in the background.
   */
  private async receivePhoto(db: PouchDatabase, D: SyncBody & PouchDoc): Promise<void> {
    const photo = COLLECTIONS.media.validate({ ...D.data, rev: 0 });
    const files = D._attachments ?? {};
    if (!files.original) return;
    if (await hasOriginal(this.ctx, photo)) {
      if (!(await hasDeskImages(this.ctx, photo))) this.queueDeskImages(photo);
      return;
    }
    const get = (name: string) => (files[name] ? db.getAttachment(D._id, name, { rev: D._rev }).catch(() => null) : Promise.resolve(null));
    const [data, preview, thumb] = await Promise.all([get('original'), get('preview'), get('thumb')]);
    if (!data) return;
    try {
      if (!(await adoptSyncedOriginal(this.ctx, photo, data, { preview, thumb }))) this.queueDeskImages(photo);
    } catch (err) {
      // An image that is not one is not kept; the photo's texts still come in.
      this.ctx.log(`sync: the image of photo ${photo.id} is not an image`, err);
    }
  }

  /**
   * Previews and thumbnails a photo came without (an older PC sent it, or
   * the PC was stopped before making them): made one at a time, beside the
   * record queue, so a first sync neither waits for them nor holds many
   * decoded photos in memory at once.
   */
  private queueDeskImages(photo: Photo): void {
    this.deskQueue.set(photo.id, photo);
    if (this.deskRun || this.stopped) return;
    this.deskRun = (async () => {
      while (this.deskQueue.size && !this.stopped) {
        const [id, p] = this.deskQueue.entries().next().value as [string, Photo];
        this.deskQueue.delete(id);
        await makeDeskImages(this.ctx, p).catch((err) => this.ctx.log(`sync: no preview for photo ${id}`, err));
      }
    })().finally(() => {
      this.deskRun = null;
      if (this.deskQueue.size && !this.stopped) this.queueDeskImages(this.deskQueue.values().next().value as Photo);
    });
  }

  /** Photos kept from the hub whose preview or thumbnail is missing (a stop before they were made). */
  private async findMissingDeskImages(): Promise<void> {
    const dirs = mediaPaths(this.ctx.dataDir);
    const list = (d: string) => readdir(d).then((n) => new Set(n), () => new Set<string>());
    const [previews, thumbs] = await Promise.all([list(dirs.previews), list(dirs.thumbs)]);
    for (const p of this.ctx.store.collections.media.all()) {
      if (this.stopped) return;
      if (p.deletedAt || (previews.has(previewName(p.sha256)) && thumbs.has(thumbName(p.sha256)))) continue;
      if (await hasOriginal(this.ctx, p)) this.queueDeskImages(p);
    }
  }

  /** Remembers when the PC that wrote `D` was last heard from (its own clock, never later than now). */
  private noteSeen(D: PouchDoc): void {
    const body = D as unknown as SyncBody;
    const pc = body.src;
    const at = typeof body.data?.updatedAt === 'string' ? body.data.updatedAt : null;
    if (!pc || pc === 'merge' || pc === this.pcId || !at) return;
    const now = this.ctx.store.now().toISOString();
    const t = at > now ? now : at;
    const seen = this.journal.data.seen;
    if (!seen[pc] || seen[pc] < t) {
      seen[pc] = t;
      this.journal.touch();
    }
  }

  /** Refreshes this PC's presence document in the OPD replica (live replication sends it to the hub). */
  private async heartbeat(): Promise<void> {
    if (this.stopped) return;
    const id = presenceDocId(this.pcId);
    try {
      const prev = await getOrNull(this.replicas.opd, id);
      await this.replicas.opd.put({ _id: id, ...(prev ? { _rev: prev._rev } : {}), type: 'presence', pc: this.pcId, at: this.ctx.store.now().toISOString() });
    } catch (err) {
      this.ctx.log('sync: presence not refreshed', err);
    }
  }

  /** Another PC's presence arrived: it was heard from at its `at` (never later than now). */
  private async notePresence(db: Db, id: string): Promise<void> {
    const doc = await getOrNull(this.replicas[db], id).catch(() => null);
    const pc = typeof doc?.pc === 'string' ? doc.pc : null;
    const at = typeof doc?.at === 'string' && Number.isFinite(Date.parse(doc.at)) ? doc.at : null;
    if (!pc || !at || pc === this.pcId || id !== presenceDocId(pc)) return;
    const now = this.ctx.store.now().toISOString();
    const t = at > now ? now : at;
    const seen = this.journal.data.seen;
    if (!seen[pc] || seen[pc] < t) {
      seen[pc] = t;
      this.journal.touch();
    }
  }

  /** True when `doc` is `rev` or one of its descendants. */
  private async descends(db: PouchDatabase, doc: PouchDoc, rev: string): Promise<boolean> {
    const full = await getOrNull(db, doc._id, { rev: doc._rev, revs: true });
    return Boolean(full && ancestry(full).includes(rev));
  }

  /**
   * Writes `body` as a child of `parent` even when the document moved on
   * meanwhile (a hub edit arrived since the store last matched `parent`):
   * CouchDB then holds both versions as a conflict, as a replication would.
   */
  private async writeBranch(db: PouchDatabase, docId: string, parent: string | null, body: SyncBody, files?: Record<string, PouchAttachment>): Promise<string> {
    const parentDoc = parent ? await getOrNull(db, docId, { rev: parent, revs: true }) : null;
    const chain = parentDoc ? ancestry(parentDoc) : [];
    const gen = chain.length ? Number(chain[0].split('-')[0]) + 1 : 1;
    const hash = createHash('md5')
      .update(JSON.stringify([chain[0] ?? null, body]))
      .digest('hex');
    const ids = [hash, ...chain.map((r) => r.slice(r.indexOf('-') + 1))];
    const res = await db.bulkDocs([{ _id: docId, _rev: `${gen}-${hash}`, _revisions: { start: gen, ids }, ...body, ...(files ? { _attachments: files } : {}) }], { new_edits: false });
    const failed = res.find((r) => 'error' in r && r.error);
    if (failed) throw new Error(`replica refused ${docId}: ${JSON.stringify(failed)}`);
    return `${gen}-${hash}`;
  }

  private async leaves(db: PouchDatabase, D: PouchDoc): Promise<Leaf[]> {
    const out: Leaf[] = [{ rev: D._rev!, body: D as unknown as SyncBody }];
    for (const rev of D._conflicts ?? []) {
      const doc = await getOrNull(db, D._id, { rev });
      if (doc) out.push({ rev, body: doc as unknown as SyncBody });
    }
    return out;
  }

  /** The data of the newest revision two leaves share (null when this PC never held it). */
  private async baseOf(db: PouchDatabase, docId: string, a: string, b: string): Promise<Record<string, unknown> | null> {
    const [da, dbb] = await Promise.all([getOrNull(db, docId, { rev: a, revs: true }), getOrNull(db, docId, { rev: b, revs: true })]);
    if (!da || !dbb) return null;
    const theirs = new Set(ancestry(dbb));
    const common = ancestry(da).find((r) => theirs.has(r));
    if (!common) return null;
    const doc = await getOrNull(db, docId, { rev: common }).catch(() => null);
    return (doc as unknown as SyncBody | null)?.data ?? null;
  }

  /**
   * Merges every conflicting leaf into the winner and removes the leaves.
   * Deterministic (CouchDB picks the same winner everywhere, and PouchDB's
   * revision ids are content hashes), so PCs that merge the same conflict
   * write the same revision. Null when a post was changed in the same place
   * on two PCs: both versions stay until a person chooses.
   */
  private async mergeLeaves(kind: SyncKind, db: PouchDatabase, D: PouchDoc): Promise<PouchDoc | null> {
    const leaves = await this.leaves(db, D);
    let data = leaves[0].body.data;
    for (const loser of leaves.slice(1)) {
      const base = await this.baseOf(db, D._id, leaves[0].rev, loser.rev);
      if (kind === 'posts') {
        const m = mergePosts(base, data, loser.body.data);
        if (!m) return null;
        data = m;
      } else {
        data = mergeRecord(kind, base, data, loser.body.data);
      }
    }
    const writes: PouchDoc[] = leaves.slice(1).map((l) => ({ _id: D._id, _rev: l.rev, _deleted: true }));
    if (!same(data, leaves[0].body.data)) {
      const body: SyncBody = { type: kind, data, src: 'merge', by: leaves[0].body.by };
      // The winner's attachments (a photo's image) stay with the merged version.
      writes.unshift({ _id: D._id, _rev: D._rev, ...body, ...(D._attachments ? { _attachments: D._attachments } : {}) });
    }
    await db.bulkDocs(writes);
    return getOrNull(db, D._id, { conflicts: true });
  }

  private noteConflict(kind: SyncKind, id: string, D: PouchDoc): void {
    const docId = D._id;
    const prev = this.conflictMap.get(docId);
    const data = (D as unknown as SyncBody).data;
    this.conflictMap.set(docId, {
      collection: kind,
      id,
      title: String(data.title ?? id),
      versions: 1 + (D._conflicts?.length ?? 0),
      since: prev?.since ?? this.ctx.store.now().toISOString(),
    });
  }

  /**
   * At start, every replica document whose winning revision is not the one
   * the store matches (per the journal), or that holds conflicts, is
   * reconciled: the feed position is only a shortcut, and a kill may leave
   * the journal behind the replica.
   */
  private async rescanReplica(): Promise<void> {
    for (const db of ['opd', 'aduan'] as Db[]) {
      const all = await this.replicas[db].allDocs({ include_docs: true, conflicts: true });
      for (const row of all.rows) {
        if (!parseDocId(row.id)) continue;
        if (row.doc) this.noteSeen(row.doc);
        if (row.doc?._conflicts?.length || this.journal.data.docs[row.id]?.c !== row.value.rev) this.mark(row.id);
      }
    }
  }

  // ------------------------------------------------------------ arrival

  /** Why a hub version may not enter the store here, or null. */
  private arrivalCheck(kind: SyncKind, id: string, body: SyncBody, R: Rec | null): SyncRefusal | null {
    const refuse = (reason: string, extra: Partial<SyncRefusal> = {}): SyncRefusal => ({
      collection: kind,
      id,
      reason,
      since: this.held.get(docIdOf(kind, id))?.since ?? this.ctx.store.now().toISOString(),
      ...extra,
    });
    let record: Rec;
    try {
      record = (kind === 'workspace'
        ? workspaceSchema.parse(applyWorkspaceShared(this.ctx.store.workspace, body.data))
        : COLLECTIONS[kind].validate({ ...body.data, rev: (R?.rev ?? 0) + 1 })) as unknown as Rec;
    } catch {
      return refuse('invalid');
    }
    if (kind === 'reviews') {
      // A signed decision is verified on arrival, as one from a reply file: valid signature, by a key this PC trusts as an editor's.
      for (const field of ['decision', 'approval'] as const) {
        const d = record[field] as Parameters<typeof verifyDecision>[2] | null;
        if (!d || (R && (same(d, R.decision) || same(d, R.approval)))) continue;
        try {
          verifyDecision(this.ctx, String(record.postId), d, null);
        } catch (err) {
          const params = err instanceof ApiError ? (err.params ?? {}) : {};
          return refuse(String(params.reason ?? 'signature_invalid'), {
            fingerprint: typeof params.fingerprint === 'string' ? params.fingerprint : undefined,
            publicKey: typeof params.publicKey === 'string' ? params.publicKey : undefined,
            name: typeof params.name === 'string' ? params.name : undefined,
          });
        }
      }
    }
    if (kind === 'posts') {
      // An approved post needs the verified approval of exactly this content (which arrives as the review record).
      const post = record as unknown as Post;
      const approvedLike = (p: Pick<Post, 'status'>) => p.status === 'approved' || p.status === 'scheduled' || p.status === 'published';
      const local = R as unknown as Post | null;
      if (approvedLike(post) && !(local && approvedLike(local) && contentHash(local) === contentHash(post))) {
        const approval = this.ctx.store.collections.reviews.get(post.id)?.approval;
        if (!approval || approval.hash !== contentHash(post)) return refuse('approval_unverified');
      }
    }
    if (kind === 'jobs' && !R && (record as unknown as Job).ownerPc === this.pcId) {
      // Only this PC makes jobs it owns (or takes them over here): one that claims to be ours from the hub is forged.
      return refuse('job_owner');
    }
    return null;
  }

  private async applyLocal(kind: SyncKind, body: SyncBody, R: Rec | null): Promise<number> {
    if (kind === 'workspace') {
      const local = this.ctx.store.workspace;
      let ws = applyWorkspaceShared(local, body.data);
      if (teamSignature(ws.team) !== teamSignature(local.team) && !this.mayChangeTeam(body.by)) {
        this.ctx.log(`sync: team change by ${body.by.name || 'unknown'} ignored (not an admin here)`);
        ws = { ...ws, team: local.team };
      }
      ws = workspaceSchema.parse({ ...ws, rev: local.rev + 1, updatedAt: this.ctx.store.now().toISOString() });
      await asActor(SYNC_ACTOR, () => this.ctx.store.putWorkspace(ws));
      return ws.rev;
    }
    const rec = COLLECTIONS[kind].validate({ ...body.data, rev: (R?.rev ?? 0) + 1 }) as unknown as Rec;
    // The origin PC already applied the review rule, audit and version: the record is stored as it is,
    // in one commit with the other records that reconciles under way bring in (a first sync brings thousands).
    await this.storeBatch.put(kind as CollectionName, rec);
    return rec.rev;
  }

  /**
   * Writes records from the hub in one group commit. A record changed here
   * while it waited for the batch (a person's save) is left out: its
   * reconcile fails and runs again against the new local version.
   */
  private async commitRecords(name: CollectionName, recs: Rec[]): Promise<(Error | null)[]> {
    const col = this.ctx.store.collections[name] as unknown as { get(id: string): Rec | undefined; putMany(d: Rec[]): Promise<void> };
    const errors = recs.map((r) => ((col.get(r.id)?.rev ?? 0) === r.rev - 1 ? null : new Error(`sync: ${name} ${r.id} changed here meanwhile`)));
    await asActor(SYNC_ACTOR, () => col.putMany(recs.filter((_, i) => !errors[i])));
    return errors;
  }

  /** Only admins change the team (an editor stands in while the team has no admin; anyone while it is empty). */
  private mayChangeTeam(by: Actor): boolean {
    const team = this.ctx.store.workspace.team;
    if (!team.length) return true;
    const member = team.find((m) => m.id === by.id);
    if (!member) return false;
    return member.role === 'admin' || (member.role === 'editor' && !team.some((m) => m.role === 'admin'));
  }

  // ------------------------------------------------------------ replication

  private restartReplication(): void {
    this.stopReplication();
    if (this.stopped) return;
    const link = this.link;
    const slug = link?.opdSlug() ?? null;
    if (!link || !slug) {
      this.setState('off');
      return;
    }
    const opd = link.remote(opdDatabase(slug));
    if (!opd) {
      this.setState('signed_out');
      return;
    }
    const aduan = link.remote(aduanDatabase(slug));
    if (!this.journal.data.firstSyncDone) {
      void this.runFirstSync(opd, aduan);
      return;
    }
    this.startLive(opd, aduan);
  }

  private startLive(opd: PouchDatabase, aduan: PouchDatabase | null): void {
    this.setState('syncing');
    // While live sync runs, this PC says it is here; the replication carries it to the hub and the other PCs.
    void this.heartbeat();
    this.heartbeatTimer = setInterval(() => void this.heartbeat(), this.opts.heartbeatMs ?? HEARTBEAT_MS);
    this.heartbeatTimer.unref?.();
    const pairs: [Db, PouchDatabase][] = [['opd', opd]];
    if (aduan) pairs.push(['aduan', aduan]);
    for (const [db, remote] of pairs) {
      const rep = PouchDB.sync(this.replicas[db], remote, {
        live: true,
        retry: true,
        batch_size: this.opts.batchSize ?? 100,
        batches_limit: 2,
        back_off_function: (d) => (d === 0 ? (this.opts.backOffMs ?? 1000) : Math.min(d * 2, this.opts.backOffMaxMs ?? 60_000)),
      });
      rep.on('change', (info) => {
        if (info.direction === 'push') {
          const sent = new Set((info.change?.docs ?? []).map((d) => d._id));
          this.journal.data.pending = this.journal.data.pending.filter((id) => !sent.has(id));
          this.journal.touch();
        }
      });
      rep.on('active', () => this.setState('syncing'));
      rep.on('paused', (err) => {
        if (err) this.setState('offline', { reason: 'sync_offline', detail: String((err as Error)?.message ?? err) });
        else {
          this.journal.data.lastSyncAt = this.ctx.store.now().toISOString();
          if (db === 'opd') this.journal.data.pending = this.journal.data.pending.filter((id) => parseDocId(id)?.kind === 'complaints');
          else this.journal.data.pending = this.journal.data.pending.filter((id) => parseDocId(id)?.kind !== 'complaints');
          this.journal.touch();
          this.setState('synced');
        }
      });
      rep.on('denied', (err) => this.ctx.log('sync: the hub refused a document', err));
      rep.on('error', (err) => {
        const s = statusOf(err);
        this.setState('error', { reason: s === 401 ? 'sync_unauthorized' : s === 403 ? 'sync_forbidden' : 'sync_failed', detail: String((err as Error)?.message ?? err) });
      });
      this.replications.push(rep);
    }
  }

  private stopReplication(): void {
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
    this.heartbeatTimer = null;
    for (const r of this.replications.splice(0)) r.cancel();
    if (this.firstSyncRun) {
      this.firstSyncRun.cancel();
      this.firstSyncRun = null;
    }
  }

  /**
   * First sync of a new PC: a one-shot pull of the OPD's workspace with
   * progress, cancellable; PouchDB's checkpoints make a second run resume
   * where the first stopped. The records enter the store as they arrive,
   * so the app is usable meanwhile; live sync starts when it completes.
   */
  private async runFirstSync(opd: PouchDatabase, aduan: PouchDatabase | null): Promise<void> {
    if (this.firstSyncRun) return;
    this.firstSyncCancelled = false;
    this.setState('syncing');
    let total: number | null = null;
    try {
      total = (await opd.info()).doc_count;
    } catch {
      total = null;
    }
    if (this.stopped || this.firstSyncCancelled) return;
    const done0 = (await this.replicas.opd.info()).doc_count;
    this.progress = { done: Math.min(done0, total ?? done0), total };
    // Two passes, both PouchDB replications with their own checkpoints (a second run resumes each where it stopped):
    // first every record but photos, in large batches (few round trips and checkpoints; a text record is a few KB),
    // then the photos, which carry their image (about 1.2 MB with preview and thumbnail). PouchDB writes a batch as one
    // leveldb write (copied by PouchDB, leveldown and leveldb's memtable), and the native memory a batch takes stays with
    // the process: batches of 5 with one read ahead (bench, 300 photos: peak RSS 337 MB, 8.2 s) hold less than 10 with
    // none (459 MB, 12-15 s) and keep the pipe as full.
    const passes: ReplicateOptions[] = [
      { batch_size: this.opts.batchSize ?? 100, batches_limit: 1, filter: (doc) => (doc as unknown as SyncBody).type !== 'media' },
      { batch_size: this.opts.firstSyncBatchSize ?? 5, batches_limit: 2, filter: (doc) => (doc as unknown as SyncBody).type === 'media' },
    ];
    let written = 0;
    for (const opts of passes) {
      const rep = PouchDB.replicate(opd, this.replicas.opd, opts);
      this.firstSyncRun = rep;
      const before = written;
      rep.on('change', (info) => {
        written = before + (info.docs_written ?? 0);
        this.progress = { done: Math.min(done0 + written, total ?? Infinity), total };
      });
      try {
        await rep;
      } catch (err) {
        if (this.firstSyncRun === rep) this.firstSyncRun = null;
        if (this.firstSyncCancelled || this.stopped) return;
        const s = statusOf(err);
        this.setState(s === 401 || s === 403 ? 'error' : 'offline', { reason: s === 401 ? 'sync_unauthorized' : s === 403 ? 'sync_forbidden' : 'sync_offline', detail: String((err as Error)?.message ?? err) });
        return;
      }
      if (this.firstSyncRun !== rep || this.stopped) return;
    }
    this.firstSyncRun = null;
    this.journal.data.firstSyncDone = true;
    this.journal.data.lastSyncAt = this.ctx.store.now().toISOString();
    this.progress = null;
    await this.journal.flush(true);
    this.startLive(opd, aduan);
  }

  cancelFirstSync(): void {
    if (!this.firstSyncRun) return;
    this.firstSyncCancelled = true;
    this.firstSyncRun.cancel();
    this.firstSyncRun = null;
    this.setState('paused');
  }

  resumeFirstSync(): void {
    this.restartReplication();
  }

  private setState(state: SyncStatus['state'] | 'paused', error: SyncStatus['error'] = null): void {
    this.state = state === 'paused' ? 'offline' : state;
    this.error = state === 'paused' ? { reason: 'sync_paused' } : error;
  }

  // ------------------------------------------------------------ API

  status(): SyncStatus {
    if (!this.journal) return SYNC_OFF;
    return {
      state: this.state,
      lastSyncAt: this.journal.data.lastSyncAt,
      pending: new Set([...this.journal.data.pending, ...this.dirty]).size,
      conflicts: this.conflictMap.size,
      error: this.error,
      progress: this.progress,
    };
  }

  conflicts(): SyncConflict[] {
    return [...this.conflictMap.values()].sort((a, b) => a.since.localeCompare(b.since));
  }

  refused(): SyncRefusal[] {
    return [...this.held.values()];
  }

  /** The two versions of a conflicted post and what they started from, for the resolution screen. */
  async conflictDetail(postId: string): Promise<SyncConflictDetail> {
    const c = await this.conflictVersions(postId);
    const m = mergeSnapshots(c.base, c.mine, c.theirs);
    return { postId, title: c.post.title, base: c.base, mine: c.mine, theirs: c.theirs, theirsBy: c.theirsBy, fields: m.conflicts, rev: c.post.rev };
  }

  private async conflictVersions(postId: string) {
    const docId = docIdOf('posts', postId);
    const db = this.replicas.opd;
    const D = await getOrNull(db, docId, { conflicts: true });
    const post = this.ctx.store.posts.get(postId);
    if (!D?._conflicts?.length || !post) throw new ApiError('not_found', `no conflict on post ${postId}`, { params: { id: postId, reason: 'no_conflict' } });
    const leaves = await this.leaves(db, D);
    const mineRev = this.journal.data.docs[docId]?.c ?? leaves[0].rev;
    const other = leaves.find((l) => l.rev !== mineRev && !same(l.body.data, recordShared(post as unknown as Rec))) ?? leaves.find((l) => l.rev !== mineRev)!;
    const mine = snapshotOf(post);
    const theirs = snapshotOf(other.body.data as unknown as Post);
    const baseData = await this.baseOf(db, docId, mineRev, other.rev);
    const base = baseData ? snapshotOf(baseData as unknown as Post) : mine;
    return { docId, post, mine, theirs, base, other, theirsBy: other.body.by?.name ?? '', leaves };
  }

  /**
   * A person resolves a conflicted post: the paragraphs that merge without
   * asking are merged, each contested field takes the chosen side, the
   * result is saved through the posts write path and logged in the audit
   * trail, and only then are the losing versions removed from the hub.
   */
  async resolveConflict(postId: string, choices: Partial<Record<ReviewedField, 'mine' | 'theirs'>>, baseRev?: number): Promise<Post> {
    await this.idle();
    const c = await this.conflictVersions(postId);
    const m = mergeSnapshots(c.base, c.mine, c.theirs);
    const merged = { ...m.merged } as Record<string, unknown>;
    for (const f of m.conflicts) merged[f] = (choices[f] ?? 'mine') === 'theirs' ? c.theirs[f] : c.mine[f];
    const winner = c.leaves[0].rev;
    this.journal.data.resolving[c.docId] = c.leaves.map((l) => l.rev).filter((r) => r !== winner);
    await this.journal.flush(true);
    const after = await savePost(this.ctx, c.post, merged as Partial<Post>, { reason: 'merge', baseRev: baseRev ?? c.post.rev });
    const picked = m.conflicts.map((f) => `${f}: ${(choices[f] ?? 'mine') === 'theirs' ? `versi ${c.theirsBy || 'lain'}` : 'versi ini'}`).join(', ');
    await recordAudit(this.ctx, after, 'conflict_resolved', { detail: `konflik sinkron diselesaikan${picked ? ` (${picked})` : ''}${m.taken.length ? `; digabung: ${m.taken.join(', ')}` : ''}` });
    this.conflictMap.delete(c.docId);
    this.mark(c.docId);
    await this.idle();
    return this.ctx.store.posts.require(postId);
  }

  /**
   * The replica documents with their revision history (`revs: true`), for
   * the .redaksi file route: a file carries the same documents, with the
   * same revisions, as a sync would. Waits until every store write so far
   * has reached the replica.
   */
  async exportDocs(docIds: readonly string[]): Promise<PouchDoc[]> {
    await this.idle();
    const out: PouchDoc[] = [];
    for (const id of docIds) {
      const parsed = parseDocId(id);
      if (!parsed) continue;
      const doc = await getOrNull(this.dbOf(parsed.kind), id, { revs: true });
      if (doc) out.push(doc);
    }
    return out;
  }

  /**
   * Documents from a .redaksi file enter the replica as a replication
   * writes them (`new_edits: false`, revision history kept), then pass the
   * same reconcile as a hub version: an older revision is a no-op, a
   * concurrent edit is a normal conflict, decisions are verified on
   * arrival. Resolves when they have been reconciled with the store.
   */
  async importDocs(docs: readonly PouchDoc[]): Promise<void> {
    for (const db of ['opd', 'aduan'] as Db[]) {
      const mine = docs.filter((d) => {
        const parsed = parseDocId(d._id);
        return parsed && hubDatabaseOf(parsed.kind) === db;
      });
      if (!mine.length) continue;
      const res = await this.replicas[db].bulkDocs([...mine], { new_edits: false });
      const failed = res.find((r) => 'error' in r && r.error);
      if (failed) throw new Error(`replica refused ${String(failed.id)}: ${JSON.stringify(failed)}`);
    }
    for (const d of docs) this.dirty.add(d._id);
    this.kick();
    await this.idle();
  }

  /** Whether this PC may send the job now. Only the owner PC sends; with a hub, the first PC to claim the publication on the hub sends it. */
  async maySend(job: Job): Promise<boolean> {
    const wait = (reason: JobWaitReason, detail: string) => {
      const since = this.waits.get(job.id)?.reason === reason ? this.waits.get(job.id)!.since : this.ctx.store.now().toISOString();
      this.waits.set(job.id, { reason, detail: detail.slice(0, 300), since });
      return false;
    };
    if (job.ownerPc && job.ownerPc !== this.pcId) return wait('other_pc', job.ownerPc);
    const slug = this.link?.opdSlug();
    this.waits.delete(job.id);
    if (!slug) return true;
    // With a hub configured, the hub says who sends: while it cannot be reached the job waits (never twice beats sooner).
    const remote = this.link?.remote(opdDatabase(slug));
    if (!remote) return wait('hub_signed_out', this.error?.detail ?? '');
    const key = createHash('sha256').update(JSON.stringify([job.postId, job.channel, job.isUpdate, job.payload.title, job.payload.text])).digest('hex').slice(0, 32);
    const claimId = `sendclaim:${job.postId}:${job.channel}:${key}`;
    try {
      let claim = await getOrNull(remote, claimId);
      if (!claim) {
        try {
          await remote.put({ _id: claimId, jobId: job.id, pc: this.pcId, at: this.ctx.store.now().toISOString() });
          return true;
        } catch (err) {
          if (statusOf(err) !== 409) throw err;
          claim = await getOrNull(remote, claimId);
        }
      }
      if (!claim) return true;
      if (claim.jobId === job.id) {
        if (claim.pc === this.pcId) return true;
        // Another PC claimed this very job: it sends it, unless a person here took the job over from that PC.
        // The claim then moves to this PC, rev-checked, so two PCs taking over at once cannot both send.
        if (this.journal.data.takeovers[job.id] !== claim.pc) return wait('other_pc', String(claim.pc ?? ''));
        try {
          await remote.put({ ...claim, pc: this.pcId, takenOverFrom: claim.pc, at: this.ctx.store.now().toISOString() });
        } catch (err) {
          if (statusOf(err) !== 409) throw err;
          return wait('other_pc', String(claim.pc ?? ''));
        }
        delete this.journal.data.takeovers[job.id];
        this.journal.touch();
        return true;
      }
      await asActor(SYNC_ACTOR, () =>
        saveJob(this.ctx, job.id, { state: 'cancelled' }, [{ code: 'other_pc_publishes', params: { pc: String(claim!.pc).slice(0, 8) }, action: 'not sent: another PC publishes this post', outcome: 'info', detail: `job ${String(claim!.jobId)} on PC ${String(claim!.pc).slice(0, 8)}` }], { from: ['queued'] }),
      ).catch(() => undefined);
      return false;
    } catch (err) {
      // The hub cannot say who sends: wait rather than risk a second publication.
      return wait('hub_unreachable', String((err as Error)?.message ?? err));
    }
  }

  jobSync(jobId: string): JobSyncView {
    const job = this.ctx.store.collections.jobs.require(jobId);
    const waiting = this.waits.get(jobId) ?? null;
    // The job is this PC's, but the hub's send claim names another PC (it claimed it first): that PC is the sender.
    const claimedBy = this.claimedElsewhere(job);
    const sender = claimedBy ?? job.ownerPc ?? null;
    const mine = !sender || sender === this.pcId;
    const ownerLastSeenAt = mine ? null : (this.journal.data.seen[sender!] ?? null);
    return {
      ownerPc: sender,
      mine,
      ownerLastSeenAt,
      ownerGone: !mine && ownerGone(ownerLastSeenAt, this.ctx.store.now()),
      // A wait about ownership is told by ownerPc above.
      waiting: waiting && waiting.reason !== 'other_pc' ? waiting : null,
    };
  }

  /** The PC whose send claim on the hub held back this PC's own job when it last tried, or null. */
  private claimedElsewhere(job: Job): string | null {
    const w = this.waits.get(job.id);
    const mine = !job.ownerPc || job.ownerPc === this.pcId;
    return mine && w?.reason === 'other_pc' && w.detail && w.detail !== this.pcId ? w.detail : null;
  }

  /**
   * Take over a job of a PC that is gone: this PC becomes its owner and may
   * send it, and moves that PC's send claim on the hub when it next tries.
   * Also for a job this PC owns whose claim another PC holds.
   */
  async takeOverJob(jobId: string): Promise<Job> {
    const job = this.ctx.store.collections.jobs.require(jobId);
    const from = this.claimedElsewhere(job) ?? (job.ownerPc && job.ownerPc !== this.pcId ? job.ownerPc : null);
    if (!from) return job;
    if (job.state === 'sending') throw new ApiError('conflict', 'the job is being sent by its PC', { params: { id: jobId, reason: 'job_sending' } });
    this.waits.delete(jobId);
    // Recorded before the job changes: this is what lets this PC move the previous sender's claim on the hub.
    this.journal.data.takeovers[jobId] = from;
    await this.journal.flush(true);
    return saveJob(this.ctx, jobId, { ownerPc: this.pcId }, [{ code: 'taken_over', params: { pc: from.slice(0, 8) }, action: 'taken over by this PC', outcome: 'info', detail: `from PC ${from.slice(0, 8)}` }]);
  }
}

/**
 * Merges two versions of a post: the reviewed content paragraph by
 * paragraph against their common version, the other fields one by one.
 * Null when both changed the same place (or there is no common version and
 * they differ in content): a person chooses.
 */
export function mergePosts(base: Record<string, unknown> | null, winner: Record<string, unknown>, loser: Record<string, unknown>): Record<string, unknown> | null {
  const w = snapshotOf(winner as unknown as Post);
  const l = snapshotOf(loser as unknown as Post);
  if (!base) {
    if (REVIEWED_FIELDS.some((f) => !same(w[f], l[f]))) return null;
    return mergeFields(null, winner, loser, 0);
  }
  const m = mergeSnapshots(snapshotOf(base as unknown as Post), w, l);
  if (m.conflicts.length) return null;
  const out = mergeFields(base, winner, loser, 0);
  Object.assign(out, m.merged);
  // Trash wins: an edit of a trashed post is kept, in the trash, restorable.
  out.deletedAt = winner.deletedAt ?? loser.deletedAt ?? null;
  return out;
}
