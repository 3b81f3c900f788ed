import type { HandlerContext } from '@core/deps';
import type { Service } from '@core/services';
import type { ChangeEvent } from '@core/store/events';
import { asRollupPouch, type Replication } from './pouch';
import { RollupStore, ownerOfId } from './rollup-store';
import { ownRollup, rollupNameOf } from './source';

/** Store collections whose changes change a summary. */
const WATCHED = new Set<ChangeEvent['collection']>(['publications', 'complaints', 'workspace']);

export interface PantauanStatus {
  opd: string | null;
  rollup: string | null;
  /** Last time this OPD's summaries were rebuilt. */
  lastBuiltAt: string | null;
  /** 'off': no hub link or no region; 'pushing'/'idle': replicating; 'error': the last attempt failed (retrying). */
  hub: 'off' | 'active' | 'idle' | 'error';
  lastError: string | null;
}

/**
 * Keeps this OPD's rollup summaries current in <dataDir>/rollup/ and, when
 * the hub is reachable (ctx.services.hubLink), pushes them one-way to
 * rollup-<kab>, filtered to this OPD's own documents; a Diskominfo PC
 * (Pantauan on) also pulls everyone's. Store changes (publications,
 * complaints, targets) trigger a debounced rebuild; an hourly rebuild rolls
 * the date over and ages deadlines. PouchDB's live replication with retry
 * resumes by itself after the network returns.
 */
export class PantauanService {
  private store: RollupStore | null = null;
  private opening: Promise<RollupStore> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private hourly: NodeJS.Timeout | null = null;
  private unsubscribe: (() => void) | null = null;
  private unlink: (() => void) | null = null;
  private replications: Replication[] = [];
  private building: Promise<void> | null = null;
  private again = false;
  /** Slug, rollup and monitor flag the replication was started for. */
  private connectedKey = '';
  private stopped = false;
  readonly status: PantauanStatus = { opd: null, rollup: null, lastBuiltAt: null, hub: 'off', lastError: null };

  constructor(
    private readonly ctx: HandlerContext,
    private readonly opts: { debounceMs?: number } = {},
  ) {}

  /** The local rollup database, opened on first use. */
  db(): Promise<RollupStore> {
    if (this.store) return Promise.resolve(this.store);
    this.opening ??= RollupStore.open(this.ctx.dataDir).then((s) => (this.store = s));
    return this.opening;
  }

  async start(): Promise<void> {
    this.stopped = false;
    this.unsubscribe = this.ctx.store.changes.subscribe((e) => {
      if (WATCHED.has(e.collection)) this.schedule();
    });
    this.unlink = this.ctx.services.hubLink?.onChange(() => void this.connect()) ?? null;
    this.hourly = setInterval(() => this.schedule(), 3_600_000);
    this.hourly.unref?.();
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribe?.();
    this.unlink?.();
    if (this.timer) clearTimeout(this.timer);
    if (this.hourly) clearInterval(this.hourly);
    this.disconnect();
    await this.building?.catch(() => undefined);
    if (this.opening) await this.opening.catch(() => undefined);
    await this.store?.close();
    this.store = null;
    this.opening = null;
  }

  private schedule(ms = this.opts.debounceMs ?? 800): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.rebuild().catch((err) => this.ctx.log('pantauan rebuild failed:', err)), ms);
    this.timer.unref?.();
  }

  /** Rebuilds this OPD's summaries now (one at a time; a request during a rebuild runs once more after it). */
  async rebuild(): Promise<void> {
    if (this.building) {
      this.again = true;
      return this.building;
    }
    this.building = (async () => {
      do {
        this.again = false;
        const own = ownRollup(this.ctx);
        this.status.opd = own?.opd ?? null;
        if (own) {
          const db = await this.db();
          await db.replaceOpd(own.opd, own.docs);
          this.status.lastBuiltAt = this.ctx.store.now().toISOString();
        }
        const key = `${this.status.opd}|${rollupNameOf(this.ctx)}|${this.ctx.store.workspace.pantauan.monitor}`;
        if (key !== this.connectedKey) await this.connect();
      } while (this.again && !this.stopped);
    })().finally(() => {
      this.building = null;
    });
    return this.building;
  }

  private disconnect(): void {
    for (const r of this.replications) r.cancel();
    this.replications = [];
    this.status.hub = 'off';
  }

  /** (Re)starts replication with the hub for the current link, region and role. */
  async connect(): Promise<void> {
    this.disconnect();
    const name = rollupNameOf(this.ctx);
    this.connectedKey = `${this.status.opd}|${name}|${this.ctx.store.workspace.pantauan.monitor}`;
    this.status.rollup = name;
    const link = this.ctx.services.hubLink;
    const opd = this.status.opd;
    if (!name || !link || this.stopped) return;
    const remote = link.remote(name);
    if (!remote) return;
    const local = await this.db();
    const track = (r: Replication) => {
      r.on('active', () => (this.status.hub = 'active'))
        .on('paused', (err) => {
          this.status.hub = err ? 'error' : 'idle';
          if (err) this.status.lastError = String((err as Error).message ?? err);
        })
        .on('denied', (err) => (this.status.lastError = `denied: ${String((err as Error)?.message ?? err)}`))
        .on('error', (err) => {
          this.status.hub = 'error';
          this.status.lastError = String((err as Error)?.message ?? err);
        });
      this.replications.push(r);
    };
    const hub = asRollupPouch(remote);
    this.status.hub = 'active';
    if (opd) track(local.db.replicate.to(hub, { live: true, retry: true, filter: (doc) => ownerOfId(doc._id) === opd }));
    if (this.ctx.store.workspace.pantauan.monitor) track(local.db.replicate.from(hub, { live: true, retry: true }));
  }
}

/** The writer as a main-process service (ctx.services.pantauan). */
export function pantauanService(ctx: HandlerContext): Service {
  const s = new PantauanService(ctx);
  ctx.services.pantauan = s;
  return { name: 'pantauan', start: () => s.start(), stop: () => s.stop() };
}
