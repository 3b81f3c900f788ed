import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createDispatcher } from '@core/api/dispatch';
import { Store } from '@core/store/store';
import { SyncEngine } from '@core/sync/engine';
import { benchCall, benchContext } from './api';
import { median, percentile, report } from './stats';

const PARA = 'Bupati Blora Arief Rohman meminta setiap OPD aktif menginformasikan kegiatan dinasnya di media sosial maupun website, Kamis (25/8/2022). ';

const engines: SyncEngine[] = [];

async function open(dir: string) {
  const store = await Store.open(dir);
  const ctx = benchContext(store);
  // Every host runs the sync engine (hub or not): review files go through its replica.
  const engine = new SyncEngine(ctx);
  await engine.start();
  ctx.services.sync = engine;
  engines.push(engine);
  const call = benchCall(createDispatcher(ctx));
  const ws = await call('settings.update', {
    baseRev: store.workspace.rev,
    team: [
      { name: 'Sari', role: 'penulis' },
      { name: 'Budi', role: 'editor' },
    ],
  });
  return { store, call, writer: ws.team[0].id, editor: ws.team[1].id };
}

/** Review: autosave with audit, package round trip (a ~1,500-word post with 40 comments), inbox over 500 posts. */
export async function reviewBench(): Promise<void> {
  const dirs = [mkdtempSync(path.join(os.tmpdir(), 'bench-review-a-')), mkdtempSync(path.join(os.tmpdir(), 'bench-review-b-'))];
  try {
    const a = await open(dirs[0]);
    const b = await open(dirs[1]);
    await a.call('session.signIn', { memberId: a.writer });
    const body = Array.from({ length: 60 }, () => PARA.repeat(2)).join('\n\n');
    let post = await a.call('posts.create', { content: { title: 'Uji kinerja tinjauan', lead: PARA, bodyMd: body } });

    // posts.update as autosave calls it, including the review hooks (status rule + coalesced audit).
    const saves: number[] = [];
    for (let i = 0; i < 60; i++) {
      const t0 = performance.now();
      post = await a.call('posts.update', { id: post.id, baseRev: post.rev, patch: { bodyMd: `${body} ${i}` } });
      saves.push(performance.now() - t0);
    }
    report('review.autosave-with-audit.p50', median(saves), 'ms');
    report('review.autosave-with-audit.p95', percentile(saves, 95), 'ms');

    await a.call('review.submit', { postId: post.id });
    for (let i = 0; i < 40; i++) {
      await a.call('review.comment', { postId: post.id, anchor: { paragraph: (i % 60) + 1, quote: 'Bupati Blora', passage: true }, body: `Komentar ${i}` });
    }
    const exportMs: number[] = [];
    const importMs: number[] = [];
    let bytes = 0;
    for (let i = 0; i < 7; i++) {
      const t0 = performance.now();
      const link = await a.call('review.exportPackage', { postId: post.id });
      exportMs.push(performance.now() - t0);
      const file = readFileSync(path.join(dirs[0], 'exports', link.fileName));
      bytes = file.length;
      await b.call('session.signIn', { memberId: b.editor });
      const t1 = performance.now();
      await b.call('review.importPackage', { fileName: link.fileName, dataBase64: file.toString('base64') });
      importMs.push(performance.now() - t1);
    }
    report('review.package-export', median(exportMs), 'ms');
    report('review.package-import', median(importMs), 'ms');
    report('review.package-size', bytes / 1024, 'KiB');

    for (let i = 0; i < 500; i++) {
      const p = await a.call('posts.create', { content: { title: `Berita ${i}`, lead: PARA } });
      if (i % 3 === 0) await a.call('review.submit', { postId: p.id });
    }
    await a.call('session.signIn', { memberId: a.editor });
    const inbox: number[] = [];
    for (let i = 0; i < 15; i++) {
      const t0 = performance.now();
      await a.call('review.inbox', {});
      inbox.push(performance.now() - t0);
    }
    report('review.inbox-500-posts', median(inbox), 'ms');
    const sheet: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      await a.call('review.approvalSheet', { postId: post.id });
      sheet.push(performance.now() - t0);
    }
    report('review.approval-sheet-pdf', median(sheet), 'ms');
  } finally {
    for (const e of engines.splice(0)) await e.stop().catch(() => undefined);
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  }
}
