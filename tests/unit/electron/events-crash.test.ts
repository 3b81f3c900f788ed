import { beforeAll, describe, expect, it } from 'vitest';
import { Store } from '@core/store/store';
import { runToExit } from './child';
import { tempDir, bundleFixture } from './helpers';

let script = '';
beforeAll(async () => {
  script = await bundleFixture('event-killer');
});

describe('change events after a SIGKILL', () => {
  it('a process killed while its change event is being handled keeps the write', async () => {
    const dir = tempDir('redaksi-events-');
    const { out, signal } = await runToExit(script, [dir]);
    expect(signal).toBe('SIGKILL');
    const m = /^event (\S+) (\d+)$/m.exec(out);
    expect(m, out).not.toBeNull();
    const store = await Store.open(dir);
    expect(store.posts.get(m![1])).toMatchObject({ title: 'Ditulis sebelum mati', rev: Number(m![2]) });
    expect(store.notices).toEqual([]);
  });
});
