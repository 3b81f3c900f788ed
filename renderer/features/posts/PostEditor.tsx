import { lazy, Suspense, useCallback, useEffect, useId, useMemo, useRef, useState, type ReactNode } from 'react';
import type { PostContent } from '@shared/domain/post';
import { INFO_CLASSES } from '@shared/domain/post';
import type { Photo } from '@shared/media/photo';
import { applyFix } from '@shared/posts/coach';
import { applyFixes } from '@shared/posts/coach-groups';
import { wordCount } from '@shared/posts/text';
import type { CoachField, Finding } from '@shared/posts/types';
import { api } from '@ui/api/client';
import { useApp } from '@ui/app/AppContext';
import type { MessageKey } from '@ui/i18n/catalog';
import { errorMessage, useI18n, type Translate } from '@ui/i18n/i18n';
import { href } from '@ui/lib/router';
import type { BodyEditorHandle, PhotoCaptions } from './BodyEditor';
import { CoachPanel, FindingCard, type FindingActions } from './CoachPanel';
import { HighlightTextarea } from './HighlightTextarea';
import { HistoryPanel } from './HistoryPanel';
import { photoAlt, photoSrc } from './photo-import';
import { PreviewPane } from './PreviewPane';
import { ReadinessPanel } from './ReadinessPanel';
import { TemplateStrip } from './TemplateStrip';
import { applyMarkdown, replaceRange, type MarkdownAction } from './text-edit';
import { useCoach, useSpelling } from './use-coach';
import { useAutosave } from './use-autosave';
import { ReviewBar } from '@ui/features/review/ReviewBar';
import { DateField } from '@ui/lib/DateField';
import { useTabs } from '@ui/lib/ui/tabs';
import { ConflictNotice, SaveStatus } from '@ui/lib/ui/SaveStatus';
import { PhotoPicker } from '@ui/features/media/PhotoPicker';
import { Field as SharedField, type FieldProps } from '@ui/lib/ui/Field';

type Side = 'coach' | 'preview' | 'history' | 'ready';
// The visual editor (TipTap/ProseMirror, the largest part of this area) loads with the first opened post, not with the list.
const BodyEditor = lazy(() => import('./BodyEditor').then((m) => ({ default: m.BodyEditor })));
const READING_WPM = 200;

function isEmptyDraft(d: PostContent): boolean {
  return !d.title.trim() && !d.lead.trim() && !d.bodyMd.trim() && !d.template;
}

/** Markdown toolbar: action, its label, shortcut and face. */
const MD_BUTTONS: { action: MarkdownAction; label: MessageKey; keys: string; face: (t: Translate) => ReactNode }[] = [
  { action: 'bold', label: 'posts.md.bold', keys: 'Ctrl+B', face: () => <strong>B</strong> },
  { action: 'italic', label: 'posts.md.italic', keys: 'Ctrl+I', face: () => <em>I</em> },
  { action: 'heading', label: 'posts.md.heading', keys: 'Ctrl+Alt+H', face: () => 'H' },
  { action: 'quote', label: 'posts.md.quote', keys: 'Ctrl+Alt+Q', face: () => '“ ”' },
  { action: 'list', label: 'posts.md.list', keys: 'Ctrl+Alt+L', face: (t) => `• ${t('posts.md.list')}` },
  { action: 'link', label: 'posts.md.link', keys: 'Ctrl+K', face: (t) => t('posts.md.link') },
];

export function PostEditor({ id }: { id: string }) {
  const { t } = useI18n();
  const { toast, workspace, setWorkspace } = useApp();
  const { post, draft, state, savedAt, loadError, update, save, resolveConflict, setPost, replace } = useAutosave(id);
  const [side, setSide] = useState<Side>('coach');
  const sideTabs = useTabs('editor-side', SIDE_TABS, side, setSide);
  const [focusMode, setFocusMode] = useState(false);
  const [photoOpen, setPhotoOpen] = useState(false);
  const [caret, setCaret] = useState<{ field: CoachField; pos: number } | null>(null);
  const titleRef = useRef<HTMLInputElement>(null);
  const datelineRef = useRef<HTMLInputElement>(null);
  const leadRef = useRef<HTMLTextAreaElement>(null);
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  const bodyEditor = useRef<BodyEditorHandle>(null);
  // The visual editor by default; the Markdown text stays one click away for power users.
  const [markdownMode, setMarkdownMode] = useState(false);
  // Set when the text holds what the visual editor cannot keep (tables): shown as Markdown, with why.
  const [lossy, setLossy] = useState(false);
  const onLossy = useCallback(() => {
    setMarkdownMode(true);
    setLossy(true);
  }, []);
  const markdownModeRef = useRef(markdownMode);
  markdownModeRef.current = markdownMode;
  const bodyLabelId = useId();
  const bodyHintId = useId();

  const { misspelled, names, forget } = useSpelling(draft, workspace.news.dictionary);
  const { findings, dismissed } = useCoach(draft, workspace, misspelled);
  // The memoised side list may hold findings with old offsets: resolve by key.
  const latestFindings = useRef(findings);
  latestFindings.current = findings;
  const draftRef = useRef(draft);
  draftRef.current = draft;
  const workspaceRef = useRef(workspace);
  workspaceRef.current = workspace;
  const resolve = (f: Finding): Finding =>
    latestFindings.current.filter((x) => x.key === f.key && x.field === f.field).sort((a, b) => Math.abs(a.start - f.start) - Math.abs(b.start - f.start))[0] ?? f;

  // Distraction-free mode hides the app chrome; Escape leaves it.
  useEffect(() => {
    document.body.classList.toggle('focus-mode', focusMode);
    return () => document.body.classList.remove('focus-mode');
  }, [focusMode]);

  const fieldEl = useCallback((f: CoachField): HTMLInputElement | HTMLTextAreaElement | null => {
    if (f === 'title') return titleRef.current;
    if (f === 'dateline') return datelineRef.current;
    if (f === 'lead') return leadRef.current;
    if (f === 'bodyMd') return bodyRef.current;
    return null;
  }, []);

  const actions: FindingActions = useMemo(
    () => ({
      apply(stale: Finding, replacement?: string) {
        const draft = draftRef.current;
        if (!draft) return;
        const f = resolve(stale);
        const current = draft[f.field];
        const withFix = replacement !== undefined ? { ...f, fix: { label: '', replacement } } : f;
        const next = applyFix(current, withFix);
        if (next === null) {
          toast(t('posts.fixStale'), 'error');
          return;
        }
        // In the visual editor the fix is an edit of the document, so Ctrl+Z undoes it there too.
        if (f.field === 'bodyMd' && !markdownModeRef.current && bodyEditor.current?.replace(f.start, f.end, withFix.fix!.replacement)) return;
        const el = fieldEl(f.field);
        // Through the native control when possible, so Ctrl+Z undoes a fix.
        if (el && el.value === current) replaceRange(el, f.start, f.end, withFix.fix!.replacement);
        else update({ [f.field]: next } as Partial<PostContent>);
      },
      dismiss(f: Finding) {
        const draft = draftRef.current;
        if (!draft || draft.dismissedFindings.includes(f.key)) return;
        update({ dismissedFindings: [...draft.dismissedFindings, f.key].slice(-1000) });
      },
      undismiss(f: Finding) {
        const draft = draftRef.current;
        if (!draft) return;
        update({ dismissedFindings: draft.dismissedFindings.filter((k) => k !== f.key) });
      },
      addWord(f: Finding) {
        api.call('posts.dictionaryAdd', { word: f.text }).then(
          (r) => {
            setWorkspace({ ...workspaceRef.current, news: r.news, rev: r.rev });
            forget(f.text);
            toast(t('posts.wordAdded', { word: f.text }));
          },
          (e) => toast(errorMessage(t, e), 'error'),
        );
      },
      applyAll(stale: Finding[]) {
        const draft = draftRef.current;
        if (!draft) return;
        const patch: Partial<Record<CoachField, string>> = {};
        let skipped = 0;
        for (const field of new Set(stale.map((f) => f.field))) {
          const fs = stale.filter((f) => f.field === field).map(resolve);
          const r = applyFixes(draft[field], fs);
          skipped += fs.filter((f) => f.fix).length - r.applied;
          if (r.applied) patch[field] = r.text;
        }
        if (Object.keys(patch).length) update(patch as Partial<PostContent>);
        if (skipped) toast(t('posts.fixStale'), 'error');
      },
      addNames(names: string[]) {
        if (!names.length) return;
        api.call('posts.dictionaryAddMany', { words: names.slice(0, 500) }).then(
          (r) => {
            setWorkspace({ ...workspaceRef.current, news: r.news, rev: r.rev });
            for (const n of names) forget(n);
            toast(t('posts.namesAdded', { n: names.length }));
          },
          (e) => toast(errorMessage(t, e), 'error'),
        );
      },
      locate(stale: Finding) {
        const f = resolve(stale);
        if (f.field === 'bodyMd' && !markdownModeRef.current && bodyEditor.current) {
          bodyEditor.current.select(f.start, f.end);
          setCaret({ field: f.field, pos: f.start });
          return;
        }
        const el = fieldEl(f.field);
        if (!el) return;
        el.focus();
        el.setSelectionRange(f.start, f.end);
        setCaret({ field: f.field, pos: f.start });
      },
    }),
    // Stable across keystrokes (reads the draft and findings through refs), so the memoised list never acts on stale text.
    [update, toast, t, fieldEl, setWorkspace, forget],
  );

  /** A photo put into the body is listed with the post (the first one featured), and its credit offered. */
  const attachPhoto = useCallback(
    (p: Photo) => {
      const d = draftRef.current;
      if (!d || d.media.some((m) => m.mediaId === p.id)) return;
      update({
        media: [...d.media, { mediaId: p.id, role: d.media.length ? 'inline' : 'featured', caption: p.caption.slice(0, 1000) }],
        photoCredits: d.photoCredits || p.credit,
      });
    },
    [update],
  );
  const { captions, shaToId } = usePhotoCaptions(draft?.media ?? NO_MEDIA);
  const shaToIdRef = useRef(shaToId);
  shaToIdRef.current = shaToId;
  const setCaption = useCallback(
    (sha256: string, caption: string) => {
      const d = draftRef.current;
      const id = shaToIdRef.current[sha256];
      if (!d || !id) return;
      update({ media: d.media.map((m) => (m.mediaId === id ? { ...m, caption: caption.slice(0, 1000) } : m)) });
    },
    [update],
  );

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
  const words = wordCount(draft.lead) + wordCount(draft.bodyMd);
  const chars = draft.title.length + draft.lead.length + draft.bodyMd.length;
  const minutes = Math.max(1, Math.ceil(words / READING_WPM));
  const byField = (f: CoachField) => findings.filter((x) => x.field === f);
  // Under a one-line field, 'missing' findings would nag while typing: they stay in the side list.
  const inlineFor = (f: CoachField) => byField(f).filter((x) => !x.ruleId.endsWith('.missing'));
  const atCaret = caret ? findings.filter((f) => f.field === caret.field && f.end > f.start && caret.pos >= f.start && caret.pos <= f.end) : [];

  const md = (a: MarkdownAction) => {
    if (bodyRef.current) applyMarkdown(bodyRef.current, a, t('posts.md.placeholder'));
  };
  const onBodyKey = (e: React.KeyboardEvent<HTMLTextAreaElement>) => {
    if (!(e.ctrlKey || e.metaKey)) return;
    const k = e.key.toLowerCase();
    const action: MarkdownAction | null =
      k === 'b' ? 'bold' : k === 'i' ? 'italic' : k === 'k' ? 'link' : e.altKey && k === 'h' ? 'heading' : e.altKey && k === 'q' ? 'quote' : e.altKey && k === 'l' ? 'list' : null;
    if (action) {
      e.preventDefault();
      md(action);
    }
  };
  const insertPhoto = (p: Photo) => {
    setPhotoOpen(false);
    if (!markdownMode) {
      bodyEditor.current?.insertPhoto(p);
      return;
    }
    const el = bodyRef.current;
    if (!el) return;
    const at = el.selectionStart;
    const before = el.value.slice(0, at);
    const text = `${before && !before.endsWith('\n\n') ? (before.endsWith('\n') ? '\n' : '\n\n') : ''}![${photoAlt(p)}](${photoSrc(p.sha256)})\n\n`;
    replaceRange(el, at, el.selectionEnd, text);
    attachPhoto(p);
  };
  const bodyTools = (
    <>
      <button type="button" className="small" onClick={() => setPhotoOpen(true)} title={t('posts.md.photo')}>
        + {t('posts.md.photoShort')}
      </button>
      <button type="button" className={markdownMode ? 'small active' : 'small'} aria-pressed={markdownMode} onClick={() => setMarkdownMode(!markdownMode)}>
        {t('posts.md.markdown')}
      </button>
    </>
  );
  const restoreVersion = async (versionId: string) => {
    try {
      await save();
      const fresh = await api.call('posts.get', { id });
      replace(await api.call('posts.versionRestore', { id: versionId, baseRev: fresh.rev }));
      toast(t('posts.versionRestored'));
    } catch (e) {
      toast(errorMessage(t, e), 'error');
    }
  };

  return (
    <section className={`page page-wide editor ${focusMode ? 'editor-focus' : ''}`} onKeyDown={(e) => focusMode && e.key === 'Escape' && setFocusMode(false)}>
      <header className="editor-bar">
        <a href={href('posts')}>← {t('editor.back')}</a>
        <span className={`badge status-${post.status}`}>{t(`status.${post.status}`)}</span>
        <span className="muted counts" data-testid="counts">
          {t('posts.words', { n: words })} · {t('posts.chars', { n: chars })} · {t('posts.readingTime', { n: minutes })}
        </span>
        <button type="button" className={focusMode ? 'small active' : 'small'} aria-pressed={focusMode} onClick={() => setFocusMode(!focusMode)}>
          {focusMode ? t('posts.focusExit') : t('posts.focus')}
        </button>
        <SaveStatus status={state} savedAt={savedAt} />
      </header>
      <ReviewBar post={post} />
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
      {state === 'conflict' && <ConflictNotice message="editor.conflict" onResolve={(keep) => void resolveConflict(keep)} />}
      {!trashed && isEmptyDraft(draft) && <TemplateStrip onPick={(patch) => update(patch)} />}
      <div className="editor-layout">
        <fieldset className="editor-fields" disabled={trashed}>
          <Field label={t('editor.title')} findings={inlineFor('title')} actions={actions}>
            <input
              ref={titleRef}
              className="title-input"
              value={draft.title}
              placeholder={t('editor.titlePlaceholder')}
              onChange={(e) => update({ title: e.target.value.replace(/[\r\n]+/g, ' ') })}
            />
          </Field>
          <div className="grid-3">
            <Field label={t('editor.dateline')} findings={inlineFor('dateline')} actions={actions}>
              <input ref={datelineRef} value={draft.dateline} onChange={(e) => update({ dateline: e.target.value.toUpperCase() })} />
            </Field>
            <Field label={t('editor.eventDate')}>
              <DateField label={t('editor.eventDate')} value={draft.eventDate ?? ''} onChange={(iso) => update({ eventDate: iso || null })} />
            </Field>
            <Field label={t('editor.category')}>
              <input value={draft.category} onChange={(e) => update({ category: e.target.value })} />
            </Field>
          </div>
          <SharedField label={t('editor.lead')} hint={t('editor.leadHint')}>
            <HighlightTextarea
              ref={leadRef}
              className="lead-input"
              rows={4}
              value={draft.lead}
              findings={byField('lead')}
              onValue={(v) => update({ lead: v })}
              onCaret={(pos) => setCaret({ field: 'lead', pos })}
            />
          </SharedField>
          {caret?.field === 'lead' && atCaret.length > 0 && <CaretFindings findings={atCaret} actions={actions} />}
          {markdownMode ? (
            <>
              <div className="md-toolbar" role="toolbar" aria-label={t('posts.md.toolbar')}>
                {MD_BUTTONS.map((b) => (
                  <button key={b.action} type="button" className="small" onClick={() => md(b.action)} title={`${t(b.label)} (${b.keys})`} aria-label={t(b.label)}>
                    {b.face(t)}
                  </button>
                ))}
                {bodyTools}
              </div>
              <SharedField label={t('editor.body')} hint={t('posts.md.markdownHint')}>
                <HighlightTextarea
                  ref={bodyRef}
                  className="body-input"
                  rows={16}
                  value={draft.bodyMd}
                  findings={byField('bodyMd')}
                  onValue={(v) => update({ bodyMd: v })}
                  onCaret={(pos) => setCaret({ field: 'bodyMd', pos })}
                  onKeyDown={onBodyKey}
                />
              </SharedField>
              {lossy && (
                <p className="notice" role="status">
                  {t('posts.md.lossy')}
                </p>
              )}
            </>
          ) : (
            <div className="field">
              <span className="field-label" id={bodyLabelId}>
                {t('editor.body')}
              </span>
              <Suspense fallback={<p className="loading">{t('common.loading')}</p>}>
                <BodyEditor
                  ref={bodyEditor}
                  value={draft.bodyMd}
                  onValue={(v) => update({ bodyMd: v })}
                  findings={byField('bodyMd')}
                  onCaret={(pos) => setCaret({ field: 'bodyMd', pos })}
                  onPhoto={attachPhoto}
                  captions={captions}
                  onCaption={setCaption}
                  labelId={bodyLabelId}
                  hintId={bodyHintId}
                  disabled={trashed}
                  tools={bodyTools}
                  onLossy={onLossy}
                />
              </Suspense>
              <span className="field-hint" id={bodyHintId}>
                {t('posts.md.visualHint')}
              </span>
            </div>
          )}
          {caret?.field === 'bodyMd' && atCaret.length > 0 && <CaretFindings findings={atCaret} actions={actions} />}
          <div className="grid-3">
            <Field label={t('editor.tags')}>
              <input
                defaultValue={draft.tags.join(', ')}
                onChange={(e) =>
                  update({
                    tags: e.target.value
                      .split(',')
                      .map((s) => s.trim())
                      .filter(Boolean)
                      .slice(0, 30),
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
          <div className="grid-2">
            <Field label={t('posts.photoCredits')}>
              <input value={draft.photoCredits} onChange={(e) => update({ photoCredits: e.target.value })} />
            </Field>
            <Field label={t('posts.infoClass')}>
              <select value={draft.infoClass} onChange={(e) => update({ infoClass: e.target.value as PostContent['infoClass'] })}>
                {INFO_CLASSES.map((c) => (
                  <option key={c} value={c}>
                    {t(`posts.infoClass.${c}`)}
                  </option>
                ))}
              </select>
            </Field>
          </div>
        </fieldset>
        <aside className="editor-side" aria-label={t('posts.sidePanel')}>
          <div className="side-tabs" {...sideTabs.list} aria-label={t('posts.sidePanel')}>
            {SIDE_TABS.map((s) => (
              <button key={s} type="button" {...sideTabs.tab(s)} className={side === s ? 'chip active' : 'chip'}>
                {t(`posts.tab.${s}`)}
                {s === 'coach' && findings.length > 0 && <span className="chip-count">{findings.length}</span>}
              </button>
            ))}
          </div>
          <div className="side-body" {...sideTabs.panel()}>
            {side === 'coach' && <CoachPanel findings={findings} dismissed={dismissed} actions={actions} names={names} />}
            {side === 'preview' && <PreviewPane draft={draft} workspace={workspace} />}
            {side === 'history' && <HistoryPanel postId={id} postRev={post.rev} onRestore={restoreVersion} />}
            {side === 'ready' && <ReadinessPanel post={post} draft={draft} workspace={workspace} misspelled={misspelled} />}
          </div>
        </aside>
      </div>
      {photoOpen && <PhotoPicker title={t('posts.photoTitle')} pickLabel={t('posts.photoInsert')} emptyText={t('posts.photoEmpty')} onPick={insertPhoto} onClose={() => setPhotoOpen(false)} />}
    </section>
  );
}

const NO_MEDIA: PostContent['media'] = [];
const SIDE_TABS = ['coach', 'preview', 'history', 'ready'] as const;

/**
 * Caption and credit of each photo listed with the post, by content hash, for
 * the body's figures: the post's own caption for the photo first, then
 * Media's; the credit from Media.
 */
function usePhotoCaptions(media: PostContent['media']): { captions: PhotoCaptions; shaToId: Record<string, string> } {
  const [photos, setPhotos] = useState<Record<string, Photo>>({});
  const asked = useRef(new Set<string>());
  useEffect(() => {
    for (const m of media) {
      if (m.role === 'card' || asked.current.has(m.mediaId)) continue;
      asked.current.add(m.mediaId);
      api.call('media.get', { id: m.mediaId }).then(
        (p) => setPhotos((all) => ({ ...all, [p.id]: p })),
        // A photo deleted from Media keeps its place in the text; its figure just has no caption.
        () => undefined,
      );
    }
  }, [media]);
  return useMemo(() => {
    const captions: Record<string, { caption: string; credit: string; photo: Photo }> = {};
    const shaToId: Record<string, string> = {};
    for (const m of media) {
      const p = photos[m.mediaId];
      if (!p) continue;
      // The post's caption as typed (even emptied); Media's only until the post has its own.
      captions[p.sha256] = { caption: m.caption, credit: p.credit, photo: p };
      shaToId[p.sha256] = p.id;
    }
    return { captions, shaToId };
  }, [media, photos]);
}

function CaretFindings({ findings, actions }: { findings: Finding[]; actions: FindingActions }) {
  return (
    <div className="caret-findings" data-testid="caret-findings">
      {findings.map((f) => (
        <FindingCard key={`${f.key}@${f.start}`} f={f} actions={actions} compact />
      ))}
    </div>
  );
}

/** The shared Field with the coach's findings for it underneath. */
function Field({ label, hint, children, findings, actions }: { label: string; hint?: string; children: FieldProps['children']; findings?: Finding[]; actions?: FindingActions }) {
  return (
    <div className="field-group">
      <SharedField label={label} hint={hint}>
        {children}
      </SharedField>
      {findings && actions && findings.length > 0 && (
        <div className="inline-findings">
          {findings.map((f) => (
            <FindingCard key={`${f.key}@${f.start}`} f={f} actions={actions} compact />
          ))}
        </div>
      )}
    </div>
  );
}
