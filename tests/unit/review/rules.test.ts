import { describe, expect, it } from 'vitest';
import { emptyPostContent, type Post } from '@shared/domain/post';
import { snapshotDiff, wordDiff } from '@shared/review/diff';
import { locateAnchor, paragraphsOf } from '@shared/review/paragraphs';
import {
  approvalExpiry,
  canQueue,
  changedFields,
  checkAction,
  isApprovalExpired,
  snapshotOf,
  statusAfterEdit,
} from '@shared/review/rules';

function post(over: Partial<Post> = {}): Post {
  const at = '2026-01-01T00:00:00.000Z';
  return { ...emptyPostContent(), id: 'p1', createdAt: at, updatedAt: at, rev: 1, status: 'draft', deletedAt: null, ...over };
}
const writer = { id: 'w1', role: 'penulis' as const };
const editor = { id: 'e1', role: 'editor' as const };

describe('review state machine', () => {
  it('lets anyone signed in submit a draft or a post sent back, and nothing else', () => {
    expect(checkAction('submit', { post: post(), actor: writer, authorIds: ['w1'] })).toEqual({ ok: true });
    expect(checkAction('submit', { post: post({ status: 'changes_requested' }), actor: writer, authorIds: [] }).ok).toBe(true);
    expect(checkAction('submit', { post: post({ status: 'approved' }), actor: writer, authorIds: [] })).toEqual({ ok: false, reason: 'wrong_status' });
    expect(checkAction('submit', { post: post(), actor: null, authorIds: [] })).toEqual({ ok: false, reason: 'not_signed_in' });
    expect(checkAction('submit', { post: post({ deletedAt: '2026-01-02T00:00:00.000Z' }), actor: writer, authorIds: [] })).toEqual({
      ok: false,
      reason: 'trashed',
    });
  });

  it('refuses an approval by the post author, even an editor', () => {
    const inReview = post({ status: 'in_review' });
    expect(checkAction('approve', { post: inReview, actor: editor, authorIds: ['e1'] })).toEqual({ ok: false, reason: 'own_post' });
    expect(checkAction('approve', { post: inReview, actor: editor, authorIds: [null, 'w1'] })).toEqual({ ok: true });
  });

  it('only editors and admins decide, only on posts in review, and a request for changes needs a note', () => {
    const inReview = post({ status: 'in_review' });
    expect(checkAction('approve', { post: inReview, actor: writer, authorIds: [] })).toEqual({ ok: false, reason: 'role_cannot_review' });
    expect(checkAction('approve', { post: post(), actor: editor, authorIds: [] })).toEqual({ ok: false, reason: 'wrong_status' });
    expect(checkAction('approve', { post: inReview, actor: { id: 'a', role: 'admin' }, authorIds: [] }).ok).toBe(true);
    expect(checkAction('request_changes', { post: inReview, actor: editor, authorIds: [], note: '  ' })).toEqual({
      ok: false,
      reason: 'note_required',
    });
    expect(checkAction('request_changes', { post: inReview, actor: editor, authorIds: ['e1'], note: 'Lengkapi kutipan' }).ok).toBe(true);
    expect(checkAction('approve', { post: inReview, actor: editor, authorIds: [], hasConflict: true })).toEqual({
      ok: false,
      reason: 'conflict_open',
    });
  });

  it('sends an approved or scheduled post back to review when reviewed content changes', () => {
    expect(statusAfterEdit('approved', true)).toBe('in_review');
    expect(statusAfterEdit('scheduled', true)).toBe('in_review');
    expect(statusAfterEdit('approved', false)).toBe('approved');
    expect(statusAfterEdit('draft', true)).toBe('draft');
    expect(statusAfterEdit('changes_requested', true)).toBe('changes_requested');
  });

  it('counts reader-visible fields as reviewed content, not the editor credit or dismissed findings', () => {
    const a = snapshotOf(post({ bodyMd: 'Satu.' }));
    expect(changedFields(a, snapshotOf(post({ bodyMd: 'Satu.', editorCredit: 'Budi', dismissedFindings: ['x'] })))).toEqual([]);
    expect(changedFields(a, snapshotOf(post({ bodyMd: 'Dua.', tags: ['pmi'] })))).toEqual(['bodyMd', 'tags']);
  });

  it('queues only approved posts whose approval has not lapsed', () => {
    const now = new Date('2026-03-01T10:00:00Z');
    expect(canQueue(post({ status: 'approved' }))).toBe(true);
    for (const status of ['draft', 'in_review', 'changes_requested'] as const) expect(canQueue(post({ status }))).toBe(false);
    expect(canQueue(post({ status: 'approved', deletedAt: now.toISOString() }))).toBe(false);
    const expiresAt = approvalExpiry(new Date('2026-03-01T08:00:00Z'), 1)!;
    expect(expiresAt).toBe('2026-03-01T09:00:00.000Z');
    expect(isApprovalExpired({ expiresAt }, now)).toBe(true);
    expect(canQueue(post({ status: 'approved' }), { kind: 'approved', expiresAt }, now)).toBe(false);
    expect(canQueue(post({ status: 'approved' }), { kind: 'approved', expiresAt: approvalExpiry(now, 24) }, now)).toBe(true);
    expect(canQueue(post({ status: 'approved' }), { kind: 'approved', expiresAt: null }, now)).toBe(true);
    expect(approvalExpiry(now, null)).toBeNull();
  });
});

describe('diff and anchors', () => {
  it('shows exactly the words that changed', () => {
    const parts = wordDiff('Bupati meresmikan gedung baru.', 'Bupati Blora meresmikan gedung PMI baru.');
    expect(parts.filter((p) => p.kind === 'added').map((p) => p.text.trim())).toEqual(['Blora', 'PMI']);
    expect(parts.filter((p) => p.kind === 'removed')).toEqual([]);
    const d = snapshotDiff(snapshotOf(post({ title: 'A', lead: 'x' })), snapshotOf(post({ title: 'A', lead: 'y' })));
    expect(d.map((f) => f.field)).toEqual(['lead']);
  });

  it('splits the article into lead + body blocks and re-anchors a quote after edits', () => {
    const p = post({ lead: 'Teras berita.', bodyMd: 'Paragraf satu.\n\nParagraf dua memuat kutipan.\r\n\r\n## Judul' });
    const paras = paragraphsOf(p);
    expect(paras).toEqual(['Teras berita.', 'Paragraf satu.', 'Paragraf dua memuat kutipan.', '## Judul']);
    const anchor = { paragraph: 2, quote: 'memuat kutipan', passage: true };
    expect(locateAnchor(paras, anchor)).toBe(2);
    const edited = paragraphsOf({ lead: p.lead, bodyMd: 'Paragraf baru.\n\n' + p.bodyMd });
    expect(locateAnchor(edited, anchor)).toBe(3);
    expect(locateAnchor(paragraphsOf({ lead: '', bodyMd: 'lain' }), anchor)).toBeNull();
  });
});
