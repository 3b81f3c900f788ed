import { readFileSync } from 'node:fs';
import path from 'node:path';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../shared/api/errors';
import { readZip } from '../../../electron/core/files/zip';
import { isReviewCopy } from '../../../electron/core/review/state';
import { openApi, tempDir } from '../electron/helpers';
import { BODY, LEAD, team, type Api } from './helpers';
import { teamPath } from '../../team-folder';

async function reason(p: Promise<unknown>): Promise<string | number | undefined> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ApiError) return e.params?.reason ?? e.code;
    throw e;
  }
  throw new Error('expected a refusal');
}

function fileOf(api: Api, url: string): Buffer {
  const name = decodeURIComponent(url.replace(/^\.\/files\/exports\//, '').replace(/\?.*$/, ''));
  return readFileSync(path.join(api.ctx.dataDir, 'exports', name));
}

const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');

/** Author PC with a submitted post and a request package; editor PC with its own team. */
async function setup() {
  const author = await openApi(tempDir('redaksi-author-'));
  const a = await team(author);
  await author.call('session.signIn', { memberId: a.writer.id });
  const post = await author.call('posts.create', { content: { title: 'Medsos OPD Jangan Mati Suri', lead: LEAD, bodyMd: BODY } });
  await author.call('review.submit', { postId: post.id });
  await author.call('review.comment', { postId: post.id, anchor: { paragraph: 1, quote: 'Workshop', passage: true }, body: 'Nama acara benar?' });
  const request = await author.call('review.exportPackage', { postId: post.id });
  expect(request.kind).toBe('request');
  expect(request.fileName).toMatch(/^tinjau-medsos-opd-jangan-mati-suri-.*\.redaksi$/);
  const editor = await openApi(tempDir('redaksi-editor-'));
  const e = await team(editor, { names: ['Rina', 'Kabid Humas'] });
  await editor.call('session.signIn', { memberId: e.editor.id });
  return { author, editor, post, a, e, requestBytes: fileOf(author, request.url) };
}

describe('.redaksi review packages', () => {
  it('round trip: the editor comments, suggests and approves in another data folder; the reply merges back', async () => {
    const { author, editor, post, requestBytes } = await setup();
    const entries = await readZip(requestBytes);
    expect([...entries.keys()].sort()).toEqual(['base.json', 'comments.json', 'manifest.json', 'media.json', 'post.json', 'suggestions.json']);
    const manifest = JSON.parse(Buffer.from(entries.get('manifest.json')!).toString());
    expect(manifest).toMatchObject({ format: 'redaksi-review', kind: 'request', postId: post.id });
    expect(manifest.nonce).toMatch(/^[0-9a-f]{32}$/);

    expect(isReviewCopy(author.ctx, post.id)).toBe(false);
    const imported = await editor.call('review.importPackage', { fileName: 'tinjau.redaksi', dataBase64: b64(requestBytes) });
    expect(isReviewCopy(editor.ctx, post.id)).toBe(true);
    expect(imported).toMatchObject({ kind: 'request', postId: post.id, text: 'new', comments: 1 });
    let view = await editor.call('review.get', { postId: post.id });
    expect(view.post.status).toBe('in_review');
    expect(view.post.bodyMd).toBe(BODY);
    expect(view.review?.remote?.fromName).toBe('Sari Penulis');
    await editor.call('review.comment', { postId: post.id, parentId: view.comments[0].id, body: 'Benar, Workshop Digital Content.' });
    await editor.call('review.suggest', { postId: post.id, field: 'lead', from: 'meminta', to: 'menginstruksikan' });
    view = await editor.call('review.approve', { postId: post.id, validHours: null });
    expect(view.post.editorCredit).toBe('Kabid Humas');
    const reply = await editor.call('review.exportPackage', { postId: post.id });
    expect(reply.kind).toBe('reply');

    const merged = await author.call('review.importPackage', { fileName: reply.fileName, dataBase64: b64(fileOf(editor, reply.url)) });
    expect(merged).toMatchObject({ kind: 'reply', text: 'unchanged', decision: 'approved' });
    const back = await author.call('review.get', { postId: post.id });
    expect(back.post.status).toBe('approved');
    expect(back.post.editorCredit).toBe('Kabid Humas');
    expect(back.review?.approval).toMatchObject({ viaFile: true, by: { name: 'Kabid Humas' } });
    expect(back.comments.map((c) => c.body)).toEqual(['Nama acara benar?', 'Benar, Workshop Digital Content.']);
    expect(back.suggestions).toMatchObject([{ status: 'pending', to: 'menginstruksikan' }]);
    const trail = await author.call('review.audit', { postId: post.id });
    expect(trail.map((e) => e.action)).toEqual(expect.arrayContaining(['exported', 'imported', 'approved']));
    expect(trail.find((e) => e.action === 'approved')?.actorName).toBe('Kabid Humas');

    // The same reply again is a replay.
    expect(await reason(author.call('review.importPackage', { fileName: reply.fileName, dataBase64: b64(fileOf(editor, reply.url)) }))).toBe(
      'package_replayed',
    );
    // And the request again on the editor's side too.
    expect(await reason(editor.call('review.importPackage', { fileName: 'x.redaksi', dataBase64: b64(requestBytes) }))).toBe('package_replayed');
    // A request read back into the Redaksi that wrote it is refused.
    expect(await reason(author.call('review.importPackage', { fileName: 'x.redaksi', dataBase64: b64(requestBytes) }))).toBe('package_own');
  });

  it('takes the editor text when only the editor changed it', async () => {
    const { author, editor, post, requestBytes } = await setup();
    await editor.call('review.importPackage', { fileName: 't.redaksi', dataBase64: b64(requestBytes) });
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
    const { author, editor, post, requestBytes } = await setup();
    await editor.call('review.importPackage', { fileName: 't.redaksi', dataBase64: b64(requestBytes) });
    const copy = await editor.call('posts.get', { id: post.id });
    await editor.call('posts.update', { id: post.id, baseRev: copy.rev, patch: { title: 'Judul dari editor', lead: 'Teras dari editor.' } });
    await editor.call('review.approve', { postId: post.id, validHours: null });
    const reply = await editor.call('review.exportPackage', { postId: post.id });

    // Meanwhile the author kept writing.
    const mine = await author.call('posts.get', { id: post.id });
    await author.call('posts.update', { id: post.id, baseRev: mine.rev, patch: { title: 'Judul dari penulis' } });

    const r = await author.call('review.importPackage', { fileName: 'b.redaksi', dataBase64: b64(fileOf(editor, reply.url)) });
    expect(r).toMatchObject({ text: 'conflict', decision: 'approved' });
    let view = await author.call('review.get', { postId: post.id });
    expect(view.post.title).toBe('Judul dari penulis'); // nothing overwritten
    expect(view.post.status).toBe('in_review'); // the approval was for another version
    expect(view.review?.conflict?.theirs.title).toBe('Judul dari editor');
    expect(view.review?.conflict?.mine.title).toBe('Judul dari penulis');
    expect(view.review?.conflict?.fields).toEqual(['title', 'lead']);
    // Decisions wait until the difference is resolved.
    const localEditor = author.store.workspace.team.find((m) => m.role === 'editor')!;
    await author.call('session.signIn', { memberId: localEditor.id });
    expect(await reason(author.call('review.approve', { postId: post.id, validHours: null }))).toBe('conflict_open');
    view = await author.call('review.resolveConflict', { postId: post.id, choices: { title: 'mine', lead: 'theirs' } });
    expect(view.post.title).toBe('Judul dari penulis');
    expect(view.post.lead).toBe('Teras dari editor.');
    expect(view.review?.conflict).toBeNull();
    expect(view.changes?.since).toBe('approved');
  });

  it('refuses altered, truncated, path-traversal, foreign and unknown packages with a reason', async () => {
    const { author, editor, post, requestBytes } = await setup();
    const entries = await readZip(requestBytes);
    const rezip = (files: Map<string, Uint8Array>) => zipSync(Object.fromEntries(files));

    // Altered: the post text changed after the checksums were made.
    const altered = new Map(entries);
    const p = JSON.parse(Buffer.from(altered.get('post.json')!).toString());
    p.bodyMd += '\n\nKalimat sisipan.';
    altered.set('post.json', Buffer.from(JSON.stringify(p)));
    expect(await reason(editor.call('review.importPackage', { fileName: 'a', dataBase64: b64(rezip(altered)) }))).toBe('package_altered');

    // Altered consistently (manifest checksums recomputed) but the content hash no longer matches.
    const m = JSON.parse(Buffer.from(entries.get('manifest.json')!).toString());
    const { createHash } = await import('node:crypto');
    const newPost = altered.get('post.json')!;
    m.entries = m.entries.map((e: { name: string }) =>
      e.name === 'post.json' ? { ...e, bytes: newPost.byteLength, sha256: createHash('sha256').update(newPost).digest('hex') } : e,
    );
    altered.set('manifest.json', Buffer.from(JSON.stringify(m)));
    expect(await reason(editor.call('review.importPackage', { fileName: 'a', dataBase64: b64(rezip(altered)) }))).toBe('package_altered');

    // A comment slipped in by hand (not covered by the content hash): only the checksum catches it.
    const forged = new Map(entries);
    forged.set('comments.json', Buffer.from('[]'));
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

    // A reply to a request this Redaksi never sent.
    await editor.call('review.importPackage', { fileName: 't', dataBase64: b64(requestBytes) });
    const reply = await editor.call('review.exportPackage', { postId: post.id });
    const stranger = await openApi(tempDir());
    const s = await team(stranger);
    await stranger.call('session.signIn', { memberId: s.writer.id });
    expect(await reason(stranger.call('review.importPackage', { fileName: 'b', dataBase64: b64(fileOf(editor, reply.url)) }))).toBe(
      'package_unknown_post',
    );
    // An older reply after a newer request went out.
    await author.call('review.exportPackage', { postId: post.id });
    expect(await reason(author.call('review.importPackage', { fileName: 'b', dataBase64: b64(fileOf(editor, reply.url)) }))).toBe(
      'package_outdated',
    );
  });

  it('carries the photos as renditions without the GPS position of the original', async () => {
    const exifr = (await import('exifr')).default;
    const original = readFileSync(teamPath('fixtures/photos/gps/DSCN0010.jpg'));
    expect((await exifr.gps(original))?.latitude).toBeTypeOf('number');
    const author = await openApi(tempDir());
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

    const editor = await openApi(tempDir());
    const e = await team(editor);
    await editor.call('session.signIn', { memberId: e.editor.id });
    await editor.call('review.importPackage', { fileName: 'f.redaksi', dataBase64: b64(fileOf(author, link.url)) });
    const view = await editor.call('review.get', { postId: post.id });
    expect(view.review?.remote?.media).toMatchObject([{ caption: 'Suasana workshop', file: jpegs[0].slice('media/'.length) }]);
    expect(view.photos[0].url).toBe(`./files/review-media/${jpegs[0].slice('media/'.length)}`);
    expect(readFileSync(path.join(editor.ctx.dataDir, 'review-media', view.review!.remote!.media[0].file)).equals(Buffer.from(jpeg))).toBe(true);
  });

  it('needs a signed-in profile to import', async () => {
    const { requestBytes } = await setup();
    const other = await openApi(tempDir());
    expect(await reason(other.call('review.importPackage', { fileName: 'a', dataBase64: b64(requestBytes) }))).toBe('not_signed_in');
  });
});
