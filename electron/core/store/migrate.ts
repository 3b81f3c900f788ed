import { promises as fsp } from 'node:fs';
import path from 'node:path';
import type { Low } from 'lowdb';
import type { StoreNotice } from '@shared/api/contract';
import type { BackupManager } from './backups';
import { pathExists, writeFileDurable } from './durable-file';
import { parseJsonDocument } from './json-adapter';
import { migrationPath, type Migration, type RawStore } from './migrations';

/** What running the migrations needs of the store. */
export interface MigrationHost {
  readonly storeDir: string;
  readonly backups: BackupManager;
  readonly meta: Low<{ schemaVersion: number; createdAt: string }>;
  notice(n: Omit<StoreNotice, 'id' | 'at'>): void;
}

/**
 * Bring the store's files from schema `from` to `to` with the steps of
 * migrations.ts: a backup first, then every document read raw, migrated and
 * written back durably, then the new schema version, and a notice.
 */
export async function migrateStore(host: MigrationHost, from: number, to: number, migrations: Migration[]): Promise<void> {
  const steps = migrationPath(from, to, migrations);
  const backup = await host.backups.create('before-migration');
  let raw: RawStore = { workspace: null, collections: new Map() };
  const wsFile = path.join(host.storeDir, 'workspace.json');
  if (await pathExists(wsFile)) raw.workspace = parseJsonDocument(wsFile, await fsp.readFile(wsFile, 'utf8'));
  for (const entry of await fsp.readdir(host.storeDir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const docs = new Map<string, unknown>();
    raw.collections.set(entry.name, docs);
    const dir = path.join(host.storeDir, entry.name);
    for (const n of await fsp.readdir(dir)) {
      if (!n.endsWith('.json') || n.startsWith('.')) continue;
      try {
        docs.set(n, parseJsonDocument(path.join(dir, n), await fsp.readFile(path.join(dir, n), 'utf8')));
      } catch {
        // Damaged files are left for readOrRecover, which restores them from backups.
      }
    }
  }
  for (const step of steps) raw = step.migrate(raw);
  if (raw.workspace !== null) await writeFileDurable(wsFile, JSON.stringify(raw.workspace));
  for (const [name, docs] of raw.collections) {
    await fsp.mkdir(path.join(host.storeDir, name), { recursive: true });
    for (const [n, doc] of docs) await writeFileDurable(path.join(host.storeDir, name, n), JSON.stringify(doc));
  }
  host.meta.data.schemaVersion = to;
  await host.meta.write();
  host.notice({
    kind: 'migrated',
    file: 'meta.json',
    backupId: backup.id,
    detail: `schema ${from} → ${to}: ${steps.map((s) => s.description).join('; ')}`,
  });
}

