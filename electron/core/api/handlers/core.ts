import { promises as fsp } from 'node:fs';
import { ApiError } from '@shared/api/errors';
import { coreContract } from '@shared/api/contracts/core';
import { workspaceSchema, type Workspace } from '@shared/domain/workspace';
import { newId } from '@core/store/store';
import { BackupDamagedError } from '@core/store/backups';
import type { HandlersFor } from '@core/handler-types';
import { pinOf, withoutPins } from '@core/review/pins';

export const coreHandlers: HandlersFor<typeof coreContract> = {
  async 'app.info'(_input, ctx) {
    return {
      version: ctx.version,
      transport: ctx.transport,
      dataDir: ctx.store.dataDir,
      schemaVersion: ctx.store.schemaVersion,
      notices: ctx.store.notices,
      postCount: ctx.store.postCount,
    };
  },

  async 'app.notify'({ title, body }, ctx) {
    return { shown: ctx.services.notify ? ctx.services.notify({ title, body }) : false };
  },

  async 'app.changes'({ epoch, since, waitMs }, ctx) {
    const log = ctx.services.changeLog;
    if (log) return log.since(epoch, since, waitMs);
    // No change log in this host: nothing will ever be reported, so the reader just waits.
    await new Promise((r) => setTimeout(r, waitMs));
    return { epoch: 'none', seq: 0, reset: false, changes: [] };
  },

  async 'app.dismissNotice'({ id }, ctx) {
    await ctx.store.dismissNotice(id);
    return { notices: ctx.store.notices };
  },

  async 'settings.get'(_input, ctx) {
    return withoutPins(ctx.store.workspace);
  },

  async 'settings.update'(input, ctx) {
    const ws = ctx.store.workspace;
    if (input.baseRev !== ws.rev) {
      throw new ApiError('conflict', 'settings changed elsewhere', { params: { currentRev: ws.rev } });
    }
    // Team members are people: two profiles with one name would let anyone pass for someone else.
    const names = (input.team ?? []).map((m) => m.name.trim().toLocaleLowerCase('id').replace(/\s+/g, ' '));
    const dup = names.find((n, i) => names.indexOf(n) !== i);
    if (dup) throw new ApiError('conflict', 'two team members with one name', { params: { reason: 'duplicate_member', name: dup } });
    const next: Workspace = {
      ...ws,
      opd: input.opd ? { ...ws.opd, ...input.opd, colors: { ...ws.opd.colors, ...input.opd.colors } } : ws.opd,
      // PIN hashes are never sent to the UI, so keep each member's existing one.
      team: input.team ? input.team.map((m) => ({ ...m, id: m.id ?? newId(), pinHash: pinOf(ws, m.id) })) : ws.team,
      language: input.language ?? ws.language,
      targets: input.targets ?? ws.targets,
      complaintDeadlines: input.complaintDeadlines ?? ws.complaintDeadlines,
      news: input.news ? { ...ws.news, ...input.news } : ws.news,
      brand: input.brand ? { ...ws.brand, ...input.brand, handles: { ...ws.brand.handles, ...input.brand.handles } } : ws.brand,
      security: input.security ?? ws.security,
      setup: input.setup ?? ws.setup,
      backups: input.backups ?? ws.backups,
      rev: ws.rev + 1,
      updatedAt: ctx.store.now().toISOString(),
    };
    const valid = workspaceSchema.parse(next);
    await ctx.store.putWorkspace(valid);
    // Tighter limits take effect now, not at the next backup.
    if (input.backups) await ctx.store.backups.applyRetention();
    return withoutPins(valid);
  },

  async 'backups.list'(_input, ctx) {
    return ctx.store.backups.list();
  },

  async 'backups.create'(_input, ctx) {
    const info = await ctx.store.backups.create('manual');
    ctx.store.dirty = false;
    return info;
  },

  async 'backups.restore'({ id }, ctx) {
    const backups = await ctx.store.backups.list();
    const chosen = backups.find((b) => b.id === id);
    if (!chosen) throw new ApiError('not_found', `backup ${id} not found`, { params: { id } });
    // Refuse a backup that is itself damaged (content changed, a document that does not parse) before touching the live store.
    const damaged = (err: unknown) => {
      if (!(err instanceof BackupDamagedError)) return err;
      return new ApiError('io_error', err.message, { params: { id, reason: 'backup_damaged' } });
    };
    await ctx.store.backups.check(id).catch((err) => {
      throw damaged(err);
    });
    const safetyBackup = await ctx.store.backups.create('before-restore');
    const live = ctx.store.storeDir;
    const staging = `${live}.restore-${process.pid}-${Date.now()}`;
    const old = `${live}.old-${process.pid}-${Date.now()}`;
    try {
      await ctx.store.backups.materialize(id, staging);
    } catch (err) {
      await fsp.rm(staging, { recursive: true, force: true });
      throw damaged(err);
    }
    await fsp.rename(live, old);
    await fsp.rename(staging, live);
    await fsp.rm(old, { recursive: true, force: true });
    await ctx.store.reload();
    await ctx.store.addNotice({ kind: 'restored', file: 'store', backupId: id });
    return { restored: chosen, safetyBackup };
  },
};
