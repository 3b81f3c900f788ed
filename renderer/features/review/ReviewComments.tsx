import { useId, useState } from 'react';
import type { ReviewView } from '@shared/api/contracts/review';
import type { Post } from '@shared/domain/post';
import type { Anchor, ReviewComment, SuggestionField } from '@shared/review/model';
import { locateAnchor } from '@shared/review/paragraphs';
import { api } from '@ui/api/client';
import { useApp } from '@ui/app/AppContext';
import { useI18n } from '@ui/i18n/i18n';
import { formatZonedDateTime } from '@shared/domain/time-zone';
import type { Selected } from './ArticlePreview';
import { TrackedText } from './TrackChanges';

type Run = (fn: () => Promise<ReviewView>, done?: string) => Promise<boolean>;

function paraLabel(t: ReturnType<typeof useI18n>['t'], i: number): string {
  return i === 0 ? t('review.paragraph.lead') : String(i);
}

/** New comment on a paragraph, a highlighted passage, or the whole post; optionally a suggested edit. */
export function CommentComposer({
  post,
  anchor,
  selected,
  paragraphs,
  busy,
  onClear,
  run,
}: {
  post: Post;
  anchor: Anchor | null;
  selected: Selected | null;
  paragraphs: string[];
  busy: boolean;
  onClear(): void;
  run: Run;
}) {
  const { t } = useI18n();
  const [body, setBody] = useState('');
  const [suggest, setSuggest] = useState(false);
  const [to, setTo] = useState('');
  const [hint, setHint] = useState('');
  const ids = useId();
  // A highlighted passage wins over the paragraph's opening words.
  const passage = anchor?.passage ? anchor.quote : selected && (!anchor || selected.paragraph === anchor.paragraph) ? selected.text : null;
  const effective: Anchor | null = anchor
    ? passage && !anchor.passage
      ? { ...anchor, quote: passage, passage: true }
      : anchor
    : selected
      ? { paragraph: selected.paragraph, quote: selected.text, passage: true }
      : null;
  const field: SuggestionField = effective?.paragraph === 0 ? 'lead' : 'bodyMd';

  const submit = async () => {
    setHint('');
    if (suggest) {
      if (!effective?.passage) {
        setHint(t('review.suggest.needSelection'));
        return;
      }
      const ok = await run(() =>
        api.call('review.suggest', { postId: post.id, field, from: effective.quote, to, note: body.trim() || undefined }),
      );
      if (ok && body.trim()) await run(() => api.call('review.comment', { postId: post.id, anchor: effective, body }));
      if (ok) {
        setBody('');
        setTo('');
        setSuggest(false);
        onClear();
      }
      return;
    }
    if (!body.trim()) return;
    const ok = await run(() => api.call('review.comment', { postId: post.id, anchor: effective, body }));
    if (ok) {
      setBody('');
      onClear();
    }
  };

  return (
    <form
      className="card review-composer"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h2>{t('review.comment.new')}</h2>
      <p className="muted small" data-testid="composer-anchor">
        {effective
          ? effective.passage
            ? t('review.comment.onPassage', { quote: effective.quote.slice(0, 120) })
            : t('review.comment.on', { n: paraLabel(t, effective.paragraph) })
          : t('review.comment.general')}
        {(anchor || selected) && (
          <>
            {' '}
            <button type="button" className="ghost small" onClick={onClear}>
              {t('common.cancel')}
            </button>
          </>
        )}
      </p>
      {effective && !effective.passage && paragraphs[effective.paragraph] && (
        <blockquote className="review-quote">{paragraphs[effective.paragraph].slice(0, 240)}</blockquote>
      )}
      <label className="field">
        <span className="field-label">{t('review.comment.body')}</span>
        <textarea id={`${ids}-body`} rows={3} value={body} onChange={(e) => setBody(e.target.value)} autoFocus={Boolean(anchor)} />
      </label>
      <label className="row small">
        <input type="checkbox" checked={suggest} onChange={(e) => setSuggest(e.target.checked)} />
        {t('review.suggest.toggle')}
      </label>
      {suggest && (
        <label className="field">
          <span className="field-label">{t('review.suggest.to')}</span>
          <textarea rows={2} value={to} onChange={(e) => setTo(e.target.value)} placeholder={effective?.passage ? effective.quote : ''} />
        </label>
      )}
      {hint && (
        <p className="field-hint field-error" role="alert">
          {hint}
        </p>
      )}
      <button type="submit" className="primary" disabled={busy || (!suggest && !body.trim())}>
        {suggest ? t('review.suggest.send') : t('review.comment.send')}
      </button>
    </form>
  );
}

export function Threads({
  view,
  paragraphs,
  canAct,
  busy,
  run,
}: {
  view: ReviewView;
  paragraphs: string[];
  canAct: boolean;
  busy: boolean;
  run: Run;
}) {
  const { t } = useI18n();
  const [showResolved, setShowResolved] = useState(false);
  const roots = view.comments.filter((c) => !c.parentId);
  const resolved = roots.filter((c) => c.resolved);
  const shown = roots.filter((c) => showResolved || !c.resolved);
  if (roots.length === 0) return <p className="muted">{t('review.comments.empty')}</p>;
  return (
    <>
      <ul className="review-threads">
        {shown.map((c) => (
          <Thread
            key={c.id}
            root={c}
            replies={view.comments.filter((r) => r.parentId === c.id)}
            paragraphs={paragraphs}
            canAct={canAct}
            busy={busy}
            run={run}
          />
        ))}
      </ul>
      {resolved.length > 0 && (
        <button type="button" className="ghost small" aria-pressed={showResolved} onClick={() => setShowResolved(!showResolved)}>
          {t('review.comments.showResolved', { n: resolved.length })}
        </button>
      )}
    </>
  );
}

function Thread({
  root,
  replies,
  paragraphs,
  canAct,
  busy,
  run,
}: {
  root: ReviewComment;
  replies: ReviewComment[];
  paragraphs: string[];
  canAct: boolean;
  busy: boolean;
  run: Run;
}) {
  const { t } = useI18n();
  const { workspace } = useApp();
  const [reply, setReply] = useState('');
  const [replying, setReplying] = useState(false);
  const at = root.anchor ? locateAnchor(paragraphs, root.anchor) : null;
  const zone = workspace.opd.timeZone;
  return (
    <li className={`review-thread${root.resolved ? ' resolved' : ''}`} data-testid="comment-thread">
      {root.anchor && (
        <p className="review-thread-anchor small">
          {root.anchor.passage ? `“${root.anchor.quote.slice(0, 100)}”` : t('review.comment.on', { n: paraLabel(t, root.anchor.paragraph) })}
          {at === null && <em className="muted"> · {t('review.comment.outdated')}</em>}
        </p>
      )}
      {[root, ...replies].map((c) => (
        <div key={c.id} className="review-comment">
          <p className="review-comment-head small">
            <strong>{c.author.name}</strong> <span className="muted">{formatZonedDateTime(c.createdAt, zone)}</span>
          </p>
          <p className="review-comment-body">{c.body}</p>
        </div>
      ))}
      {root.resolved && root.resolvedBy && <p className="muted small">{t('review.comment.resolvedBy', { name: root.resolvedBy.name })}</p>}
      {canAct && (
        <div className="row">
          {!root.resolved && (
            <button type="button" className="ghost small" aria-expanded={replying} onClick={() => setReplying(!replying)}>
              {t('review.comment.reply')}
            </button>
          )}
          <button
            type="button"
            className="ghost small"
            disabled={busy}
            onClick={() => void run(() => api.call('review.resolveComment', { commentId: root.id, resolved: !root.resolved }))}
          >
            {root.resolved ? t('review.comment.reopen') : t('review.comment.resolve')}
          </button>
        </div>
      )}
      {replying && (
        <form
          className="review-reply"
          onSubmit={(e) => {
            e.preventDefault();
            if (!reply.trim()) return;
            void run(() => api.call('review.comment', { postId: root.postId, parentId: root.id, body: reply })).then(
              (ok) => ok && (setReply(''), setReplying(false)),
            );
          }}
        >
          <textarea
            rows={2}
            aria-label={t('review.comment.replyLabel', { name: root.author.name })}
            value={reply}
            onChange={(e) => setReply(e.target.value)}
            autoFocus
          />
          <button type="submit" disabled={busy || !reply.trim()}>
            {t('review.comment.reply')}
          </button>
        </form>
      )}
    </li>
  );
}

export function SuggestionList({ view, canDecide, busy, run }: { view: ReviewView; canDecide: boolean; busy: boolean; run: Run }) {
  const { t } = useI18n();
  return (
    <ul className="review-suggestions">
      {view.suggestions.map((s) => (
        <li key={s.id} className={`review-suggestion status-${s.status}`} data-testid="suggestion">
          <p className="small muted">
            {t(`review.suggestion.field.${s.field}`)} · {s.author.name}
          </p>
          <TrackedText before={s.from} after={s.to} />
          {s.note && <p className="small">{s.note}</p>}
          {s.status === 'pending' && canDecide ? (
            <div className="row">
              <button
                type="button"
                className="small"
                disabled={busy}
                onClick={() => void run(() => api.call('review.decideSuggestion', { suggestionId: s.id, accept: true }))}
              >
                {t('review.suggestion.accept')}
              </button>
              <button
                type="button"
                className="ghost small"
                disabled={busy}
                onClick={() => void run(() => api.call('review.decideSuggestion', { suggestionId: s.id, accept: false }))}
              >
                {t('review.suggestion.reject')}
              </button>
            </div>
          ) : s.status !== 'pending' ? (
            <p className="small muted">
              {t(s.status === 'accepted' ? 'review.suggestion.accepted' : 'review.suggestion.rejected', { name: s.decidedBy?.name ?? '' })}
            </p>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
