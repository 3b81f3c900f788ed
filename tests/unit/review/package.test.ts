import { createHash, createPrivateKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { zipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { SyncEngine } from '@core/sync/engine';
import { ApiError } from '@shared/api/errors';
import { readZip } from '@core/files/zip';
import { isReviewCopy } from '@core/review/state';
import { openApi, reason, tempDir } from '../electron/helpers';
import { BODY, LEAD, team, type Api } from './helpers';
import { teamPath } from '../../team-folder';
import { canonicalSnapshot, snapshotOf } from '@shared/review/rules';
import { canonicalJson, decisionPayload, mediaHashInput } from '@shared/review/signature';

function fileOf(api: Api, url: string): Buffer {
  const name = decodeURIComponent(url.replace(/^\.\/files\/exports\//, '').replace(/\?.*$/, ''));
  return readFileSync(path.join(api.ctx.dataDir, 'exports', name));
}

const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');

/** A data folder with its sync engine running and no hub, as every host runs it: review files go through its replica. */
async function openWithSync(dir: string): Promise<Api> {
  const api = await openApi(dir);
  const engine = new SyncEngine(api.ctx);
  await engine.start();
  api.ctx.services.sync = engine;
  engines.push(engine);
  return api;
}
const engines: SyncEngine[] = [];
afterEach(async () => {
  for (const e of engines.splice(0)) await e.stop();
});

/** Author PC with a submitted post and a request package; editor PC with its own team. */
async function setup() {
  const author = await openWithSync(tempDir('redaksi-author-'));
  const a = await team(author);
  await author.call('session.signIn', { memberId: a.writer.id });
  const post = await author.call('posts.create', { content: { title: 'Medsos OPD Jangan Mati Suri', lead: LEAD, bodyMd: BODY } });
  await author.call('review.submit', { postId: post.id });
  await author.call('review.comment', { postId: post.id, anchor: { paragraph: 1, quote: 'Workshop', passage: true }, body: 'Nama acara benar?' });
  const request = await author.call('review.exportPackage', { postId: post.id });
  expect(request.kind).toBe('request');
  expect(request.fileName).toMatch(/^tinjau-medsos-opd-jangan-mati-suri-.*\.redaksi$/);
  const editor = await openWithSync(tempDir('redaksi-editor-'));
  const e = await team(editor, { names: ['Rina', 'Kabid Humas'] });
  await editor.call('session.signIn', { memberId: e.editor.id });
  return { author, editor, post, a, e, requestBytes: fileOf(author, request.url) };
}

/** The author's PC trusts the outside editor's key (its local editor confirmed the fingerprint by phone). */
async function trustEditor(author: Api, editor: Api, a: { writer: { id: string }; editor: { id: string } }) {
  const remote = (await editor.call('session.get', {})).members.find((m) => m.role === 'editor')!;
  await author.call('session.signIn', { memberId: a.editor.id });
  const t = await author.call('review.trustKey', { publicKey: remote.publicKey!, name: remote.name, role: 'editor' });
  await author.call('session.signIn', { memberId: a.writer.id });
  return t;
}

describe('.redaksi review packages', () => {
  it('round trip: the editor comments, suggests and approves in another data folder; the reply merges back', async () => {
    const { author, editor, post, requestBytes, a } = await setup();
    const entries = await readZip(requestBytes);
    expect([...entries.keys()].sort()).toEqual(['docs.json', 'manifest.json', 'media.json']);
    const manifest = JSON.parse(Buffer.from(entries.get('manifest.json')!).toString());
    expect(manifest).toMatchObject({ format: 'redaksi-review', version: 2, kind: 'request', postId: post.id });

    const imported = await editor.call('review.importPackage', { fileName: 'tinjau.redaksi', dataBase64: b64(requestBytes) });
    // The same document as a sync would bring, not a foreign copy.
    expect(isReviewCopy(editor.ctx, post.id)).toBe(false);
    expect(imported).toMatchObject({ kind: 'request', postId: post.id, text: 'new', comments: 1 });
    let view = await editor.call('review.get', { postId: post.id });
    expect(view.post.status).toBe('in_review');
    expect(view.post.bodyMd).toBe(BODY);
    expect(view.review?.submittedBy?.name).toBe('Sari Penulis');
    await editor.call('review.comment', { postId: post.id, parentId: view.comments[0].id, body: 'Benar, Workshop Digital Content.' });
    await editor.call('review.suggest', { postId: post.id, field: 'lead', from: 'meminta', to: 'menginstruksikan' });
    view = await editor.call('review.approve', { postId: post.id, validHours: null });
    expect(view.post.editorCredit).toBe('Kabid Humas');
    const reply = await editor.call('review.exportPackage', { postId: post.id });
    expect(reply.kind).toBe('reply');

    // First contact: the editor's key is unknown here; the refusal carries its fingerprint and writes nothing.
    const unknown = await author.call('review.importPackage', { fileName: reply.fileName, dataBase64: b64(fileOf(editor, reply.url)) }).catch((e: ApiError) => e);
    expect(unknown).toBeInstanceOf(ApiError);
    const editorMember = (await editor.call('session.get', {})).member!;
    expect((unknown as ApiError).params).toMatchObject({ reason: 'key_unknown', name: 'Kabid Humas', fingerprint: editorMember.fingerprint });
    expect(author.store.posts.get(post.id)!.status).toBe('in_review');
    const trusted = await trustEditor(author, editor, a);
    expect(trusted.fingerprint).toBe(editorMember.fingerprint);
    const merged = await author.call('review.importPackage', { fileName: reply.fileName, dataBase64: b64(fileOf(editor, reply.url)) });
    expect(merged).toMatchObject({ kind: 'reply', text: 'unchanged', decision: 'approved' });
    const back = await author.call('review.get', { postId: post.id });
    expect(back.post.status).toBe('approved');
    expect(back.post.editorCredit).toBe('Kabid Humas');
    expect(back.review?.approval).toMatchObject({ by: { name: 'Kabid Humas' } });
    expect(back.comments.map((c) => c.body)).toEqual(['Nama acara benar?', 'Benar, Workshop Digital Content.']);
    expect(back.suggestions).toMatchObject([{ status: 'pending', to: 'menginstruksikan' }]);
    const trail = await author.call('review.audit', { postId: post.id });
    expect(trail.map((e) => e.action)).toEqual(expect.arrayContaining(['exported', 'imported', 'approved']));
    expect(trail.find((e) => e.action === 'approved')?.actorName).toBe('Kabid Humas');

    // The same reply again is a no-op: its revisions are here already, the decision is not taken twice.
    const auditBefore = (await author.call('review.audit', { postId: post.id })).filter((e) => e.action === 'approved').length;
    expect(await author.call('review.importPackage', { fileName: reply.fileName, dataBase64: b64(fileOf(editor, reply.url)) })).toMatchObject({
      text: 'unchanged',
      decision: null,
      comments: 0,
    });
    // And so are the request on the editor's side, and a request read back into the Redaksi that wrote it.
    expect(await editor.call('review.importPackage', { fileName: 'x.redaksi', dataBase64: b64(requestBytes) })).toMatchObject({ text: 'unchanged', comments: 0 });
    expect(await author.call('review.importPackage', { fileName: 'x.redaksi', dataBase64: b64(requestBytes) })).toMatchObject({ decision: null, comments: 0 });
    expect(author.store.posts.get(post.id)!.status).toBe('approved');
    expect((await author.call('review.audit', { postId: post.id })).filter((e) => e.action === 'approved')).toHaveLength(auditBefore);
  });

  it('takes the editor text when only the editor changed it', async () => {
    const { author, editor, post, requestBytes, a } = await setup();
    await editor.call('review.importPackage', { fileName: 't.redaksi', dataBase64: b64(requestBytes) });
    await trustEditor(author, editor, a);
    const copy = await editor.call('posts.get', { id: post.id });
    await editor.call('posts.update', { id: post.id, baseRev: copy.rev, patch: { title: 'Medsos OPD Harus Aktif' } });
    await editor.call('review.requestChanges', { postId: post.id, note: 'Judul saya ganti; tambah foto.' });
    const reply = await editor.call('review.exportPackage', { postId: post.id });
    const r = await author.call('review.importPackage', { fileName: 'b.redaksi', dataBase64: b64(fileOf(editor, reply.url)) });
    expect(r).toMatchObject({ text: 'taken', decision: 'changes_requested' });
    const p = await author.call('posts.get', { id: post.id });
    expect(p.title).toBe('Medsos OPD Harus Aktif');
    expect(p.status).toBe('changes_requested');
  });

  it('keeps both versions when both sides changed the text, and the author resolves per field', async () => {
    const { author, editor, post, requestBytes, a } = await setup();
    await editor.call('review.importPackage', { fileName: 't.redaksi', dataBase64: b64(requestBytes) });
    await trustEditor(author, editor, a);
    const copy = await editor.call('posts.get', { id: post.id });
    await editor.call('posts.update', { id: post.id, baseRev: copy.rev, patch: { title: 'Judul dari editor', lead: 'Teras dari editor.' } });
    await editor.call('review.approve', { postId: post.id, validHours: null });
    const reply = await editor.call('review.exportPackage', { postId: post.id });

    // Meanwhile the author kept writing.
    const mine = await author.call('posts.get', { id: post.id });
    await author.call('posts.update', { id: post.id, baseRev: mine.rev, patch: { title: 'Judul dari penulis' } });

    const r = await author.call('review.importPackage', { fileName: 'b.redaksi', dataBase64: b64(fileOf(editor, reply.url)) });
    expect(r).toMatchObject({ text: 'conflict', decision: 'approved' });
    let p = await author.call('posts.get', { id: post.id });
    expect(p.title).toBe('Judul dari penulis'); // nothing overwritten
    expect(p.status).toBe('in_review'); // the approval was for another version
    // An ordinary sync conflict: both versions kept, the title both changed waits for the author.
    expect((await author.call('sync.conflicts', {})).map((c) => c.id)).toEqual([post.id]);
    const detail = await author.call('sync.conflict', { postId: post.id });
    expect(detail.fields).toEqual(['title']);
    expect(detail.theirs.title).toBe('Judul dari editor');
    expect(detail.mine.title).toBe('Judul dari penulis');
    p = await author.call('sync.resolveConflict', { postId: post.id, choices: { title: 'mine' } });
    expect(p.title).toBe('Judul dari penulis');
    // The lead only the editor changed is merged with the resolution.
    expect(p.lead).toBe('Teras dari editor.');
    expect(p.status).not.toBe('approved');
    expect(await author.call('sync.conflicts', {})).toEqual([]);
    const trail = await author.call('review.audit', { postId: post.id });
    expect(trail.some((e) => e.action === 'conflict_resolved')).toBe(true);
  });

  it('refuses altered, truncated, path-traversal, foreign and unknown packages with a reason', async () => {
    const { author, editor, post, requestBytes } = await setup();
    const entries = await readZip(requestBytes);
    const rezip = (files: Map<string, Uint8Array>) => zipSync(Object.fromEntries(files));

    // Altered: the post text changed after the checksums were made.
    const altered = new Map(entries);
    const docs = JSON.parse(Buffer.from(altered.get('docs.json')!).toString());
    docs.find((d: { _id: string }) => d._id === `posts:${post.id}`).data.bodyMd += '\n\nKalimat sisipan.';
    altered.set('docs.json', Buffer.from(JSON.stringify(docs)));
    expect(await reason(editor.call('review.importPackage', { fileName: 'a', dataBase64: b64(rezip(altered)) }))).toBe('package_altered');

    // Altered consistently (manifest checksums recomputed) but the content hash no longer matches.
    const m = JSON.parse(Buffer.from(entries.get('manifest.json')!).toString());
    const { createHash } = await import('node:crypto');
    const newDocs = altered.get('docs.json')!;
    m.entries = m.entries.map((e: { name: string }) =>
      e.name === 'docs.json' ? { ...e, bytes: newDocs.byteLength, sha256: createHash('sha256').update(newDocs).digest('hex') } : e,
    );
    altered.set('manifest.json', Buffer.from(JSON.stringify(m)));
    expect(await reason(editor.call('review.importPackage', { fileName: 'a', dataBase64: b64(rezip(altered)) }))).toBe('package_altered');

    // A comment slipped in by hand (not covered by the content hash): only the checksum catches it.
    const forged = new Map(entries);
    forged.set('docs.json', Buffer.from(JSON.stringify(JSON.parse(Buffer.from(entries.get('docs.json')!).toString()).filter((d: { _id: string }) => !d._id.startsWith('reviewComments:')))));
    expect(await reason(editor.call('review.importPackage', { fileName: 'a', dataBase64: b64(rezip(forged)) }))).toBe('package_altered');

    // Extra unlisted entry.
    const extra = new Map(entries);
    extra.set('script.js', Buffer.from('alert(1)'));
    expect(await reason(editor.call('review.importPackage', { fileName: 'a', dataBase64: b64(rezip(extra)) }))).toBe('package_altered');

    // Truncated (cut off in transfer).
    const cut = requestBytes.subarray(0, Math.floor(requestBytes.length * 0.6));
    expect(await reason(editor.call('review.importPackage', { fileName: 'a', dataBase64: b64(cut) }))).toBe('package_damaged');
    expect(await reason(editor.call('review.importPackage', { fileName: 'a', dataBase64: b64(Buffer.from('bukan zip')) }))).toBe(
      'package_damaged',
    );

    // Path traversal in an entry name.
    const evil = zipSync({ 'manifest.json': entries.get('manifest.json')!, '../../store/workspace.json': Buffer.from('{}') });
    expect(await reason(editor.call('review.importPackage', { fileName: 'a', dataBase64: b64(evil) }))).toBe('package_unsafe_path');
    const evilWin = zipSync({ 'manifest.json': entries.get('manifest.json')!, 'media\\..\\..\\x.jpg': Buffer.from('x') });
    expect(await reason(editor.call('review.importPackage', { fileName: 'a', dataBase64: b64(evilWin) }))).toBe('package_unsafe_path');

    // A zip that is not a review package.
    expect(await reason(editor.call('review.importPackage', { fileName: 'a', dataBase64: b64(zipSync({ 'a.txt': Buffer.from('x') })) }))).toBe(
      'package_not_redaksi',
    );

    // Nothing was written by the refused imports.
    expect(editor.store.posts.get(post.id)).toBeUndefined();

    // A reply written before a newer request went out brings nothing older back.
    await editor.call('review.importPackage', { fileName: 't', dataBase64: b64(requestBytes) });
    const reply = await editor.call('review.exportPackage', { postId: post.id });
    const cur = await author.call('posts.get', { id: post.id });
    await author.call('posts.update', { id: post.id, baseRev: cur.rev, patch: { title: 'Judul baru' } });
    await author.call('review.exportPackage', { postId: post.id });
    expect(await author.call('review.importPackage', { fileName: 'b', dataBase64: b64(fileOf(editor, reply.url)) })).toMatchObject({ text: 'kept_mine' });
    expect(author.store.posts.get(post.id)!.title).toBe('Judul baru');
  });

  it('carries the photos as renditions without the GPS position of the original', async () => {
    const exifr = (await import('exifr')).default;
    const original = readFileSync(teamPath('fixtures/photos/gps/DSCN0010.jpg'));
    expect((await exifr.gps(original))?.latitude).toBeTypeOf('number');
    const author = await openWithSync(tempDir());
    const a = await team(author);
    await author.call('session.signIn', { memberId: a.writer.id });
    const { photo } = await author.call('media.import', { name: 'DSCN0010.jpg', dataBase64: original.toString('base64') });
    const post = await author.call('posts.create', {
      content: { title: 'Dengan foto', lead: LEAD, bodyMd: BODY, media: [{ mediaId: photo.id, role: 'featured', caption: 'Suasana workshop' }] },
    });
    const local = await author.call('review.submit', { postId: post.id });
    expect(local.photos).toEqual([{ url: `./files/previews/${photo.sha256}.jpg`, caption: 'Suasana workshop', credit: photo.credit }]);
    const link = await author.call('review.exportPackage', { postId: post.id });
    const entries = await readZip(fileOf(author, link.url));
    const jpegs = [...entries.keys()].filter((n) => /^media\/[0-9a-f]{64}\.jpg$/.test(n));
    expect(jpegs).toHaveLength(1);
    const jpeg = entries.get(jpegs[0])!;
    expect(jpeg[0]).toBe(0xff);
    expect(await exifr.gps(Buffer.from(jpeg)).catch(() => undefined)).toBeFalsy();

    const editor = await openWithSync(tempDir());
    const e = await team(editor);
    await editor.call('session.signIn', { memberId: e.editor.id });
    await editor.call('review.importPackage', { fileName: 'f.redaksi', dataBase64: b64(fileOf(author, link.url)) });
    const view = await editor.call('review.get', { postId: post.id });
    expect(view.photos).toMatchObject([{ caption: 'Suasana workshop', url: `./files/review-media/${jpegs[0].slice('media/'.length)}` }]);
    expect(readFileSync(path.join(editor.ctx.dataDir, 'review-media', jpegs[0].slice('media/'.length))).equals(Buffer.from(jpeg))).toBe(true);
  });

  it('needs a signed-in profile to import', async () => {
    const { requestBytes } = await setup();
    const other = await openWithSync(tempDir());
    expect(await reason(other.call('review.importPackage', { fileName: 'a', dataBase64: b64(requestBytes) }))).toBe('not_signed_in');
  });
});

describe('signed decisions: forged replies are refused and change nothing', () => {
  const sha = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');

  /** Every file of the store with its hash: a refused import must leave it byte-identical. */
  function storeState(api: Api): Record<string, string> {
    const out: Record<string, string> = {};
    const walk = (dir: string) => {
      for (const n of readdirSync(dir)) {
        const f = path.join(dir, n);
        if (statSync(f).isDirectory()) walk(f);
        else out[path.relative(api.store.storeDir, f)] = sha(readFileSync(f));
      }
    };
    walk(api.store.storeDir);
    return out;
  }

  /** Rewrites entries of a package and rebuilds its manifest checksums, as an attacker with a zip tool would. */
  async function rebuild(bytes: Uint8Array, change: (files: Map<string, Uint8Array>) => void): Promise<Uint8Array> {
    const files = await readZip(bytes);
    change(files);
    const m = JSON.parse(Buffer.from(files.get('manifest.json')!).toString());
    m.entries = [...files.keys()].filter((n) => n !== 'manifest.json').map((name) => ({ name, sha256: sha(files.get(name)!), bytes: files.get(name)!.byteLength }));
    files.set('manifest.json', Buffer.from(JSON.stringify(m)));
    return zipSync(Object.fromEntries(files));
  }

  async function changesRequestedReply() {
    const s = await setup();
    await s.editor.call('review.importPackage', { fileName: 't.redaksi', dataBase64: b64(s.requestBytes) });
    await trustEditor(s.author, s.editor, s.a);
    await s.editor.call('review.requestChanges', { postId: s.post.id, note: 'Perbaiki judul.' });
    const reply = await s.editor.call('review.exportPackage', { postId: s.post.id });
    return { ...s, replyBytes: fileOf(s.editor, reply.url) };
  }

  it('a decision turned from "changes requested" into "approved" with a rebuilt manifest', async () => {
    const { author, replyBytes, post } = await changesRequestedReply();
    const forged = await rebuild(replyBytes, (files) => {
      const docs = JSON.parse(Buffer.from(files.get('docs.json')!).toString());
      docs.find((d: { _id: string }) => d._id === `reviews:${post.id}`).data.decision.kind = 'approved';
      files.set('docs.json', Buffer.from(JSON.stringify(docs)));
    });
    const before = storeState(author);
    expect(await reason(author.call('review.importPackage', { fileName: 'palsu.redaksi', dataBase64: b64(forged) }))).toBe('signature_invalid');
    expect(storeState(author)).toEqual(before);
    expect(author.store.posts.get(post.id)!.status).toBe('in_review');
  });

  it('a reply built from the request alone, signed by a key nobody confirmed, or by a writer', async () => {
    const { author, requestBytes, post, a } = await setup();
    const req = await readZip(requestBytes);
    const manifest = JSON.parse(Buffer.from(req.get('manifest.json')!).toString());
    const reqDocs = JSON.parse(Buffer.from(req.get('docs.json')!).toString()) as { _id: string; data: Record<string, unknown> }[];
    const postJson = reqDocs.find((d) => d._id === `posts:${post.id}`)!.data;
    const forge = (keyPair: { publicKey: KeyObject; privateKey: KeyObject } | null, name: string) => {
      const at = new Date().toISOString();
      const snapshot = snapshotOf(postJson as never);
      const hash = sha(canonicalSnapshot(snapshot));
      let signature = null;
      if (keyPair) {
        const publicKey = keyPair.publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
        const keyId = sha(Buffer.from(publicKey, 'base64'));
        const mediaHash = sha(mediaHashInput([]));
        const payload = decisionPayload({ postId: post.id, contentHash: hash, mediaHash, decision: 'approved', keyId, at });
        signature = { alg: 'Ed25519', keyId, publicKey, mediaHash, sig: sign(null, Buffer.from(canonicalJson(payload)), keyPair.privateKey).toString('base64') };
      }
      const decision = { kind: 'approved', by: { id: null, name }, at, note: '', hash, snapshot, expiresAt: null, viaFile: true, signature };
      // The request's own documents, with an approval written into the review record and the post flipped to approved.
      const docs = reqDocs.map((d) =>
        d._id === `reviews:${post.id}`
          ? { ...d, data: { ...d.data, decision, approval: decision } }
          : d._id === `posts:${post.id}`
            ? { ...d, data: { ...d.data, status: 'approved', editorCredit: name } }
            : d,
      );
      const entries: Record<string, Uint8Array> = { 'docs.json': Buffer.from(JSON.stringify(docs)), 'media.json': Buffer.from('[]') };
      const m = {
        ...manifest,
        kind: 'reply',
        packageId: 'forgedreply01',
        entries: Object.entries(entries).map(([n, d]) => ({ name: n, sha256: sha(d), bytes: d.byteLength })),
      };
      return zipSync({ 'manifest.json': Buffer.from(JSON.stringify(m)), ...entries });
    };
    const before = storeState(author);
    // No signature at all.
    expect(await reason(author.call('review.importPackage', { fileName: 'f', dataBase64: b64(forge(null, 'Budi Editor')) }))).toBe('decision_unsigned');
    // Signed with a key the author made up, claiming to be the editor.
    expect(await reason(author.call('review.importPackage', { fileName: 'f', dataBase64: b64(forge(generateKeyPairSync('ed25519'), 'Budi Editor')) }))).toBe(
      'key_unknown',
    );
    expect(storeState(author)).toEqual(before);
    // A writer's own key (a profile that is not an editor) cannot approve either: the writer's PC key is not exportable,
    // so this stands for a writer profile whose key is listed in the team.
    const writerKeys = generateKeyPairSync('ed25519');
    const at = new Date().toISOString();
    await author.store.collections.keys.put({
      id: a.writer.id, createdAt: at, updatedAt: at, rev: (author.store.collections.keys.get(a.writer.id)?.rev ?? 0) + 1, protection: 'none', salt: '', iv: '', tag: '',
      publicKey: writerKeys.publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
      data: writerKeys.privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
    });
    const mid = storeState(author);
    expect(await reason(author.call('review.importPackage', { fileName: 'f', dataBase64: b64(forge(writerKeys, 'Sari Penulis')) }))).toBe('key_not_editor');
    expect(storeState(author)).toEqual(mid);
    expect(author.store.posts.get(post.id)!.status).toBe('in_review');
  });

  it('only an editor or admin of the PC may trust a key, and only an Ed25519 one', async () => {
    const { author, editor } = await setup();
    const remote = (await editor.call('session.get', {})).members.find((m) => m.role === 'editor')!;
    expect(await reason(author.call('review.trustKey', { publicKey: remote.publicKey!, name: remote.name, role: 'editor' }))).toBe('role_cannot_trust');
    const localEditor = author.store.workspace.team.find((m) => m.role === 'editor')!;
    await author.call('session.signIn', { memberId: localEditor.id });
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ format: 'der', type: 'spki' }).toString('base64').slice(0, 200);
    expect(await reason(author.call('review.trustKey', { publicKey: rsa, name: 'X', role: 'editor' }))).toBe('key_invalid');
  });

  it('keys survive a restart; a PIN seals the private key, and the approval names the signer', async () => {
    const dir = tempDir();
    const api = await openApi(dir);
    const { writer, editor } = await team(api, { editorPin: '2468' });
    const rec = api.store.collections.keys.get(editor.id)!;
    expect(rec.protection).toBe('pin');
    // Sealed: the stored bytes are not a usable private key without the PIN.
    expect(() => createPrivateKey({ key: Buffer.from(rec.data, 'base64'), format: 'der', type: 'pkcs8' })).toThrow();
    await api.call('session.signIn', { memberId: writer.id });
    const p = await api.call('posts.create', { content: { title: 'Bertanda tangan', lead: LEAD, bodyMd: BODY } });
    await api.call('review.submit', { postId: p.id });
    const again = await openApi(dir);
    await again.call('session.signIn', { memberId: editor.id, pin: '2468' });
    const view = await again.call('review.approve', { postId: p.id, validHours: null });
    const sig = view.review!.approval!.signature!;
    expect(sig.publicKey).toBe((await again.call('session.get', {})).member!.publicKey);
    const { verifyDecision } = await import('@core/review/package');
    expect(verifyDecision(again.ctx, p.id, view.review!.approval!, null)).toMatchObject({ name: 'Budi Editor' });
  });
});

describe('merges that lose nothing', () => {
  it('edits of different paragraphs on both PCs merge without asking; the same paragraph is kept on both sides', async () => {
    const { author, editor, post, requestBytes, a } = await setup();
    await editor.call('review.importPackage', { fileName: 't.redaksi', dataBase64: b64(requestBytes) });
    await trustEditor(author, editor, a);
    const [p1, p2] = BODY.split('\n\n');
    const copy = await editor.call('posts.get', { id: post.id });
    await editor.call('posts.update', { id: post.id, baseRev: copy.rev, patch: { bodyMd: `${p1} Editor menambah kalimat.\n\n${p2}` } });
    await editor.call('review.requestChanges', { postId: post.id, note: 'Lihat paragraf 1.' });
    const reply = await editor.call('review.exportPackage', { postId: post.id });
    const mine = await author.call('posts.get', { id: post.id });
    await author.call('posts.update', { id: post.id, baseRev: mine.rev, patch: { bodyMd: `${p1}\n\n${p2} Penulis menambah kalimat.` } });
    const r = await author.call('review.importPackage', { fileName: 'b.redaksi', dataBase64: b64(fileOf(editor, reply.url)) });
    expect(r.text).toBe('merged');
    const merged = await author.call('posts.get', { id: post.id });
    expect(merged.bodyMd).toBe(`${p1} Editor menambah kalimat.\n\n${p2} Penulis menambah kalimat.`);
    expect((await author.call('review.get', { postId: post.id })).review?.conflict).toBeNull();
  });

  it('a newer request never silently replaces the editor’s own unsent edits', async () => {
    const { author, editor, post, requestBytes } = await setup();
    await editor.call('review.importPackage', { fileName: 't.redaksi', dataBase64: b64(requestBytes) });
    const [p1, p2] = BODY.split('\n\n');
    const copy = await editor.call('posts.get', { id: post.id });
    // The editor reworks the lead and the first paragraph on her PC.
    await editor.call('posts.update', { id: post.id, baseRev: copy.rev, patch: { lead: 'Teras versi editor.', bodyMd: `${p1} (editor)\n\n${p2}` } });
    // The author sends a newer request that changed the lead too, and the second paragraph.
    const cur = await author.call('posts.get', { id: post.id });
    await author.call('posts.update', { id: post.id, baseRev: cur.rev, patch: { lead: 'Teras versi penulis.', bodyMd: `${p1}\n\n${p2} (penulis)` } });
    const again = await author.call('review.exportPackage', { postId: post.id });
    const r = await editor.call('review.importPackage', { fileName: 'n.redaksi', dataBase64: b64(fileOf(author, again.url)) });
    expect(r.text).toBe('conflict');
    // Her copy stays as she left it; the lead both changed is a conflict with the author's version beside it.
    expect(editor.store.posts.get(post.id)!.lead).toBe('Teras versi editor.');
    const detail = await editor.call('sync.conflict', { postId: post.id });
    expect(detail).toMatchObject({ fields: ['lead'], theirs: { lead: 'Teras versi penulis.' } });
    // Resolving keeps her lead and merges the paragraphs each side changed.
    const p = await editor.call('sync.resolveConflict', { postId: post.id, choices: { lead: 'mine' } });
    expect(p.bodyMd).toBe(`${p1} (editor)\n\n${p2} (penulis)`);
    expect(p.lead).toBe('Teras versi editor.');
  });
});
