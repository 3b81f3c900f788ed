import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import type { Post } from '@shared/domain/post';
import type { ReviewView } from '@shared/api/contracts/review';
import type { Suggestion } from '@shared/review/model';
import { wordDiff } from '@shared/review/diff';
import { api } from '@ui/api/client';
import { useI18n } from '@ui/i18n/i18n';

type Run = (fn: () => Promise<ReviewView>, done?: string) => Promise<boolean>;

/** Text shown as track changes: deleted words struck through in red, inserted words underlined in green (word diff, jsdiff). */
export function TrackedText({ before, after }: { before: string; after: string }) {
  const { t } = useI18n();
  const parts = useMemo(() => wordDiff(before, after), [before, after]);
  return (
    <p className="track-text">
      {parts.map((p, i) =>
        p.kind === 'added' ? (
          <ins key={i} className="track-ins">
            <span className="sr-only">[{t('review.track.inserted')}: </span>
            {p.text}
            <span className="sr-only">]</span>
          </ins>
        ) : p.kind === 'removed' ? (
          <del key={i} className="track-del">
            <span className="sr-only">[{t('review.track.deleted')}: </span>
            {p.text}
            <span className="sr-only">]</span>
          </del>
        ) : (
          <span key={i}>{p.text}</span>
        ),
      )}
    </p>
  );
}

/**
 * Suggestion mode: the editor edits the paragraph right where it stands and
 * sees the change as track changes while typing. A suggestion is the whole
 * paragraph before and after (its Markdown source, an exact part of the
 * post), so formatting inside the paragraph never makes it fail.
 */
export function SuggestInPlace({ post, paragraph, source, busy, run, onClose }: { post: Post; paragraph: number; source: string; busy: boolean; run: Run; onClose(): void }) {
  const { t } = useI18n();
  const [text, setText] = useState(source);
  const [note, setNote] = useState('');
  const area = useRef<HTMLTextAreaElement>(null);
  const which = paragraph === 0 ? t('review.paragraph.lead') : paragraph;
  useEffect(() => {
    area.current?.focus();
  }, []);
  const changed = text.trim() !== source.trim() && text.trim() !== '';
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!changed) return;
    const ok = await run(
      () => api.call('review.suggest', { postId: post.id, field: paragraph === 0 ? 'lead' : 'bodyMd', from: source, to: text.trim(), note: note.trim() || undefined }),
      t('review.popover.suggested'),
    );
    if (ok) onClose();
  };
  return (
    <form
      className="track-editor"
      onSubmit={(e) => void submit(e)}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <label className="field">
        <span className="field-label">{t('review.track.editLabel', { n: which })}</span>
        <textarea ref={area} rows={Math.min(12, Math.max(3, Math.ceil(source.length / 90)))} value={text} onChange={(e) => setText(e.target.value)} />
      </label>
      <div className="track-preview" aria-live="polite">
        <span className="field-label">{t('review.track.preview')}</span>
        {changed ? <TrackedText before={source} after={text.trim()} /> : <p className="muted small">{t('review.track.noChange')}</p>}
      </div>
      <label className="field">
        <span className="field-label">{t('review.popover.note')}</span>
        <input value={note} maxLength={2000} onChange={(e) => setNote(e.target.value)} />
      </label>
      <div className="row">
        <button type="submit" className="primary" disabled={busy || !changed}>
          {t('review.suggest.send')}
        </button>
        <button type="button" className="ghost" onClick={onClose}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

/** The pending suggestions on one paragraph, as track changes over it, each accepted or rejected on its own. */
export function PendingOnParagraph({
  source,
  paragraph,
  suggestions,
  canDecide,
  busy,
  run,
}: {
  source: string;
  paragraph: number;
  suggestions: Suggestion[];
  canDecide: boolean;
  busy: boolean;
  run: Run;
}) {
  const { t } = useI18n();
  const which = paragraph === 0 ? t('review.paragraph.lead') : paragraph;
  return (
    <ul className="track-pending" aria-label={t('review.track.pendingOn', { n: which })}>
      {suggestions.map((s) => (
        <li key={s.id} className="track-pending-item">
          <p className="small muted">{t('review.track.by', { name: s.author.name })}</p>
          <TrackedText before={source} after={source.replace(s.from, s.to)} />
          {s.note && <p className="small">{s.note}</p>}
          {canDecide && (
            <div className="row">
              <button type="button" className="small" disabled={busy} onClick={() => void run(() => api.call('review.decideSuggestion', { suggestionId: s.id, accept: true }))}>
                {t('review.suggestion.accept')}
                <span className="sr-only"> {t('review.track.changeBy', { name: s.author.name, n: which })}</span>
              </button>
              <button
                type="button"
                className="ghost small"
                disabled={busy}
                onClick={() => void run(() => api.call('review.decideSuggestion', { suggestionId: s.id, accept: false }))}
              >
                {t('review.suggestion.reject')}
                <span className="sr-only"> {t('review.track.changeBy', { name: s.author.name, n: which })}</span>
              </button>
            </div>
          )}
        </li>
      ))}
    </ul>
  );
}

/** The pending suggestions whose text sits in paragraph i (the lead is paragraph 0). */
export function pendingFor(suggestions: readonly Suggestion[], paragraphs: readonly string[], i: number): Suggestion[] {
  return suggestions.filter((s) => s.status === 'pending' && s.field === (i === 0 ? 'lead' : 'bodyMd') && s.from !== '' && paragraphs[i].includes(s.from));
}
