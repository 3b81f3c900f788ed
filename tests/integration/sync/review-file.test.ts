import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ApiError } from '@shared/api/errors';
import { readZip } from '@core/files/zip';
import type { PouchDoc } from '@core/sync/pouch-types';
import { oldFormatRequest } from '../../unit/review/helpers';
import { closedAfterEach, threePcsWithTeam, type Pc, until } from './hub';

/**
 * Issue 13 item 4: the .redaksi file route carries the same documents as the
 * team sync, with their revision history, and imports them as a replication
 * does (new_edits: false). So a file and a sync never disagree: after a file,
 * a sync finds nothing new; after a sync, a file is a no-op; edits made on
 * both sides meanwhile are an ordinary sync conflict.
 */
const LEAD = 'Bupati Blora meminta setiap OPD aktif di media sosial, Kamis (25/8/2022).';
const BODY = 'Hal itu disampaikan pada Workshop Digital Content 2022.\n\n“Jangan hanya buat medsos untuk sekadar punya saja,” tegas bupati.';
const [P1, P2] = BODY.split('\n\n');

const opened = closedAfterEach();

type Team = Awaited<ReturnType<typeof threePcsWithTeam>>;

/** A (author) and B (editor) share the team through the hub, then lose the network. */
async function offlinePair(): Promise<Team & { a: Pc; b: Pc }> {
  const made = await threePcsWithTeam();
  opened.hub = made.hub;
  opened.pcs = made.pcs;
  const [a, b] = made.pcs;
  for (const pc of made.pcs) await pc.engine.idle();
  for (const pc of made.pcs) pc.link.setOnline(false);
  return { ...made, a, b };
}

function fileOf(pc: Pc, url: string): Buffer {
  const name = decodeURIComponent(url.replace(/^\.\/files\/exports\//, '').replace(/\?.*$/, ''));
  return readFileSync(path.join(pc.dir, 'exports', name));
}

async function exportFile(pc: Pc, postId: string) {
  const link = await pc.call('review.exportPackage', { postId });
  return { ...link, bytes: fileOf(pc, link.url) };
}

const importFile = (pc: Pc, bytes: Uint8Array, fileName = 'berkas.redaksi') =>
  pc.call('review.importPackage', { fileName, dataBase64: Buffer.from(bytes).toString('base64') });

async function refusal(p: Promise<unknown>): Promise<Record<string, unknown>> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ApiError) return { reason: e.code, ...(e.params ?? {}) };
    throw e;
  }
  throw new Error('expected a refusal');
}

/** Winning revision and open conflicts of a document in a PC's replica. */
async function revOf(pc: Pc, docId: string): Promise<{ rev: string; conflicts: string[] }> {
  const d = await pc.engine.replica('opd').get(docId, { conflicts: true });
  return { rev: d._rev!, conflicts: d._conflicts ?? [] };
}

/** The author submits on A and sends the request file. */
async function submittedOnA(t: Team & { a: Pc }) {
  await t.a.call('session.signIn', { memberId: t.writer.id });
  const post = await t.a.call('posts.create', { content: { title: 'Workshop konten digital', lead: LEAD, bodyMd: BODY, category: 'Kegiatan' } });
  await t.a.call('review.submit', { postId: post.id });
  await t.a.call('review.comment', { postId: post.id, anchor: { paragraph: 1, quote: 'Workshop', passage: true }, body: 'Nama acara benar?' });
  return { postId: post.id, request: await exportFile(t.a, post.id) };
}

/** A's admin trusts the key the refusal names (compared by phone in real life). */
async function trustFromRefusal(t: Team & { a: Pc }, r: Record<string, unknown>) {
  expect(r.reason).toBe('key_unknown');
  await t.a.call('session.signIn', { memberId: t.admin.id });
  await t.a.call('review.trustKey', { publicKey: String(r.publicKey), name: t.editor.name, role: 'editor' });
  await t.a.call('session.signIn', { memberId: t.writer.id });
}

/** Both PCs back online: every document of the post ends at one revision on the hub and both PCs, with no conflict. */
async function converged(pcsToCheck: Pc[], postId: string) {
  for (const pc of pcsToCheck) pc.link.setOnline(true);
  const hubDb = opened.hub!.db('opd-dinkominfo');
  for (const id of [`posts:${postId}`, `reviews:${postId}`, `audit:${postId}`]) {
    await until(async () => {
      const h = await hubDb.get(id, { conflicts: true }).catch(() => null);
      if (!h || h._conflicts?.length) return false;
      for (const pc of pcsToCheck) {
        const r = await revOf(pc, id).catch(() => null);
        if (!r || r.rev !== h._rev || r.conflicts.length) return false;
      }
      return true;
    }, `${id} converged without a conflict`, 20_000);
  }
  for (const pc of pcsToCheck) {
    await pc.engine.idle();
    expect(await pc.call('sync.conflicts', {})).toEqual([]);
    const comments = pc.core.store.collections.reviewComments.all().filter((c) => c.postId === postId);
    expect(new Set(comments.map((c) => c.body)).size, 'no duplicate comments').toBe(comments.length);
  }
}

describe('.redaksi files carry the sync documents', () => {
  it('sync after file: request and reply travel by file, then a sync finds nothing to disagree about', async () => {
    const t = await offlinePair();
    const { a, b, editor } = t;
    const { postId, request } = await submittedOnA(t);
    const entries = await readZip(request.bytes);
    expect([...entries.keys()].sort()).toEqual(['docs.json', 'manifest.json', 'media.json']);
    const docs = JSON.parse(Buffer.from(entries.get('docs.json')!).toString()) as PouchDoc[];
    expect(docs.map((d) => d._id.split(':')[0]).sort()).toEqual(['audit', 'posts', 'reviewComments', 'reviews']);
    for (const d of docs) expect(d._revisions?.ids[0]).toBe(d._rev!.split('-')[1]);
    // The file holds A's replica revisions exactly.
    expect(docs.find((d) => d._id === `posts:${postId}`)!._rev).toBe((await revOf(a, `posts:${postId}`)).rev);

    await b.call('session.signIn', { memberId: editor.id });
    const got = await importFile(b, request.bytes, request.fileName);
    expect(got).toMatchObject({ postId, kind: 'request', text: 'new', comments: 1 });
    expect((await b.call('review.inbox', {})).items.some((i) => i.postId === postId && i.reason === 'to_review')).toBe(true);
    expect((await revOf(b, `posts:${postId}`)).rev).toBe((await revOf(a, `posts:${postId}`)).rev);
    // Opening the same file twice changes nothing.
    expect(await importFile(b, request.bytes)).toMatchObject({ text: 'unchanged', comments: 0 });

    const view = await b.call('review.get', { postId });
    await b.call('review.comment', { postId, parentId: view.comments[0].id, body: 'Benar, Workshop Digital Content.' });
    await b.call('review.approve', { postId, validHours: null });
    const reply = await exportFile(b, postId);
    expect(reply.kind).toBe('reply');

    // First contact: A does not know the editor's key yet; nothing is written until an admin trusts it.
    const before = await revOf(a, `posts:${postId}`);
    await trustFromRefusal(t, await refusal(importFile(a, reply.bytes)));
    expect((await revOf(a, `posts:${postId}`)).rev).toBe(before.rev);
    const back = await importFile(a, reply.bytes, reply.fileName);
    expect(back).toMatchObject({ kind: 'reply', text: 'unchanged', decision: 'approved', comments: 1 });
    const onA = await a.call('review.get', { postId });
    expect(onA.post.status).toBe('approved');
    expect(onA.post.editorCredit).toBe(editor.name);
    expect(onA.review?.approval?.signature).toBeTruthy();
    // A replayed reply is a no-op, and so is the older request.
    expect(await importFile(a, reply.bytes)).toMatchObject({ text: 'unchanged', decision: null, comments: 0 });
    expect(await importFile(a, request.bytes)).toMatchObject({ text: 'unchanged', decision: null });
    expect(a.core.store.posts.require(postId).status).toBe('approved');

    await converged([a, b], postId);
    for (const pc of [a, b]) expect(pc.core.store.posts.require(postId).status).toBe('approved');
  }, 90_000);

  it('file after sync: what the file brings was already synced, or is taken once and syncs without a conflict', async () => {
    const made = await threePcsWithTeam();
    opened.hub = made.hub;
    opened.pcs = made.pcs;
    const [a, b] = made.pcs;
    const t = { ...made, a, b };
    await a.call('session.signIn', { memberId: made.writer.id });
    const post = await a.call('posts.create', { content: { title: 'Rapat koordinasi', lead: LEAD, bodyMd: BODY } });
    await a.call('review.submit', { postId: post.id });
    const request = await exportFile(a, post.id);
    await until(() => b.core.store.posts.get(post.id)?.status === 'in_review', 'the post on B by sync');
    await b.engine.idle();
    // The request file arrives after the sync brought the same revisions: nothing to do.
    await b.call('session.signIn', { memberId: made.editor.id });
    const revB = await revOf(b, `posts:${post.id}`);
    expect(await importFile(b, request.bytes)).toMatchObject({ text: 'unchanged', comments: 0 });
    expect(await revOf(b, `posts:${post.id}`)).toEqual(revB);

    // B loses the network, approves, and sends the reply by file.
    b.link.setOnline(false);
    await b.call('review.approve', { postId: post.id, validHours: null });
    const reply = await exportFile(b, post.id);
    await trustFromRefusal(t, await refusal(importFile(a, reply.bytes)));
    expect(await importFile(a, reply.bytes)).toMatchObject({ decision: 'approved' });
    expect(a.core.store.posts.require(post.id).status).toBe('approved');
    // Back online: the hub gets the approval from A (the file) and from B (its own), as the same revisions.
    await converged([a, b], post.id);
    const hubReview = await opened.hub!.db('opd-dinkominfo').get(`reviews:${post.id}`);
    expect(hubReview._rev).toBe(JSON.parse(Buffer.from((await readZip(reply.bytes)).get('docs.json')!).toString()).find((d: PouchDoc) => d._id === `reviews:${post.id}`)._rev);
  }, 90_000);

  it('edits of the same paragraph on both sides become a sync conflict, resolved once in the merge view', async () => {
    const t = await offlinePair();
    const { a, b, editor } = t;
    const { postId, request } = await submittedOnA(t);
    await b.call('session.signIn', { memberId: editor.id });
    await importFile(b, request.bytes);
    const copy = await b.call('posts.get', { id: postId });
    await b.call('posts.update', { id: postId, baseRev: copy.rev, patch: { bodyMd: `${P1} Kata editor.\n\n${P2}`, lead: 'Teras dari editor.' } });
    const reply = await exportFile(b, postId);
    const mine = await a.call('posts.get', { id: postId });
    await a.call('posts.update', { id: postId, baseRev: mine.rev, patch: { bodyMd: `${P1} Kata penulis.\n\n${P2}` } });

    const r = await importFile(a, reply.bytes);
    expect(r.text).toBe('conflict');
    expect((await a.call('sync.conflicts', {})).map((c) => c.id)).toEqual([postId]);
    // Nothing overwritten: A keeps its text until the author chooses.
    expect(a.core.store.posts.require(postId).bodyMd).toBe(`${P1} Kata penulis.\n\n${P2}`);
    const detail = await a.call('sync.conflict', { postId });
    expect(detail.fields).toEqual(['bodyMd']);
    const resolved = await a.call('sync.resolveConflict', { postId, choices: { bodyMd: 'theirs' } });
    expect(resolved.bodyMd).toBe(`${P1} Kata editor.\n\n${P2}`);
    // The lead only the editor changed merged by itself.
    expect(resolved.lead).toBe('Teras dari editor.');
    expect(await a.call('sync.conflicts', {})).toEqual([]);
    expect((await revOf(a, `posts:${postId}`)).conflicts).toEqual([]);

    await converged([a, b], postId);
    for (const pc of [a, b]) expect(pc.core.store.posts.require(postId).bodyMd).toBe(`${P1} Kata editor.\n\n${P2}`);
  }, 90_000);

  it('an old-format file (version 1) is still read, and its post becomes sync documents', async () => {
    const t = await offlinePair();
    const { a, b, editor } = t;
    await a.call('session.signIn', { memberId: t.writer.id });
    const post = await a.call('posts.create', { content: { title: 'Berkas lama', lead: LEAD, bodyMd: BODY } });
    await a.call('review.submit', { postId: post.id });
    const old = oldFormatRequest(a.core.store.posts.require(post.id), 'Dinkominfo');
    await b.call('session.signIn', { memberId: editor.id });
    expect(await importFile(b, old, 'tinjau-lama.redaksi')).toMatchObject({ kind: 'request', text: 'new' });
    expect(b.core.store.posts.require(post.id).status).toBe('in_review');
    await b.engine.idle();
    const doc = await b.engine.replica('opd').get(`posts:${post.id}`);
    expect((doc.data as { title: string }).title).toBe('Berkas lama');
    // The converted post is an ordinary document: B's next file carries it.
    const again = await exportFile(b, post.id);
    expect(JSON.parse(Buffer.from((await readZip(again.bytes)).get('docs.json')!).toString()).some((d: PouchDoc) => d._id === `posts:${post.id}`)).toBe(true);
  }, 90_000);

  it('a tampered file is refused and writes nothing', async () => {
    const t = await offlinePair();
    const { a, b, editor } = t;
    const { postId, request } = await submittedOnA(t);
    await b.call('session.signIn', { memberId: editor.id });
    await importFile(b, request.bytes);
    await b.call('review.requestChanges', { postId, note: 'Perbaiki judul.' });
    const reply = await exportFile(b, postId);
    await trustFromRefusal(t, await refusal(importFile(a, reply.bytes)));
    const files = await readZip(reply.bytes);
    const sha = (x: Uint8Array) => createHash('sha256').update(x).digest('hex');
    const rebuild = (change: (docs: PouchDoc[]) => void, fixManifest = true) => {
      const f = new Map(files);
      const docs = JSON.parse(Buffer.from(f.get('docs.json')!).toString()) as PouchDoc[];
      change(docs);
      f.set('docs.json', Buffer.from(JSON.stringify(docs)));
      if (fixManifest) {
        const m = JSON.parse(Buffer.from(f.get('manifest.json')!).toString());
        m.entries = [...f.keys()].filter((n) => n !== 'manifest.json').map((name) => ({ name, sha256: sha(f.get(name)!), bytes: f.get(name)!.byteLength }));
        f.set('manifest.json', Buffer.from(JSON.stringify(m)));
      }
      return zipSync(Object.fromEntries(f));
    };
    const revA = await revOf(a, `reviews:${postId}`);
    const postRevA = await revOf(a, `posts:${postId}`);
    // Edited by hand: the checksum catches it.
    expect((await refusal(importFile(a, rebuild((d) => d.reverse(), false)))).reason).toBe('package_altered');
    // "Changes requested" turned into "approved", checksums rebuilt: the signature catches it.
    const forged = rebuild((docs) => {
      const r = docs.find((d) => d._id === `reviews:${postId}`)!;
      const data = r.data as { decision: { kind: string } };
      data.decision.kind = 'approved';
      const p = docs.find((d) => d._id === `posts:${postId}`)!;
      (p.data as { status: string }).status = 'approved';
    });
    expect((await refusal(importFile(a, forged))).reason).toBe('signature_invalid');
    // A document of another post slipped in.
    const foreign = rebuild((docs) => {
      const c = docs.find((d) => d._id.startsWith('reviewComments:'))!;
      docs.push({ ...c, _id: 'reviewComments:lain123', data: { ...(c.data as object), id: 'lain123', postId: 'tulisanlain' } });
    });
    expect((await refusal(importFile(a, foreign))).reason).toBe('package_altered');
    // A revision history that does not match its revision id.
    const history = rebuild((docs) => {
      docs[0]._revisions = { start: docs[0]._revisions!.start, ids: ['0'.repeat(32)] };
    });
    expect((await refusal(importFile(a, history))).reason).toBe('package_damaged');
    expect(await revOf(a, `reviews:${postId}`)).toEqual(revA);
    expect(await revOf(a, `posts:${postId}`)).toEqual(postRevA);
    expect(a.core.store.posts.require(postId).status).toBe('in_review');
    // The genuine reply still goes in.
    expect(await importFile(a, reply.bytes)).toMatchObject({ decision: 'changes_requested' });
    expect(a.core.store.posts.require(postId).status).toBe('changes_requested');
  }, 90_000);
});
