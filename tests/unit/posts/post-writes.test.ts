import { readFileSync } from 'node:fs';
import path from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { ChangeEvent } from '@core/store/events';
import { openApi, tempDir } from '../electron/helpers';
import { BODY, LEAD, inReview, team, type Api } from '../review/helpers';

/** A post written by Sari, approved by Budi; Sari is signed in again. */
async function approvedPost(api: Api) {
  const { post: p, writer, editor } = await inReview(api, 'Donor darah');
  const view = await api.call('review.approve', { postId: p.id, validHours: null });
  expect(view.post.status).toBe('approved');
  await api.call('session.signIn', { memberId: writer.id });
  return { post: view.post, writer, editor };
}

async function expectBackInReview(api: Api, postId: string, field: string, editorId?: string) {
  const view = await api.call('review.get', { postId });
  expect(view.post.status).toBe('in_review');
  expect(view.canQueue).toBe(false);
  // The credit is not part of the reviewed snapshot; its change is named in the audit trail below.
  if (field !== 'editorCredit') {
    expect(view.changes?.since).toBe('approved');
    expect(view.changes?.fields.map((f) => f.field)).toContain(field);
  }
  const trail = await api.call('review.audit', { postId });
  const edited = trail.filter((e) => e.action === 'edited').at(-1);
  expect(edited?.detail).toContain(field);
  expect(edited?.detail).toContain('approved → in_review');
  const editor = editorId ?? api.store.workspace.team.find((m) => m.role === 'editor')!.id;
  await api.call('session.signIn', { memberId: editor });
  await expect(api.call('publishing.schedule', { postId, channels: ['website'], scheduledAt: null })).rejects.toMatchObject({ params: { reason: 'not_approved' } });
}

describe('one write path for posts: every change after approval goes back to review', () => {
  it('posts.update of the text', async () => {
    const api = await openApi(tempDir());
    const { post } = await approvedPost(api);
    await api.call('posts.update', { id: post.id, baseRev: post.rev, patch: { lead: `${LEAD} Tambahan.` } });
    await expectBackInReview(api, post.id, 'lead');
  });

  it('posts.update cannot type over the Editor credit while approved (it follows the signed approval)', async () => {
    const api = await openApi(tempDir());
    const { post } = await approvedPost(api);
    await expect(api.call('posts.update', { id: post.id, baseRev: post.rev, patch: { editorCredit: 'Orang Lain' } })).rejects.toMatchObject({
      params: { reason: 'credit_locked' },
    });
    const after = await api.call('posts.get', { id: post.id });
    expect(after.status).toBe('approved');
    expect(after.editorCredit).toBe('Budi Editor');
    expect(after.rev).toBe(post.rev);
    // Sending the same credit back (as the editor form does with every save) is no change.
    const same = await api.call('posts.update', { id: post.id, baseRev: post.rev, patch: { editorCredit: 'Budi Editor' } });
    expect(same.status).toBe('approved');
  });

  it('publishing.saveVariants of a channel text (untouched defaults change nothing)', async () => {
    const api = await openApi(tempDir());
    const { post } = await approvedPost(api);
    const v = await api.call('publishing.variants', { postId: post.id });
    const same = await api.call('publishing.saveVariants', { postId: post.id, baseRev: v.post.rev, variants: v.variants });
    expect(same.post.status).toBe('approved');
    const x = v.variants.find((c) => c.channel === 'x')!;
    await api.call('publishing.saveVariants', { postId: post.id, baseRev: same.post.rev, variants: [{ ...x, text: 'Teks X lain sesudah disetujui' }] });
    await expectBackInReview(api, post.id, 'channelVariants');
  });

  it('posts.versionRestore', async () => {
    const api = await openApi(tempDir());
    const { writer, editor } = await team(api);
    await api.call('session.signIn', { memberId: writer.id });
    const p = await api.call('posts.create', { content: { title: 'Versi pertama', lead: LEAD, bodyMd: BODY } });
    const first = (await api.call('posts.versions', { postId: p.id })).at(-1)!;
    const edited = await api.call('posts.update', { id: p.id, baseRev: p.rev, patch: { title: 'Versi kedua' } });
    await api.call('review.submit', { postId: edited.id });
    await api.call('session.signIn', { memberId: editor.id });
    const approved = (await api.call('review.approve', { postId: p.id, validHours: null })).post;
    await api.call('session.signIn', { memberId: writer.id });
    const restored = await api.call('posts.versionRestore', { id: first.id, baseRev: approved.rev });
    expect(restored.title).toBe('Versi pertama');
    expect(restored.editorCredit).toBe(approved.editorCredit);
    await expectBackInReview(api, p.id, 'title');
  });

  it('review.decideSuggestion accepted after approval', async () => {
    const api = await openApi(tempDir());
    const { post: p, writer } = await inReview(api, 'Saran');
    const s = await api.call('review.suggest', { postId: p.id, field: 'lead', from: 'meminta', to: 'menginstruksikan' });
    await api.call('review.approve', { postId: p.id, validHours: null });
    await api.call('session.signIn', { memberId: writer.id });
    await api.call('review.decideSuggestion', { suggestionId: s.suggestions[0].id, accept: true });
    await expectBackInReview(api, p.id, 'lead');
  });

  it('cards.attach', async () => {
    const api = await openApi(tempDir());
    const { post } = await approvedPost(api);
    const card = await api.call('cards.create', { name: 'Kartu donor' });
    await api.call('cards.attach', { id: card.id, postId: post.id });
    await expectBackInReview(api, post.id, 'media');
  });

  it('publishing.importZip of a newer copy', async () => {
    const api = await openApi(tempDir());
    const { post } = await approvedPost(api);
    const out = await api.call('publishing.exportZip', { postId: post.id });
    const zip = unzipSync(readFileSync(path.join(api.ctx.dataDir, 'exports', decodeURIComponent(out.url.replace(/^\.\/files\/exports\//, '').replace(/\?.*$/, '')))));
    const meta = JSON.parse(strFromU8(zip['metadata.json']));
    meta.post.title = 'Judul dari salinan ZIP';
    meta.post.updatedAt = new Date(Date.parse(post.updatedAt) + 60_000).toISOString();
    zip['metadata.json'] = strToU8(JSON.stringify(meta));
    const res = await api.call('publishing.importZip', { name: 'salinan.zip', dataBase64: Buffer.from(zipSync(zip)).toString('base64') });
    expect(res.outcome).toBe('updated');
    await expectBackInReview(api, post.id, 'title');
  });

  it('a change computed from a stale copy is refused, never written over a newer one', async () => {
    const api = await openApi(tempDir());
    const p = await api.call('posts.create', { content: { title: 'A' } });
    await api.call('posts.update', { id: p.id, baseRev: p.rev, patch: { title: 'B' } });
    await expect(api.call('posts.update', { id: p.id, baseRev: p.rev, patch: { title: 'C' } })).rejects.toMatchObject({ code: 'conflict' });
    await expect(api.call('publishing.saveVariants', { postId: p.id, baseRev: p.rev, variants: [] })).rejects.toMatchObject({ code: 'conflict' });
    expect(api.store.posts.get(p.id)!.title).toBe('B');
  });
});

describe('change events', () => {
  it('every committed write emits exactly one event, with the person who made it', async () => {
    const api = await openApi(tempDir());
    const { writer } = await team(api);
    await api.call('session.signIn', { memberId: writer.id });
    const events: ChangeEvent[] = [];
    api.store.changes.subscribe((e) => events.push(e));
    const p = await api.call('posts.create', { content: { title: 'Rapat koordinasi' } });
    const u = await api.call('posts.update', { id: p.id, baseRev: p.rev, patch: { title: 'Rapat koordinasi OPD' } });
    const postEvents = events.filter((e) => e.collection === 'posts');
    expect(postEvents.map((e) => [e.id, e.rev, e.kind])).toEqual([
      [p.id, 1, 'put'],
      [p.id, u.rev, 'put'],
    ]);
    for (const e of events) expect(e.actor).toEqual({ id: writer.id, name: writer.name });
    // The audit trail is a write too, announced once (version history is a per-post log beside the store).
    expect(events.filter((e) => e.collection === 'audit').length).toBeGreaterThanOrEqual(1);
    // A refused write announces nothing.
    const before = events.length;
    await expect(api.call('posts.update', { id: p.id, baseRev: 1, patch: { title: 'x' } })).rejects.toBeTruthy();
    expect(events.length).toBe(before);
    // Settings, trash and purge.
    await api.call('posts.trash', { id: p.id });
    await api.call('posts.purge', { id: p.id });
    expect(events.filter((e) => e.collection === 'posts').map((e) => e.kind)).toEqual(['put', 'put', 'put', 'delete']);
    const ws = await api.call('settings.get', {});
    const editor = ws.team.find((m) => m.role === 'editor')!;
    await api.call('session.signIn', { memberId: editor.id });
    await api.call('settings.update', { baseRev: ws.rev, opd: { ...ws.opd, shortName: 'Dinkes' } });
    expect(events.at(-1)).toMatchObject({ collection: 'workspace', id: 'workspace', kind: 'put' });
  });

  it('work done outside any call is recorded as Redaksi; a failing listener never undoes a write', async () => {
    const dir = tempDir();
    const api = await openApi(dir);
    const events: ChangeEvent[] = [];
    api.store.changes.subscribe(() => {
      throw new Error('listener broke');
    });
    api.store.changes.subscribe((e) => events.push(e));
    const created = await api.store.posts.create({ ...(await api.call('posts.create', { content: { title: 'x' } })), id: 'background-post' });
    expect(events.at(-1)).toMatchObject({ collection: 'posts', id: 'background-post', actor: { id: null, name: 'Redaksi' } });
    const again = await openApi(dir);
    expect(again.store.posts.get('background-post')?.rev).toBe(created.rev);
  });
});

describe('review reacts to change events', () => {
  async function until(check: () => boolean, ms = 3000) {
    const end = Date.now() + ms;
    while (!check()) {
      if (Date.now() > end) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  it('a new publication enters the trail and a lapsed approval returns to review, with no polling', async () => {
    const { ApprovalExpiryService } = await import('@core/review/expiry');
    const api = await openApi(tempDir());
    const { post, editor } = await approvedPost(api);
    const svc = new ApprovalExpiryService(api.ctx);
    svc.start();
    try {
      const at = api.store.now().toISOString();
      await api.store.collections.publications.put({
        id: 'pub-event', createdAt: at, updatedAt: at, rev: 1, postId: post.id, cardId: null, channel: 'website',
        publishedAt: at, url: 'https://dinkes.blorakab.go.id/berita/1', source: 'outbox', actorId: editor.id, title: 'Donor darah', category: '',
      });
      await until(() => (api.store.collections.audit.get(post.id)?.events ?? []).some((e) => e.publicationId === 'pub-event'));
      const published = api.store.collections.audit.get(post.id)!.events.filter((e) => e.action === 'published');
      expect(published).toHaveLength(1);
      expect(published[0].actorName).toBe(editor.name);

      // A second approval that lapses in 2 hours; moving the clock past it sends the post back to review.
      await api.call('posts.update', { id: post.id, baseRev: post.rev, patch: { title: 'Donor darah massal' } });
      await api.call('session.signIn', { memberId: editor.id });
      await api.call('review.approve', { postId: post.id, validHours: 2 });
      api.store.setClockOffset(2 * 3_600_000 + 1000);
      await until(() => api.store.collections.audit.get(post.id)!.events.at(-1)!.action === 'expired');
      expect(api.store.posts.get(post.id)!.status).toBe('in_review');
      const last = api.store.collections.audit.get(post.id)!.events.at(-1)!;
      expect(last).toMatchObject({ action: 'expired', actorName: 'Redaksi' });
    } finally {
      await svc.stop();
    }
  });
});

describe('template placeholders', () => {
  it('a post still holding [[…]] guide text cannot be submitted or approved', async () => {
    const api = await openApi(tempDir());
    const { writer, editor } = await team(api);
    await api.call('session.signIn', { memberId: writer.id });
    const p = await api.call('posts.create', { template: 'berita_kegiatan' });
    expect(p.title).toContain('[[');
    await expect(api.call('review.submit', { postId: p.id })).rejects.toMatchObject({ params: { reason: 'placeholders_left' } });
    const filled = await api.call('posts.update', { id: p.id, baseRev: p.rev, patch: { title: 'Rapat', lead: LEAD, bodyMd: BODY, category: 'Berita', tags: [], photoCredits: '' } });
    await api.call('review.submit', { postId: filled.id });
    // A placeholder pasted back in while in review blocks the approval too.
    const cur = await api.call('posts.get', { id: p.id });
    const back = await api.call('posts.update', { id: p.id, baseRev: cur.rev, patch: { bodyMd: `${BODY}\n\n[[kutipan pejabat]]` } });
    expect(back.status).toBe('in_review');
    await api.call('session.signIn', { memberId: editor.id });
    await expect(api.call('review.approve', { postId: p.id, validHours: null })).rejects.toMatchObject({ params: { reason: 'placeholders_left' } });
  });
});

describe('the self-approval attacks of issue 12 are refused in the core', () => {
  it('a writer cannot add a second "editor" with the editor’s name, make herself admin, or clear the editor’s PIN', async () => {
    const api = await openApi(tempDir());
    const { writer, editor } = await team(api, { editorPin: '2468' });
    await api.call('session.signIn', { memberId: writer.id });
    const ws = await api.call('settings.get', {});
    const before = JSON.stringify(api.store.workspace);
    await expect(
      api.call('settings.update', { baseRev: ws.rev, team: [...ws.team.map(({ id, name, role }) => ({ id, name, role })), { name: editor.name, role: 'editor' }] }),
    ).rejects.toMatchObject({ code: 'forbidden', params: { reason: 'role_admin_only' } });
    await expect(
      api.call('settings.update', { baseRev: ws.rev, team: ws.team.map(({ id, name }) => ({ id, name, role: id === writer.id ? 'admin' : 'editor' })) }),
    ).rejects.toMatchObject({ params: { reason: 'role_admin_only' } });
    await expect(api.call('session.setPin', { memberId: editor.id, pin: null })).rejects.toMatchObject({ params: { reason: 'not_own_pin' } });
    expect(JSON.stringify(api.store.workspace)).toBe(before);
    // Even the editor (standing in for an admin) cannot create a namesake.
    await api.call('session.signIn', { memberId: editor.id, pin: '2468' });
    await expect(
      api.call('settings.update', { baseRev: ws.rev, team: [...ws.team.map(({ id, name, role }) => ({ id, name, role })), { name: ` ${editor.name.toUpperCase()} `, role: 'editor' }] }),
    ).rejects.toMatchObject({ code: 'conflict', params: { reason: 'duplicate_member' } });
  });

  it('nobody signed in: no change is accepted, and what is refused names why', async () => {
    const api = await openApi(tempDir());
    const { writer } = await team(api);
    await api.call('session.signIn', { memberId: writer.id });
    const p = await api.call('posts.create', { content: { title: 'x' } });
    await api.call('session.signOut', {});
    await expect(api.call('posts.update', { id: p.id, baseRev: p.rev, patch: { title: 'anonim' } })).rejects.toMatchObject({ params: { reason: 'not_signed_in' } });
    expect((await api.call('posts.get', { id: p.id })).title).toBe('x');
  });
});

describe('approval without loops', () => {
  it('the editor approves with a pending suggestion applied: the signed text includes it, nothing else moves', async () => {
    const api = await openApi(tempDir());
    const { post: p } = await inReview(api, 'Saran');
    const s1 = await api.call('review.suggest', { postId: p.id, field: 'lead', from: 'meminta', to: 'menginstruksikan' });
    const s2 = await api.call('review.suggest', { postId: p.id, field: 'bodyMd', from: 'Workshop', to: 'Lokakarya' });
    const [a, b] = s2.suggestions;
    expect(s1.suggestions[0].id).toBe(a.id);
    // A stale suggestion refuses the whole approval, and nothing is written.
    const stale = await api.call('review.suggest', { postId: p.id, field: 'lead', from: 'Bupati Blora', to: 'Bupati' });
    const cur = await api.call('posts.get', { id: p.id });
    await api.store.posts.put({ ...cur, lead: cur.lead.replace('Bupati Blora', 'Bupati Kabupaten Blora'), rev: cur.rev + 1 });
    const before = JSON.stringify(api.store.posts.get(p.id));
    await expect(api.call('review.approve', { postId: p.id, validHours: null, applySuggestions: [a.id, stale.suggestions[2].id] })).rejects.toMatchObject({
      params: { reason: 'suggestion_stale' },
    });
    expect(JSON.stringify(api.store.posts.get(p.id))).toBe(before);

    const view = await api.call('review.approve', { postId: p.id, validHours: null, applySuggestions: [a.id] });
    expect(view.post.status).toBe('approved');
    expect(view.post.lead).toContain('menginstruksikan');
    expect(view.post.bodyMd).toContain('Workshop');
    expect(view.suggestions.find((x) => x.id === a.id)?.status).toBe('accepted');
    expect(view.suggestions.find((x) => x.id === b.id)?.status).toBe('pending');
    // The signature covers the text with the suggestion in it.
    expect(view.review?.approval?.hash).toBe(view.hash);
  });
});
