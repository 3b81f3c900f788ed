import type { ReactNode } from 'react';
import { countWords } from '../../../shared/domain/post';
import { api } from '../../api/client';
import { useApp } from '../../app/AppContext';
import { errorMessage, useI18n } from '../../i18n/i18n';
import { href } from '../../lib/router';
import { useAutosave, type SaveState } from './use-autosave';

export function PostEditor({ id }: { id: string }) {
  const { t } = useI18n();
  const { toast } = useApp();
  const { post, draft, state, loadError, update, resolveConflict, setPost } = useAutosave(id);

  if (loadError) {
    return (
      <section className="page">
        <a href={href('posts')}>← {t('editor.back')}</a>
        <p className="empty-state" role="alert">
          {errorMessage(t, loadError)} {t('editor.notFound')}
        </p>
      </section>
    );
  }
  if (!post || !draft) return <p className="loading">{t('common.loading')}</p>;

  const trashed = Boolean(post.deletedAt);
  const words = countWords(draft.lead) + countWords(draft.bodyMd);

  return (
    <section className="page editor">
      <header className="editor-bar">
        <a href={href('posts')}>← {t('editor.back')}</a>
        <span className={`badge status-${post.status}`}>{t(`status.${post.status}`)}</span>
        <span className="muted">{t('posts.words', { n: words })}</span>
        <SaveIndicator state={state} />
      </header>
      {trashed && (
        <div className="notice" role="alert">
          <p>{t('posts.inTrashNote')}</p>
          <button
            onClick={() =>
              api.call('posts.restore', { id }).then(
                (p) => (setPost(p), toast(t('posts.restored'))),
                (e) => toast(errorMessage(t, e), 'error'),
              )
            }
          >
            {t('posts.restore')}
          </button>
        </div>
      )}
      {state === 'conflict' && (
        <div className="notice" role="alert">
          <p>{t('editor.conflict')}</p>
          <div className="row">
            <button onClick={() => resolveConflict('mine')}>{t('editor.keepMine')}</button>
            <button onClick={() => resolveConflict('theirs')}>{t('editor.loadTheirs')}</button>
          </div>
        </div>
      )}
      <fieldset className="editor-fields" disabled={trashed}>
        <Field label={t('editor.title')}>
          <input
            className="title-input"
            value={draft.title}
            placeholder={t('editor.titlePlaceholder')}
            onChange={(e) => update({ title: e.target.value.replace(/[\r\n]+/g, ' ') })}
          />
        </Field>
        <div className="grid-3">
          <Field label={t('editor.dateline')}>
            <input value={draft.dateline} onChange={(e) => update({ dateline: e.target.value.toUpperCase() })} />
          </Field>
          <Field label={t('editor.eventDate')}>
            <input type="date" value={draft.eventDate ?? ''} onChange={(e) => update({ eventDate: e.target.value || null })} />
          </Field>
          <Field label={t('editor.category')}>
            <input value={draft.category} onChange={(e) => update({ category: e.target.value })} />
          </Field>
        </div>
        <Field label={t('editor.lead')} hint={t('editor.leadHint')}>
          <textarea rows={3} value={draft.lead} onChange={(e) => update({ lead: e.target.value })} />
        </Field>
        <Field label={t('editor.body')} hint={t('editor.bodyHint')}>
          <textarea className="body-input" rows={14} value={draft.bodyMd} onChange={(e) => update({ bodyMd: e.target.value })} />
        </Field>
        <div className="grid-3">
          <Field label={t('editor.tags')}>
            <input
              defaultValue={draft.tags.join(', ')}
              onChange={(e) =>
                update({
                  tags: e.target.value
                    .split(',')
                    .map((s) => s.trim())
                    .filter(Boolean),
                })
              }
            />
          </Field>
          <Field label={t('editor.author')}>
            <input value={draft.authorCredit} onChange={(e) => update({ authorCredit: e.target.value })} />
          </Field>
          <Field label={t('editor.editor')}>
            <input value={draft.editorCredit} readOnly />
          </Field>
        </div>
      </fieldset>
    </section>
  );
}

function Field({ label, hint, children }: { label: string; hint?: string; children: ReactNode }) {
  return (
    <label className="field">
      <span className="field-label">{label}</span>
      {children}
      {hint && <span className="field-hint">{hint}</span>}
    </label>
  );
}

function SaveIndicator({ state }: { state: SaveState }) {
  const { t } = useI18n();
  const text =
    state === 'saved'
      ? t('editor.saved')
      : state === 'saving'
        ? t('editor.saving')
        : state === 'dirty'
          ? t('editor.dirty')
          : state === 'error'
            ? t('editor.saveError')
            : t('editor.conflict');
  return (
    <span className={`save-state save-${state}`} role="status" data-testid="save-state">
      {text}
    </span>
  );
}
