import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Autosaver, DEBOUNCE_MS, RETRY_MS, type AutosaveSpec } from '@ui/lib/autosave';

interface Doc {
  id: string;
  rev: number;
  title: string;
  lead: string;
  tags: string[];
}
interface Draft {
  title: string;
  lead: string;
  tags: string;
}
type Patch = Partial<{ title: string; lead: string; tags: string[] }>;

class Conflict extends Error {}

/** A stored record with the server's rev rule, and a gate to hold a request in flight. */
function server(initial: Partial<Doc> = {}) {
  let doc: Doc = { id: 'p1', rev: 1, title: '', lead: '', tags: [], ...initial };
  const calls: { patch: Patch; baseRev: number; closing: boolean }[] = [];
  let gate: Promise<void> | null = null;
  let failNext = 0;
  return {
    get doc() {
      return doc;
    },
    calls,
    /** Another window or PC writes. */
    elsewhere(patch: Partial<Doc>) {
      doc = { ...doc, ...patch, rev: doc.rev + 1 };
      return doc;
    },
    hold() {
      let open!: () => void;
      gate = new Promise((r) => (open = r));
      return () => {
        gate = null;
        open();
      };
    },
    failTimes(n: number) {
      failNext = n;
    },
    async update(patch: Patch, baseRev: number, closing: boolean): Promise<Doc> {
      calls.push({ patch, baseRev, closing });
      if (gate) await gate;
      if (failNext > 0) {
        failNext--;
        throw new Error('network down');
      }
      if (baseRev !== doc.rev) throw new Conflict('conflict');
      doc = { ...doc, ...patch, rev: doc.rev + 1 };
      return doc;
    },
    async get(): Promise<Doc> {
      return doc;
    },
  };
}

const draftOf = (d: Doc): Draft => ({ title: d.title, lead: d.lead, tags: d.tags.join(', ') });
const toPatch = ({ tags, ...rest }: Partial<Draft>): Patch =>
  tags === undefined
    ? rest
    : {
        ...rest,
        tags: tags
          .split(',')
          .map((t) => t.trim())
          .filter(Boolean),
      };

let keyN = 0;
function saver(s: ReturnType<typeof server>, start: Doc = s.doc, key = `k${++keyN}`, onSaved?: (d: Doc) => void) {
  const spec: AutosaveSpec<Doc, Draft, Patch> = {
    key,
    rev: (d) => d.rev,
    draftOf,
    toPatch,
    send: (patch, baseRev, closing) => s.update(patch, baseRev, closing),
    fetch: () => s.get(),
    isConflict: (e) => e instanceof Conflict,
    onSaved,
    now: () => Date.UTC(2026, 10, 27, 3, 42),
  };
  return new Autosaver<Doc, Draft, Patch>(start, spec);
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('the shared autosave', () => {
  it('saves once after the pause, with only the changed fields, and says when', async () => {
    const s = server();
    const a = saver(s);
    a.edit({ title: 'B' });
    a.edit({ title: 'Ba' });
    a.edit({ title: 'Banjir' });
    expect(a.snapshot.status).toBe('dirty');
    await vi.advanceTimersByTimeAsync(DEBOUNCE_MS - 10);
    expect(s.calls).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(20);
    await a.settled();
    expect(s.calls).toEqual([{ patch: { title: 'Banjir' }, baseRev: 1, closing: false }]);
    expect(a.snapshot.status).toBe('saved');
    expect(a.snapshot.savedAt).toBe(Date.UTC(2026, 10, 27, 3, 42));
    expect(s.doc.title).toBe('Banjir');
  });

  it('keeps what is typed while a save is in flight and saves it next, from the rev that save returned', async () => {
    const s = server();
    const a = saver(s);
    const open = s.hold();
    a.edit({ title: 'Banjir' });
    await vi.advanceTimersByTimeAsync(DEBOUNCE_MS);
    expect(a.snapshot.status).toBe('saving');
    a.edit({ title: 'Banjir di Cepu', lead: 'Air naik' });
    expect(a.snapshot.draft.title).toBe('Banjir di Cepu');
    open();
    await a.settled();
    expect(a.snapshot.status).toBe('dirty');
    await vi.advanceTimersByTimeAsync(DEBOUNCE_MS);
    await a.settled();
    expect(s.calls.map((c) => c.baseRev)).toEqual([1, 2]);
    expect(s.calls[1].patch).toEqual({ title: 'Banjir di Cepu', lead: 'Air naik' });
    expect(a.snapshot.status).toBe('saved');
    expect(s.doc).toMatchObject({ rev: 3, title: 'Banjir di Cepu', lead: 'Air naik' });
  });

  it('never reports its own earlier save as a conflict, even from a stale copy', async () => {
    const s = server();
    const stale = s.doc;
    const first = saver(s, stale, 'same');
    first.edit({ title: 'Banjir' });
    await first.save();
    // A second view made from the copy loaded before that save (e.g. a list not yet refreshed).
    const second = saver(s, stale, 'other');
    second.edit({ title: 'Banjir' });
    await second.save();
    expect(second.snapshot.status).toBe('saved');
    expect(second.snapshot.doc.rev).toBe(2);
    second.edit({ lead: 'Air naik' });
    await second.save();
    expect(second.snapshot.status).toBe('saved');
    expect(s.doc).toMatchObject({ rev: 3, title: 'Banjir', lead: 'Air naik' });
  });

  it('a view opened while the last view’s save is in flight starts from that save', async () => {
    const s = server();
    const a = saver(s, s.doc, 'photo-1');
    const open = s.hold();
    a.edit({ title: 'Kepala dinas' });
    const leaving = a.save();
    a.stop();
    const b = saver(s, { ...s.doc }, 'photo-1');
    b.start();
    expect(b.snapshot.status).toBe('saving');
    open();
    await leaving;
    await b.settled();
    expect(b.snapshot.draft.title).toBe('Kepala dinas');
    expect(b.snapshot.status).toBe('saved');
    b.edit({ title: 'Kepala dinas baru' });
    await b.save();
    expect(b.snapshot.status).toBe('saved');
    expect(s.calls.map((c) => c.baseRev)).toEqual([1, 2]);
  });

  it('shows a real conflict, keeps the draft and stops saving until the person chooses', async () => {
    const s = server({ title: 'Awal' });
    const a = saver(s);
    s.elsewhere({ title: 'Dari PC lain' });
    a.edit({ title: 'Dari saya' });
    await vi.advanceTimersByTimeAsync(DEBOUNCE_MS);
    await a.settled();
    expect(a.snapshot.status).toBe('conflict');
    expect(a.snapshot.theirs?.title).toBe('Dari PC lain');
    a.edit({ lead: 'Masih mengetik' });
    await vi.advanceTimersByTimeAsync(DEBOUNCE_MS * 3);
    expect(s.calls).toHaveLength(1);
    expect(a.snapshot.draft).toMatchObject({ title: 'Dari saya', lead: 'Masih mengetik' });
    await a.resolve('mine');
    expect(a.snapshot.status).toBe('saved');
    expect(s.doc).toMatchObject({ title: 'Dari saya', lead: 'Masih mengetik', rev: 3 });
  });

  it('loading the other version replaces the draft', async () => {
    const s = server({ title: 'Awal' });
    const a = saver(s);
    s.elsewhere({ title: 'Dari PC lain' });
    a.edit({ title: 'Dari saya' });
    await a.save();
    await a.resolve('theirs');
    expect(a.snapshot).toMatchObject({ status: 'saved', draft: { title: 'Dari PC lain' } });
    expect(s.doc.title).toBe('Dari PC lain');
  });

  it('an edit elsewhere of other fields is not a conflict: ours go on top and theirs show', async () => {
    const s = server({ title: 'Awal', lead: 'Awal' });
    const a = saver(s);
    s.elsewhere({ lead: 'Teras dari PC lain' });
    a.edit({ title: 'Judul saya' });
    await a.save();
    expect(a.snapshot.status).toBe('saved');
    expect(s.doc).toMatchObject({ title: 'Judul saya', lead: 'Teras dari PC lain', rev: 3 });
    expect(a.snapshot.draft).toMatchObject({ title: 'Judul saya', lead: 'Teras dari PC lain' });
    expect(a.snapshot.doc.rev).toBe(3);
  });

  it('a newer copy from elsewhere: untouched fields follow it, a field both changed is a conflict', async () => {
    const s = server({ title: 'Awal', lead: 'Awal' });
    const a = saver(s);
    a.edit({ title: 'Judul saya' });
    a.adopt(s.elsewhere({ lead: 'Teras baru' }));
    await a.settled();
    expect(a.snapshot.draft).toMatchObject({ title: 'Judul saya', lead: 'Teras baru' });
    await a.save();
    expect(a.snapshot.status).toBe('saved');
    expect(s.doc).toMatchObject({ title: 'Judul saya', lead: 'Teras baru' });

    a.edit({ lead: 'Teras saya' });
    a.adopt(s.elsewhere({ lead: 'Teras mereka' }));
    await a.settled();
    expect(a.snapshot.status).toBe('conflict');
    expect(a.snapshot.draft.lead).toBe('Teras saya');
  });

  it('retries a failed save, and does not retry once the window is closing', async () => {
    const s = server();
    const a = saver(s);
    s.failTimes(1);
    a.edit({ title: 'Banjir' });
    await vi.advanceTimersByTimeAsync(DEBOUNCE_MS);
    await a.settled();
    expect(a.snapshot.status).toBe('error');
    expect((a.snapshot.error as Error).message).toBe('network down');
    await vi.advanceTimersByTimeAsync(RETRY_MS);
    await a.settled();
    expect(a.snapshot.status).toBe('saved');
    expect(s.doc.title).toBe('Banjir');

    s.failTimes(1);
    a.edit({ title: 'Banjir bandang' });
    await a.save(true);
    expect(s.calls.at(-1)?.closing).toBe(true);
    expect(a.snapshot.status).toBe('error');
    await vi.advanceTimersByTimeAsync(RETRY_MS * 2);
    expect(s.calls.filter((c) => c.closing)).toHaveLength(1);
  });

  it('a field the server stores differently (tags) does not save again in a loop', async () => {
    const s = server();
    const saved: Doc[] = [];
    const a = saver(s, s.doc, undefined, (d) => saved.push(d));
    a.edit({ tags: 'banjir,cepu' });
    await a.save();
    await vi.advanceTimersByTimeAsync(DEBOUNCE_MS * 5);
    expect(s.calls).toHaveLength(1);
    expect(s.doc.tags).toEqual(['banjir', 'cepu']);
    expect(saved.map((d) => d.rev)).toEqual([2]);
  });

  it('a stopped view schedules nothing, but its leaving save still runs', async () => {
    const s = server();
    const a = saver(s);
    a.edit({ title: 'Banjir' });
    a.stop();
    await vi.advanceTimersByTimeAsync(DEBOUNCE_MS * 2);
    expect(s.calls).toHaveLength(0);
    await a.save();
    expect(s.doc.title).toBe('Banjir');
  });
});
