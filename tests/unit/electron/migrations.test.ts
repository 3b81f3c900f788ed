import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CURRENT_SCHEMA_VERSION, MIGRATIONS, migrationPath, type Migration } from '@core/store/migrations';
import { Store } from '@core/store/store';
import { openApi, tempDir } from './helpers';

describe('schema migrations', () => {
  it('the registered migrations form one unbroken chain up to the current version', () => {
    expect(() => migrationPath(1, CURRENT_SCHEMA_VERSION, MIGRATIONS)).not.toThrow();
    expect(migrationPath(1, CURRENT_SCHEMA_VERSION, MIGRATIONS)).toHaveLength(CURRENT_SCHEMA_VERSION - 1);
    expect(() => migrationPath(1, 3, [{ from: 1, to: 2, description: '', migrate: (s) => s }])).toThrow(/from schema 2/);
  });

  it('runs forward migrations once, after a backup, and tells the user', async () => {
    const dir = tempDir();
    const { call } = await openApi(dir, { schemaVersion: 1 });
    const p = await call('posts.create', { content: { title: 'lama' } });
    const seen: number[] = [];
    // A test-only step: v2 upper-cases titles. It proves the mechanism; each real
    // migration in MIGRATIONS gets its own fixture test below.
    const upper: Migration = {
      from: 1,
      to: 2,
      description: 'titles upper-cased',
      migrate(raw) {
        const posts = raw.collections.get('posts')!;
        seen.push(posts.size);
        for (const [k, doc] of posts) posts.set(k, { ...(doc as object), title: (doc as { title: string }).title.toUpperCase() });
        return raw;
      },
    };
    const { store, call: call2 } = await openApi(dir, { schemaVersion: 2, migrations: [upper] });
    expect((await call2('posts.get', { id: p.id })).title).toBe('LAMA');
    expect(store.schemaVersion).toBe(2);
    const notice = store.notices.find((n) => n.kind === 'migrated')!;
    expect(notice.detail).toContain('titles upper-cased');
    const backups = await store.backups.list();
    expect(backups.find((b) => b.id === notice.backupId)?.reason).toBe('before-migration');
    // The backup holds the pre-migration data.
    const old = JSON.parse(readFileSync((await store.backups.fileIn(notice.backupId!, path.join('posts', `${p.id}.json`)))!, 'utf8'));
    expect(old.title).toBe('lama');
    // Opening again does not migrate twice.
    await Store.open(dir, { schemaVersion: 2, migrations: [upper] });
    expect(seen).toEqual([1]);
  });

  it('leaves the store untouched when a migration throws', async () => {
    const dir = tempDir();
    const { call } = await openApi(dir, { schemaVersion: 1 });
    await call('posts.create', {});
    const meta = path.join(dir, 'store', 'meta.json');
    const boom: Migration = { from: 1, to: 2, description: 'boom', migrate: () => { throw new Error('boom'); } };
    await expect(Store.open(dir, { schemaVersion: 2, migrations: [boom] })).rejects.toThrow('boom');
    expect(JSON.parse(readFileSync(meta, 'utf8')).schemaVersion).toBe(1);
  });

  for (const m of MIGRATIONS) {
    it(`migration ${m.from} → ${m.to} (${m.description}) upgrades its fixture to a valid store`, async () => {
      const fixture = path.join(__dirname, 'fixtures', 'migrations', `v${m.from}`);
      const dir = tempDir();
      const { cpSync } = await import('node:fs');
      cpSync(fixture, path.join(dir, 'store'), { recursive: true });
      const store = await Store.open(dir, { schemaVersion: m.to, migrations: MIGRATIONS });
      expect(store.schemaVersion).toBe(m.to);
      expect(store.notices.filter((n) => n.kind !== 'migrated')).toEqual([]);
      expect(store.postCount).toBeGreaterThan(0);
    });
  }
});
