import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { fingerprintOf } from '@shared/review/signature';
import type { FileLink, ReviewView } from '@shared/api/contracts/review';
import type { Anchor } from '@shared/review/model';
import { paragraphsOf } from '@shared/review/paragraphs';
import { canReview, reviewFileKind } from '@shared/review/rules';
import { formatZonedDateTime } from '@shared/domain/time-zone';
import { readinessChecklist } from '@shared/posts/checklist';
import { runCoach } from '@shared/posts/coach';
import { zonedDate } from '@shared/domain/time-zone';
import { api } from '@ui/api/client';
import { useApp } from '@ui/app/AppContext';
import { useI18n } from '@ui/i18n/i18n';
import { href } from '@ui/lib/router';
import { ArticlePreview, type Selected } from './ArticlePreview';
import { CommentComposer, SuggestionList, Threads } from './ReviewComments';
import { PendingOnParagraph, pendingFor, SuggestInPlace } from './TrackChanges';
import { SelectionPopover } from './SelectionPopover';
import { AuditTrail, ChangesPanel, ChannelVariants, ConflictPanel } from './ReviewExtras';
import { ConflictResolver } from '@ui/features/sync/ConflictResolver';
import { reviewError, touchInbox, useSession } from './session-store';
import { useApiQuery, useSetApiQueryData } from '@ui/lib/query';

type Tab = 'article' | 'channels' | 'audit';

/** #/posts/<id>/review: the article as readers see it, comments, suggestions, and the decision. */
export function ReviewScreen({ postId }: { postId: string }) {
  const { t } = useI18n();
  const { toast, workspace } = useApp();
  const session = useSession();
  const me = session?.member ?? null;
  const [tab, setTab] = useState<Tab>('article');
  const [anchor, setAnchor] = useState<Anchor | null>(null);
  const [selected, setSelected] = useState<Selected | null>(null);
  // Suggestion mode: the paragraph being changed in place.
  const [suggesting, setSuggesting] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const mainRef = useRef<HTMLDivElement>(null);

  // The review follows the store: a colleague's comment or decision (another window, another PC by sync,
  // a review file opened from the sidebar) shows without a reload. What the view shows depends on who is signed in.
  const scope = me?.id ?? null;
  const query = useApiQuery('review.get', { postId }, { scope });
  const setView = useSetApiQueryData('review.get', { postId }, scope);
  const view = query.data ?? null;
  const loadError = view ? null : query.error;
  const { refetch } = query;
  const load = useCallback(() => refetch(), [refetch]);
  // Both versions of the post kept by sync or by a review file: resolved here, in the paragraph merge view.
  const [syncConflict, setSyncConflict] = useState(false);
  useEffect(() => {
    let live = true;
    api.call('sync.conflicts', {}).then(
      (cs) => live && setSyncConflict(cs.some((c) => c.collection === 'posts' && c.id === postId)),
      () => live && setSyncConflict(false),
    );
    return () => {
      live = false;
    };
  }, [postId, view]);
  const conflictPost = useMemo(() => ({ id: postId }), [postId]);

  /** Runs a review call, shows its refusal reason, and adopts the new view. */
  const run = useCallback(
    async (fn: () => Promise<ReviewView>, done?: string): Promise<boolean> => {
      setBusy(true);
      try {
        const next = await fn();
        await setView(next);
        touchInbox();
        if (done) toast(done);
        return true;
      } catch (e) {
        toast(reviewError(t, e), 'error');
        void load();
        return false;
      } finally {
        setBusy(false);
      }
    },
    [t, toast, load, setView],
  );

  const checks = useMemo(() => {
    if (!view) return null;
    try {
      return readinessChecklist(view.post, workspace);
    } catch {
      return null; // the writing checks need settings this workspace may not have yet
    }
  }, [view, workspace]);

  if (loadError) {
    return (
      <section className="page">
        <a href={href('posts')}>← {t('editor.back')}</a>
        <p className="empty-state" role="alert">
          {reviewError(t, loadError)}
        </p>
      </section>
    );
  }
  if (!view) return <p className="loading">{t('common.loading')}</p>;

  const { post, review } = view;
  const zone = workspace.opd.timeZone;
  const paragraphs = paragraphsOf(post);
  const isAuthor = Boolean(me && view.authorIds.includes(me.id));
  const reviewer = Boolean(me && canReview(me.role));
  const decision = review?.decision ?? null;
  const openThreads = view.comments.filter((c) => !c.parentId && !c.resolved).length;

  return (
    <section className="page page-wide review-page">
      <header className="page-header review-header">
        <div>
          <a href={href('posts', post.id)}>← {t('review.backToEditor')}</a>
          <h1>
            {t('review.title')}: {post.title || t('posts.untitled')}
          </h1>
          <p className="muted review-meta">
            <span className={`badge status-${post.status}`} data-testid="review-status">
              {t(`status.${post.status}`)}
            </span>{' '}
            <span className="review-fingerprint">
              {t('review.fingerprint')}{' '}
              <small>
                <code>{view.hash.slice(0, 12).toUpperCase()}</code>
              </small>
            </span>
          </p>
        </div>
      </header>

      {!me && <p className="notice">{t('review.signInToAct')}</p>}
      {review?.remote && (
        <p className="notice">
          {t('review.remoteCopy', { from: review.remote.fromName, opd: review.remote.opdName ? ` (${review.remote.opdName})` : '' })}
        </p>
      )}
      {review?.conflict && <ConflictPanel view={view} busy={busy} run={run} />}
      {syncConflict && (
        <ConflictResolver
          hideList
          hideRefused
          openPostId={conflictPost}
          onChanged={() => {
            setSyncConflict(false);
            touchInbox();
            void load();
          }}
        />
      )}
      {view.approvalExpired && (
        <p className="notice" role="alert">
          {t('review.expired')}
        </p>
      )}
      {decision && post.status === 'changes_requested' && decision.kind === 'changes_requested' && (
        <div className="notice review-request" role="status">
          <p>
            <strong>{t('review.requestedBy', { by: decision.by.name, at: formatZonedDateTime(decision.at, zone) })}</strong>
            <br />
            <span data-testid="request-note">{decision.note}</span>
          </p>
        </div>
      )}
      {post.status === 'approved' && review?.approval && (
        <p className="notice review-approved" role="status">
          {t('review.approvedBy', { by: review.approval.by.name, at: formatZonedDateTime(review.approval.at, zone) })}{' '}
          {review.approval.expiresAt && t('review.expires', { at: formatZonedDateTime(review.approval.expiresAt, zone) })}
          {review.approval.signature && (
            <>
              <br />
              <span data-testid="approval-signature">
                {t(review.approval.viaFile || view.approvalVerified ? 'review.signature.verifiedFile' : 'review.signature.signed', { fingerprint: fingerprintOf(review.approval.signature.keyId) })}
              </span>
            </>
          )}
        </p>
      )}
      {isAuthor && post.status === 'in_review' && <p className="muted">{t('review.youAreAuthor')}</p>}

      <nav className="tabs" aria-label={t('review.title')}>
        {(['article', 'channels', 'audit'] as const).map((k) => (
          <a
            key={k}
            href={href('posts', post.id, 'review')}
            aria-current={tab === k ? 'page' : undefined}
            onClick={(e) => (e.preventDefault(), setTab(k))}
          >
            {t(`review.tab.${k}`)}
          </a>
        ))}
      </nav>

      {tab === 'audit' && <AuditTrail postId={post.id} />}
      {tab === 'channels' && <ChannelVariants post={post} />}
      {tab === 'article' && (
        <div className="review-layout">
          <div className="review-main" ref={mainRef}>
            {view.changes && <ChangesPanel changes={view.changes} post={post} />}
            <ArticlePreview
              post={post}
              photos={view.photos}
              comments={view.comments}
              canComment={Boolean(me)}
              onCommentParagraph={(a) => setAnchor(a)}
              onSelect={setSelected}
              editing={suggesting}
              onSuggestParagraph={me && !isAuthor && post.status !== 'approved' ? (i) => (setSelected(null), setSuggesting(i)) : undefined}
              renderEditor={(i, source) => (
                <SuggestInPlace post={post} paragraph={i} source={source} busy={busy} run={run} onClose={() => setSuggesting(null)} />
              )}
              renderBelow={(i, source) => {
                const pending = pendingFor(view.suggestions, paragraphs, i);
                return pending.length ? <PendingOnParagraph source={source} paragraph={i} suggestions={pending} canDecide={Boolean(me)} busy={busy} run={run} /> : null;
              }}
            />
            {me && selected && (
              <SelectionPopover
                key={`${selected.paragraph}:${selected.text}`}
                post={post}
                selected={selected}
                host={mainRef}
                busy={busy}
                run={run}
                onDone={() => {
                  setSelected(null);
                  window.getSelection()?.removeAllRanges();
                }}
              />
            )}
            <p className="muted small">{t('review.selection.hint')}</p>
          </div>
          <aside className="review-side">
            {checks && (
              <details className="card review-checks">
                <summary>
                  <strong>{t('review.checks.title')}</strong>:{' '}
                  {checks.every((c) => c.ok) ? t('review.checks.ok') : t('review.checks.count', { n: checks.filter((c) => !c.ok).length })}
                </summary>
                <ul>
                  {checks.map((c) => (
                    <li key={c.id} className={c.ok ? 'check-ok' : 'check-fail'}>
                      <span aria-hidden="true">{c.ok ? '✓' : '!'}</span> {c.label}
                    </li>
                  ))}
                </ul>
              </details>
            )}

            {me && (
              <DecisionPanel view={view} busy={busy} run={run} reviewer={reviewer} isAuthor={isAuthor} />
            )}

            {me && (
              <CommentComposer
                key={anchor ? `${anchor.paragraph}:${anchor.quote}` : 'general'}
                post={post}
                anchor={anchor}
                selected={selected}
                paragraphs={paragraphs}
                busy={busy}
                onClear={() => {
                  setAnchor(null);
                  setSelected(null);
                  window.getSelection()?.removeAllRanges();
                }}
                run={run}
              />
            )}

            <div className="card">
              <h2>
                {t('review.comments.title')} {openThreads > 0 && <span className="badge">{openThreads}</span>}
              </h2>
              <Threads view={view} paragraphs={paragraphs} canAct={Boolean(me)} busy={busy} run={run} />
            </div>
            {view.suggestions.length > 0 && (
              <div className="card">
                <h2>{t('review.suggestions.title')}</h2>
                <SuggestionList view={view} canDecide={Boolean(me)} busy={busy} run={run} />
              </div>
            )}
            <FilesPanel view={view} signedIn={Boolean(me)} onChanged={load} />
          </aside>
        </div>
      )}
    </section>
  );
}

function DecisionPanel({
  view,
  busy,
  run,
  reviewer,
  isAuthor,
}: {
  view: ReviewView;
  busy: boolean;
  run: (fn: () => Promise<ReviewView>, done?: string) => Promise<boolean>;
  reviewer: boolean;
  isAuthor: boolean;
}) {
  const { t } = useI18n();
  const [note, setNote] = useState('');
  const [hours, setHours] = useState<string>('none');
  const [noteError, setNoteError] = useState(false);
  const { post } = view;
  const session = useSession();
  const me = session?.member;
  const { workspace } = useApp();
  const pending = view.suggestions.filter((s) => s.status === 'pending');
  // Open coach errors are listed before the approval (issue 12): the editor signs knowing what is still wrong.
  const today = zonedDate(new Date(), workspace.opd.timeZone);
  const coachErrors = useMemo(
    () => runCoach(post, { settings: workspace.news, template: post.template, today }).findings.filter((f) => f.severity === 'error'),
    [post, workspace.news, today],
  );
  // Pending suggestions are applied with the approval unless the editor unticks them.
  const [skipped, setSkipped] = useState<Set<string>>(() => new Set());
  const toApply = pending.filter((s) => !skipped.has(s.id)).map((s) => s.id);

  if (post.status === 'changes_requested' || post.status === 'draft') {
    return (
      <div className="card">
        <button
          type="button"
          className="primary"
          disabled={busy}
          onClick={() => void run(() => api.call('review.submit', { postId: post.id }), t('review.bar.submitted'))}
        >
          {t('review.bar.submit')}
        </button>
      </div>
    );
  }
  if (!reviewer || (post.status !== 'in_review' && post.status !== 'approved')) return null;

  return (
    <form className="card review-decision" onSubmit={(e) => e.preventDefault()}>
      <h2>{t('review.decision.title')}</h2>
      <label className="field">
        <span className="field-label">{t('review.decision.note')}</span>
        <textarea
          rows={3}
          value={note}
          aria-invalid={noteError || undefined}
          onChange={(e) => (setNote(e.target.value), setNoteError(false))}
        />
        <span className={`field-hint${noteError ? ' field-error' : ''}`}>{noteError ? t('review.refuse.note_required') : t('review.decision.noteHint')}</span>
      </label>
      {post.status === 'in_review' && (
        <label className="field">
          <span className="field-label">{t('review.decision.validity')}</span>
          <select value={hours} onChange={(e) => setHours(e.target.value)}>
            <option value="none">{t('review.decision.validity.none')}</option>
            <option value="24">{t('review.decision.validity.h24')}</option>
            <option value="72">{t('review.decision.validity.h72')}</option>
            <option value="168">{t('review.decision.validity.h168')}</option>
          </select>
        </label>
      )}
      {post.status === 'in_review' && pending.length > 0 && (
        <fieldset className="field review-apply">
          <legend className="field-label">{t('review.decision.applyTitle', { n: pending.length })}</legend>
          {pending.map((s) => (
            <label key={s.id} className="check">
              <input
                type="checkbox"
                checked={!skipped.has(s.id)}
                onChange={(e) => {
                  const next = new Set(skipped);
                  if (e.target.checked) next.delete(s.id);
                  else next.add(s.id);
                  setSkipped(next);
                }}
              />
              <span>
                “{s.from.slice(0, 60)}” → “{s.to.slice(0, 60)}”
              </span>
            </label>
          ))}
          <span className="field-hint">{t('review.decision.applyHint')}</span>
        </fieldset>
      )}
      {post.status === 'in_review' && coachErrors.length > 0 && (
        <div className="field review-coach-errors" role="group" aria-labelledby="review-coach-errors-h">
          <span className="field-label" id="review-coach-errors-h">
            {t('review.decision.coachErrors', { n: coachErrors.length })}
          </span>
          <ul className="small">
            {coachErrors.slice(0, 8).map((f) => (
              <li key={f.key}>
                <strong>{t(`review.field.${f.field}`)}:</strong> {f.message}
                {f.text && <span className="muted"> — “{f.text.slice(0, 60)}”</span>}
              </li>
            ))}
          </ul>
          {coachErrors.length > 8 && <span className="field-hint">{t('review.decision.coachMore', { n: coachErrors.length - 8 })}</span>}
        </div>
      )}
      {post.status === 'in_review' && me && session && !session.signingReady && <p className="field-hint">{t('session.signPin')}</p>}
      {isAuthor && <p className="muted small">{t('review.refuse.own_post')}</p>}
      <div className="row">
        {post.status === 'in_review' && (
          <button
            type="button"
            className="primary"
            disabled={busy || isAuthor || Boolean(view.review?.conflict)}
            onClick={() =>
              void run(
                () => api.call('review.approve', { postId: post.id, validHours: hours === 'none' ? null : Number(hours), note, applySuggestions: toApply }),
                t('review.decision.approved', { name: me?.name ?? '' }),
              ).then((ok) => ok && setNote(''))
            }
          >
            {toApply.length > 0 ? t('review.decision.approveWith', { n: toApply.length }) : t('review.decision.approve')}
          </button>
        )}
        <button
          type="button"
          className="danger"
          disabled={busy}
          onClick={() => {
            if (!note.trim()) {
              setNoteError(true);
              return;
            }
            void run(() => api.call('review.requestChanges', { postId: post.id, note }), t('review.decision.requested')).then(
              (ok) => ok && setNote(''),
            );
          }}
        >
          {t('review.decision.requestChanges')}
        </button>
      </div>
    </form>
  );
}

function FilesPanel({ view, signedIn, onChanged }: { view: ReviewView; signedIn: boolean; onChanged(): void }) {
  const { t } = useI18n();
  const { toast } = useApp();
  const [links, setLinks] = useState<FileLink[]>([]);
  // A reply once an editor decided on the submitted version; a request while it waits (the export decides alike).
  const remote = reviewFileKind(view.review) === 'reply';
  const canSendRequest = !remote && view.post.status === 'in_review';
  const make = async (fn: () => Promise<FileLink>) => {
    try {
      const link = await fn();
      setLinks((ls) => [link, ...ls.filter((l) => l.fileName !== link.fileName)].slice(0, 4));
      onChanged();
    } catch (e) {
      toast(reviewError(t, e), 'error');
    }
  };
  return (
    <div className="card review-files">
      <h2>{t('review.files.title')}</h2>
      <div className="row">
        {signedIn && (remote || canSendRequest) && (
          <button type="button" onClick={() => void make(() => api.call('review.exportPackage', { postId: view.post.id }))}>
            {remote ? t('review.files.sendReply') : t('review.files.sendRequest')}
          </button>
        )}
        <button type="button" className="ghost" onClick={() => void make(() => api.call('review.approvalSheet', { postId: view.post.id }))}>
          {t('review.files.sheet')}
        </button>
      </div>
      {signedIn && (remote || canSendRequest) && (
        <p className="field-hint">{remote ? t('review.files.hintReply') : t('review.files.hintRequest')}</p>
      )}
      {links.length > 0 && (
        <ul className="review-links">
          {links.map((l) => (
            <li key={l.fileName}>
              <a href={l.url} download={l.fileName}>
                {t('review.files.download', { name: l.fileName })}
              </a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
