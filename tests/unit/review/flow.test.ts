import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ApiError } from '@shared/api/errors';
import { canQueue } from '@shared/review/rules';
import { auditPublications, expireApprovals } from '@core/review/expiry';
import { openApi, tempDir } from '../electron/helpers';
import { postVersions } from '@core/posts/versions';
import { BODY, LEAD, team } from './helpers';

async function refused(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

function exportPath(dataDir: string, url: string): string {
  return path.join(dataDir, 'exports', decodeURIComponent(url.replace(/^\.\/files\/exports\//, '').replace(/\?.*$/, '')));
}

describe('review flow through the API', () => {
  it('keeps PIN hashes in the core, across settings saves, and checks the PIN', async () => {
    const api = await openApi(tempDir());
    const { editor, writer } = await team(api, { editorPin: '4821' });
    const ws = await api.call('settings.get', {});
    expect(ws.team.every((m) => m.pinHash === null)).toBe(true);
    expect(api.store.workspace.team.find((m) => m.id === editor.id)!.pinHash).toMatch(/^scrypt\$/);
    // The Settings screen saves the team without hashes: the PIN must survive.
    await api.call('session.signIn', { memberId: editor.id, pin: '4821' });
    await api.call('settings.update', { baseRev: ws.rev, team: ws.team.map(({ id, name, role }) => ({ id, name, role })) });
    expect(api.store.workspace.team.find((m) => m.id === editor.id)!.pinHash).toMatch(/^scrypt\$/);
    expect((await refused(api.call('session.signIn', { memberId: editor.id }))).params?.reason).toBe('pin_required');
    expect((await refused(api.call('session.signIn', { memberId: editor.id, pin: '0000' }))).params?.reason).toBe('pin_wrong');
    const s = await api.call('session.signIn', { memberId: editor.id, pin: '4821' });
    expect(s.member).toMatchObject({ id: editor.id, role: 'editor', hasPin: true });
    expect(JSON.stringify(s)).not.toContain('scrypt');
    const w = await api.call('session.signIn', { memberId: writer.id });
    expect(w.member?.id).toBe(writer.id);
  });

  it('locks a profile for a minute after five wrong PINs', async () => {
    const api = await openApi(tempDir());
    const { editor } = await team(api, { editorPin: '4821' });
    for (let i = 0; i < 5; i++) await refused(api.call('session.signIn', { memberId: editor.id, pin: '1111' }));
    expect((await refused(api.call('session.signIn', { memberId: editor.id, pin: '4821' }))).params?.reason).toBe('pin_locked');
  });

  it('runs submit → changes requested → resubmit → approve, with author ≠ approver and a diff', async () => {
    const api = await openApi(tempDir());
    const { writer, editor } = await team(api);
    await api.call('session.signIn', { memberId: writer.id });
    const created = await api.call('posts.create', { content: { title: 'Medsos OPD Jangan Mati Suri', lead: LEAD, bodyMd: BODY } });
    expect(created.authorId).toBe(writer.id);
    expect(created.authorCredit).toBe('Sari Penulis');
    let view = await api.call('review.submit', { postId: created.id });
    expect(view.post.status).toBe('in_review');

    // The writer cannot decide; nobody can approve their own post.
    expect((await refused(api.call('review.approve', { postId: created.id, validHours: null }))).params?.reason).toBe('role_cannot_review');

    await api.call('session.signIn', { memberId: editor.id });
    view = await api.call('review.comment', {
      postId: created.id,
      anchor: { paragraph: 2, quote: 'Jangan hanya buat medsos', passage: true },
      body: 'Sebutkan nama lengkap bupati pada kutipan.',
    });
    expect(view.comments).toHaveLength(1);
    expect((await refused(api.call('review.requestChanges', { postId: created.id, note: ' ' }))).params?.reason).toBe('note_required');
    view = await api.call('review.requestChanges', { postId: created.id, note: 'Perbaiki kutipan.' });
    expect(view.post.status).toBe('changes_requested');
    expect(view.review?.decision).toMatchObject({ kind: 'changes_requested', note: 'Perbaiki kutipan.', by: { name: 'Budi Editor' } });

    await api.call('session.signIn', { memberId: writer.id });
    const fixed = await api.call('posts.update', {
      id: created.id,
      baseRev: view.post.rev,
      patch: { bodyMd: BODY.replace('tegas bupati', 'tegas Bupati Arief Rohman') },
    });
    await api.call('review.comment', { postId: created.id, parentId: view.comments[0].id, body: 'Sudah diperbaiki.' });
    await api.call('review.submit', { postId: created.id });

    await api.call('session.signIn', { memberId: editor.id });
    view = await api.call('review.get', { postId: created.id });
    expect(view.changes?.since).toBe('changes_requested');
    const body = view.changes!.fields.find((f) => f.field === 'bodyMd')!;
    expect(body.parts.filter((p) => p.kind === 'added').map((p) => p.text).join('')).toContain('Bupati Arief Rohman');
    expect(body.parts.filter((p) => p.kind === 'removed').map((p) => p.text).join('')).toContain('bupati');
    expect(view.comments.find((c) => c.parentId)?.parentId).toBe(view.comments[0].id);
    view = await api.call('review.resolveComment', { commentId: view.comments[0].id, resolved: true });
    expect(view.comments[0].resolved).toBe(true);

    view = await api.call('review.approve', { postId: created.id, validHours: 48 });
    expect(view.post.status).toBe('approved');
    expect(view.post.editorCredit).toBe('Budi Editor');
    expect(view.canQueue).toBe(true);
    expect(fixed.rev).toBeLessThan(view.post.rev);

    // The editor who wrote a post may not approve it.
    const own = await api.call('posts.create', { content: { title: 'Tulisan editor' } });
    await api.call('review.submit', { postId: own.id });
    expect((await refused(api.call('review.approve', { postId: own.id, validHours: null }))).params?.reason).toBe('own_post');
  });

  it('sends an edited approved post back to review and shows what changed since approval', async () => {
    const api = await openApi(tempDir());
    const { writer, editor } = await team(api);
    await api.call('session.signIn', { memberId: writer.id });
    const p = await api.call('posts.create', { content: { title: 'Donor darah', lead: LEAD, bodyMd: BODY } });
    await api.call('review.submit', { postId: p.id });
    await api.call('session.signIn', { memberId: editor.id });
    const approved = (await api.call('review.approve', { postId: p.id, validHours: null })).post;
    await api.call('session.signIn', { memberId: writer.id });
    // Not reviewed content: stays approved.
    const same = await api.call('posts.update', { id: p.id, baseRev: approved.rev, patch: { dismissedFindings: ['x'] } });
    expect(same.status).toBe('approved');
    const edited = await api.call('posts.update', { id: p.id, baseRev: same.rev, patch: { title: 'Donor darah massal' } });
    expect(edited.status).toBe('in_review');
    expect(canQueue(edited)).toBe(false);
    const view = await api.call('review.get', { postId: p.id });
    expect(view.changes?.since).toBe('approved');
    expect(view.changes?.fields.map((f) => f.field)).toEqual(['title']);
    expect(view.changes?.fields[0].parts).toContainEqual({ kind: 'added', text: ' massal' });
  });

  it('coalesces autosave edits into one audit event and exports the trail as safe CSV', async () => {
    const api = await openApi(tempDir());
    const { writer } = await team(api);
    await api.call('session.signIn', { memberId: writer.id });
    let p = await api.call('posts.create', { content: { title: '=HYPERLINK("http://x")' } });
    for (let i = 0; i < 12; i++) p = await api.call('posts.update', { id: p.id, baseRev: p.rev, patch: { bodyMd: 'kata '.repeat(i + 1) } });
    await api.call('review.submit', { postId: p.id });
    p = await api.call('posts.get', { id: p.id });
    p = await api.call('posts.update', { id: p.id, baseRev: p.rev, patch: { bodyMd: 'akhir' } });
    const trail = await api.call('review.audit', { postId: p.id });
    expect(trail.map((e) => e.action)).toEqual(['created', 'edited', 'submitted', 'edited']);
    expect(trail[1].count).toBe(12);
    expect(trail.every((e) => e.actorName === 'Sari Penulis' && /^[0-9a-f]{64}$/.test(e.hash))).toBe(true);
    expect(trail[1].hash).not.toBe(trail[3].hash);
    const link = await api.call('review.auditCsv', { postId: p.id });
    expect(link.url).toMatch(/^\.\/files\/exports\/jejak-.*\.csv\?download=1$/);
    const csv = readFileSync(exportPath(api.ctx.dataDir, link.url), 'utf8');
    expect(csv.split('\r\n')[0]).toContain('pelaku');
    expect(csv).toContain('Sari Penulis');
    expect(csv).toContain('disunting');
  });

  it('writes a printable approval sheet with the version fingerprint', async () => {
    const api = await openApi(tempDir());
    const { writer, editor } = await team(api);
    await api.call('session.signIn', { memberId: writer.id });
    const p = await api.call('posts.create', { content: { title: 'Lembar uji', lead: LEAD, bodyMd: BODY } });
    await api.call('review.submit', { postId: p.id });
    await api.call('session.signIn', { memberId: editor.id });
    const view = await api.call('review.approve', { postId: p.id, validHours: null });
    const link = await api.call('review.approvalSheet', { postId: p.id });
    const pdf = readFileSync(exportPath(api.ctx.dataDir, link.url));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(2000);
    // The sheet names the editor's key fingerprint (read back as text with pdftotext where installed).
    const { spawnSync } = await import('node:child_process');
    const text = spawnSync('pdftotext', ['-layout', exportPath(api.ctx.dataDir, link.url), '-'], { encoding: 'utf8' });
    if (text.status === 0) {
      const me = (await api.call('session.get', {})).member!;
      expect(text.stdout.replace(/\s+/g, ' ')).toContain(me.fingerprint!);
      expect(text.stdout).toContain('Ed25519');
    } else console.warn('pdftotext not installed: the sheet text is not read back');
    const trail = await api.call('review.audit', { postId: p.id });
    expect(trail.at(-1)).toMatchObject({ action: 'exported', hash: view.hash, actorName: 'Budi Editor' });
  });

  it('accepts and rejects suggested edits one by one', async () => {
    const api = await openApi(tempDir());
    const { writer, editor } = await team(api);
    await api.call('session.signIn', { memberId: writer.id });
    const p = await api.call('posts.create', { content: { title: 'Saran', lead: LEAD, bodyMd: BODY } });
    await api.call('review.submit', { postId: p.id });
    await api.call('session.signIn', { memberId: editor.id });
    await api.call('review.suggest', { postId: p.id, field: 'lead', from: 'meminta', to: 'menginstruksikan' });
    let view = await api.call('review.suggest', { postId: p.id, field: 'bodyMd', from: 'Workshop', to: 'Lokakarya' });
    expect((await refused(api.call('review.suggest', { postId: p.id, field: 'lead', from: 'tidak ada', to: 'x' }))).params?.reason).toBe(
      'suggestion_stale',
    );
    await api.call('session.signIn', { memberId: writer.id });
    view = await api.call('review.decideSuggestion', { suggestionId: view.suggestions[0].id, accept: true });
    expect(view.post.lead).toContain('menginstruksikan');
    view = await api.call('review.decideSuggestion', { suggestionId: view.suggestions[1].id, accept: false });
    expect(view.post.bodyMd).toContain('Workshop');
    expect(view.suggestions.map((s) => s.status)).toEqual(['accepted', 'rejected']);
    expect((await refused(api.call('review.decideSuggestion', { suggestionId: view.suggestions[1].id, accept: true }))).params?.reason).toBe(
      'suggestion_decided',
    );
  });

  it('lets an approval lapse when the post did not go out in time', async () => {
    let now = new Date('2026-03-01T08:00:00Z');
    const api = await openApi(tempDir(), { now: () => now });
    const { writer, editor } = await team(api);
    await api.call('session.signIn', { memberId: writer.id });
    const p = await api.call('posts.create', { content: { title: 'Kedaluwarsa' } });
    await api.call('review.submit', { postId: p.id });
    await api.call('session.signIn', { memberId: editor.id });
    await api.call('review.approve', { postId: p.id, validHours: 2 });
    expect(await expireApprovals(api.ctx)).toBe(0);
    now = new Date('2026-03-01T10:00:01Z');
    const view = await api.call('review.get', { postId: p.id });
    expect(view.canQueue).toBe(false);
    expect(await expireApprovals(api.ctx)).toBe(1);
    expect((await api.call('posts.get', { id: p.id })).status).toBe('in_review');
    expect((await api.call('review.audit', { postId: p.id })).at(-1)?.action).toBe('expired');
  });

  it('records each publication of the outbox once in the trail, with who published it', async () => {
    const api = await openApi(tempDir());
    const { writer, editor } = await team(api);
    await api.call('session.signIn', { memberId: writer.id });
    const p = await api.call('posts.create', { content: { title: 'Tayang' } });
    const at = '2026-03-02T03:00:00.000Z';
    await api.store.collections.publications.put({
      id: 'pub1', createdAt: at, updatedAt: at, rev: 1, postId: p.id, cardId: null, channel: 'website',
      publishedAt: at, url: 'https://dinkominfo.blorakab.go.id/berita/tayang', source: 'outbox', actorId: editor.id, title: 'Tayang', category: '',
    });
    expect(await auditPublications(api.ctx)).toBe(1);
    expect(await auditPublications(api.ctx)).toBe(0);
    const last = (await api.call('review.audit', { postId: p.id })).find((e) => e.action === 'published')!;
    expect(last).toMatchObject({ action: 'published', actorName: 'Budi Editor', at });
    expect(last.detail).toContain('https://dinkominfo.blorakab.go.id/berita/tayang');
  });

  it('tells each person what waits for them', async () => {
    const api = await openApi(tempDir());
    const { writer, editor } = await team(api);
    await api.call('session.signIn', { memberId: writer.id });
    const p = await api.call('posts.create', { content: { title: 'Menunggu' } });
    expect((await api.call('review.inbox', {})).items).toEqual([]);
    await api.call('review.submit', { postId: p.id });
    await api.call('session.signIn', { memberId: editor.id });
    expect((await api.call('review.inbox', {})).items.map((i) => [i.reason, i.postId])).toEqual([['to_review', p.id]]);
    await api.call('review.requestChanges', { postId: p.id, note: 'Tambah foto' });
    expect((await api.call('review.inbox', {})).items).toEqual([]);
    await api.call('session.signIn', { memberId: writer.id });
    expect((await api.call('review.inbox', {})).items).toMatchObject([{ reason: 'changes_requested', by: 'Budi Editor' }]);
  });
});

describe('review and version history', () => {
  it('records a version at every status change made by the review desk', async () => {
    const api = await openApi(tempDir());
    const { writer, editor } = await team(api);
    await api.call('session.signIn', { memberId: writer.id });
    const p = await api.call('posts.create', { content: { title: 'Rapat Koordinasi', lead: LEAD, bodyMd: BODY } });
    await api.call('review.submit', { postId: p.id });
    await api.call('session.signIn', { memberId: editor.id });
    await api.call('review.requestChanges', { postId: p.id, note: 'Lengkapi kutipan narasumber.' });
    const statuses = (await postVersions(api.store).ofPost(p.id)).map((v) => v.status);
    expect(statuses).toEqual(expect.arrayContaining(['draft', 'in_review', 'changes_requested']));
    // The whole trail of a post is one document, however many events it holds.
    const trailFiles = readdirSync(path.join(api.store.storeDir, 'audit'));
    expect(trailFiles).toEqual([`${p.id}.json`]);
    expect(JSON.parse(readFileSync(path.join(api.store.storeDir, 'audit', trailFiles[0]), 'utf8')).events.map((e: { action: string }) => e.action)).toEqual([
      'created',
      'submitted',
      'changes_requested',
    ]);
  });
});
