import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDataFolder } from '@core/data-folder';
import { createDispatcher } from '@core/api/dispatch';
import { tempDir } from './helpers';

/** Every file under the store folder with its size and modification time. */
function stamps(dir: string): Map<string, string> {
  const root = path.join(dir, 'store');
  const out = new Map<string, string>();
  for (const e of readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue;
    const file = path.join(e.parentPath, e.name);
    const st = statSync(file);
    out.set(path.relative(root, file), `${st.size}@${st.mtimeMs}`);
  }
  return out;
}

describe('warm-up of the write path at open', () => {
  it('opens an empty data folder', async () => {
    const folder = await openDataFolder(tempDir(), 'test');
    await folder.close();
  });

  it('reads a post, its audit trail and its versions, and writes nothing', async () => {
    const dir = tempDir();
    const first = await openDataFolder(dir, 'test');
    const dispatch = createDispatcher({ store: first.store, dataDir: dir, version: 'test', transport: 'http', services: {}, log: () => undefined });
    const created = await dispatch('posts.create', { content: { title: 'Pemanasan', lead: 'Teras.' } });
    expect(created.ok).toBe(true);
    await first.close();
    const before = stamps(dir);

    const again = await openDataFolder(dir, 'test');
    try {
      // The version part runs once the version index is ready.
      await new Promise((r) => setTimeout(r, 300));
      expect(stamps(dir)).toEqual(before);
      expect(again.store.posts.summaries().map((p) => p.title)).toEqual(['Pemanasan']);
    } finally {
      await again.close();
    }
  });
});
