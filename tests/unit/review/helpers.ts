import { snapshotHash } from '@core/review/audit';
import { buildPackage } from '@core/review/package';
import type { Post } from '@shared/domain/post';
import { snapshotOf } from '@shared/review/rules';
import { openApi } from '../electron/helpers';

export type Api = Awaited<ReturnType<typeof openApi>>;

/** A data folder with a writer (Sari) and an editor (Budi, with a PIN). */
export async function team(api: Api, opts: { editorPin?: string; names?: [string, string] } = {}) {
  const [w, e] = opts.names ?? ['Sari Penulis', 'Budi Editor'];
  const ws = await api.call('settings.update', {
    baseRev: (await api.call('settings.get', {})).rev,
    team: [
      { name: w, role: 'penulis' },
      { name: e, role: 'editor' },
    ],
  });
  const writer = ws.team.find((m) => m.name === w)!;
  const editor = ws.team.find((m) => m.name === e)!;
  if (opts.editorPin) {
    await api.call('session.signIn', { memberId: editor.id });
    await api.call('session.setPin', { memberId: editor.id, pin: opts.editorPin });
    await api.call('session.signOut', {});
  }
  return { writer, editor };
}

export const LEAD = 'Bupati Blora Arief Rohman meminta setiap OPD aktif di media sosial, Kamis (25/8/2022).';
export const BODY = 'Hal itu disampaikan pada Workshop Digital Content 2022.\n\n“Jangan hanya buat medsos untuk sekadar punya saja,” tegas bupati.';

/** Sari writes and submits a post; Budi (the editor) is signed in afterwards. */
export async function inReview(api: Api, title: string, opts: { editorPin?: string } = {}) {
  const { writer, editor } = await team(api, opts);
  await api.call('session.signIn', { memberId: writer.id });
  const post = await api.call('posts.create', { content: { title, lead: LEAD, bodyMd: BODY } });
  await api.call('review.submit', { postId: post.id });
  await api.call('session.signIn', { memberId: editor.id, ...(opts.editorPin ? { pin: opts.editorPin } : {}) });
  return { post, writer, editor };
}

/**
 * A review request file exactly as the version 1 exporter wrote it (post,
 * base snapshot, no comments, suggestions or media). Only such old files
 * bring a review copy; a current file brings the team's own shared post.
 */
export function oldFormatRequest(post: Post, opd: string): Uint8Array {
  const snap = snapshotOf(post);
  const enc = (v: unknown) => new TextEncoder().encode(JSON.stringify(v, null, 1));
  return buildPackage(
    {
      format: 'redaksi-review',
      version: 1,
      kind: 'request',
      packageId: 'oldformat0001',
      nonce: 'a'.repeat(32),
      createdAt: new Date().toISOString(),
      postId: post.id,
      from: { name: 'Sari Penulis', opd },
      inReplyTo: null,
      baseHash: snapshotHash(snap),
      contentHash: snapshotHash(snap),
    },
    { 'post.json': enc(post), 'base.json': enc(snap), 'comments.json': enc([]), 'suggestions.json': enc([]), 'media.json': enc([]) },
  );
}
