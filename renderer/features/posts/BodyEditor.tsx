import { createContext, forwardRef, useContext, useEffect, useImperativeHandle, useMemo, useRef, useState, type ReactNode } from 'react';
import { EditorContent, Extension, NodeViewWrapper, ReactNodeViewRenderer, useEditor, useEditorState, type Editor, type ReactNodeViewProps } from '@tiptap/react';
import type { Photo } from '@shared/media/photo';
import type { Finding } from '@shared/posts/types';
import { useApp } from '@ui/app/AppContext';
import type { MessageKey } from '@ui/i18n/catalog';
import { useI18n } from '@ui/i18n/i18n';
import { BodyImage, bodyExtensions, changesArticle, docToMarkdown, offsetMap, type OffsetMap } from './body-markdown';
import { CoachDecorations, coachDecorations, coachKey } from './coach-decorations';
import { usePhotoAutosave } from '@ui/features/media/use-photo-autosave';
import { importPhotoFile, photoAlt, photoFiles, photoShaOf, photoSrc } from './photo-import';

/** Caption and credit of the body's photos, by content hash (from the post's media list and the Media records). */
export type PhotoCaptions = Readonly<Record<string, { caption: string; credit: string; photo?: Photo }>>;
type CaptionsValue = { captions: PhotoCaptions; setCaption?(sha256: string, caption: string): void };
const CaptionsContext = createContext<CaptionsValue>({ captions: {} });

export interface BodyEditorHandle {
  /** Replaces a Markdown range with text inside the editor (undoable); false when the range is not plain text there. */
  replace(start: number, end: number, text: string): boolean;
  /** Selects a Markdown range in the editor and scrolls to it. */
  select(start: number, end: number): void;
  /** Inserts a Media photo at the caret. */
  insertPhoto(p: Photo): void;
  focus(): void;
}

type Props = {
  value: string;
  onValue(md: string): void;
  findings: readonly Finding[];
  onCaret?(pos: number): void;
  /** A photo was put into the body (dropped, pasted or picked): the post lists it. */
  onPhoto(p: Photo): void;
  captions: PhotoCaptions;
  /** The caption typed under a photo (kept with the post's media list, as exports and WordPress read it). */
  onCaption(sha256: string, caption: string): void;
  labelId: string;
  hintId: string;
  disabled?: boolean;
  /** Buttons after the formatting ones (photo, Markdown mode). */
  tools: ReactNode;
  /** The text holds what the visual editor cannot keep (tables): it must be edited as Markdown. */
  onLossy(): void;
};

/** A formatting button; `named` buttons show their name (after a sign), so the visible text is the accessible name. */
type Tool = { id: string; label: MessageKey; keys: string; face: ReactNode; named?: boolean; run(e: Editor): void; active(e: Editor): boolean };
const TOOLS: Tool[] = [
  { id: 'bold', label: 'posts.md.bold', keys: 'Ctrl+B', face: <strong>B</strong>, run: (e) => e.chain().focus().toggleBold().run(), active: (e) => e.isActive('bold') },
  { id: 'italic', label: 'posts.md.italic', keys: 'Ctrl+I', face: <em>I</em>, run: (e) => e.chain().focus().toggleItalic().run(), active: (e) => e.isActive('italic') },
  { id: 'heading', label: 'posts.md.heading', keys: 'Ctrl+Alt+H', face: 'H', run: (e) => e.chain().focus().toggleHeading({ level: 2 }).run(), active: (e) => e.isActive('heading') },
  { id: 'quote', label: 'posts.md.quote', keys: 'Ctrl+Alt+Q', face: '“ ”', run: (e) => e.chain().focus().toggleBlockquote().run(), active: (e) => e.isActive('blockquote') },
  { id: 'list', label: 'posts.md.list', keys: 'Ctrl+Alt+L', face: '• ', named: true, run: (e) => e.chain().focus().toggleBulletList().run(), active: (e) => e.isActive('bulletList') },
  { id: 'ordered', label: 'posts.md.orderedList', keys: 'Ctrl+Alt+N', face: '1. ', named: true, run: (e) => e.chain().focus().toggleOrderedList().run(), active: (e) => e.isActive('orderedList') },
];

const LINK_KEYS = 'Ctrl+K';
const LINK_OK = /^(https?:\/\/[^\s]+|mailto:[^\s]+)$/i;

/**
 * The post body as people see it (headings, quotes, lists, photos with their
 * caption and credit), stored as Markdown: the editor parses `value` and
 * writes back what it serialises on every edit (body-markdown.ts), so the
 * article renderer, exports and WordPress read the same text as before.
 * Photos dropped or pasted in go through Media's import (GPS stripped) and
 * land where they were dropped. The coach's findings are underlined in place
 * (coach-decorations.ts); the caret reports its Markdown offset so the
 * findings under it show with their fix.
 */
export const BodyEditor = forwardRef<BodyEditorHandle, Props>(function BodyEditor(
  { value, onValue, findings, onCaret, onPhoto, captions, onCaption, labelId, hintId, disabled, tools, onLossy },
  ref,
) {
  const { t } = useI18n();
  const { toast } = useApp();
  // The Markdown the document stands for: the last text written or loaded.
  const shown = useRef(value);
  const valueRef = useRef(value);
  valueRef.current = value;
  const cb = useRef({ onValue, onCaret, onPhoto, onLossy, t, toast });
  cb.current = { onValue, onCaret, onPhoto, onLossy, t, toast };
  const [linkOpen, setLinkOpen] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const mapCache = useRef<{ doc: unknown; md: string; map: OffsetMap } | null>(null);
  const importRef = useRef<(files: File[], at: number) => void>(() => undefined);

  const extensions = useMemo(
    () => [
      ...bodyExtensions({ image: BodyImage.extend({ addNodeView: () => ReactNodeViewRenderer(PhotoFigure) }) }),
      CoachDecorations,
      Extension.create({
        name: 'bodyShortcuts',
        addKeyboardShortcuts: () => ({
          'Mod-Alt-h': ({ editor }) => editor.chain().toggleHeading({ level: 2 }).run(),
          'Mod-Alt-q': ({ editor }) => editor.chain().toggleBlockquote().run(),
          'Mod-Alt-l': ({ editor }) => editor.chain().toggleBulletList().run(),
          'Mod-Alt-n': ({ editor }) => editor.chain().toggleOrderedList().run(),
          'Mod-k': () => (setLinkOpen(true), true),
        }),
      }),
    ],
    [],
  );

  const editor = useEditor({
    extensions,
    content: value,
    contentType: 'markdown',
    editable: !disabled,
    // The app's CSP (style-src 'self') refuses injected <style>: ProseMirror's required rules are in styles.css.
    injectCSS: false,
    editorProps: {
      attributes: {
        role: 'textbox',
        'aria-multiline': 'true',
        'aria-labelledby': labelId,
        'aria-describedby': hintId,
        class: 'pm-body',
        lang: 'id',
        spellcheck: 'true',
      },
      handleDrop(view, event, _slice, moved) {
        const files = moved ? [] : photoFiles(event.dataTransfer);
        if (!files.length) return false;
        event.preventDefault();
        const at = view.posAtCoords({ left: event.clientX, top: event.clientY })?.pos ?? view.state.selection.from;
        importRef.current(files, at);
        return true;
      },
      handlePaste(view, event) {
        const files = photoFiles(event.clipboardData);
        if (!files.length) return false;
        event.preventDefault();
        importRef.current(files, view.state.selection.from);
        return true;
      },
    },
    onUpdate({ editor }) {
      const md = docToMarkdown(editor.state.doc);
      if (md === shown.current) return;
      shown.current = md;
      checked.current = md;
      if (md !== valueRef.current) cb.current.onValue(md);
    },
    onSelectionUpdate({ editor }) {
      const map = currentMap(editor);
      if (map) cb.current.onCaret?.(map.toMarkdown(editor.state.selection.from));
    },
  });

  /** The offset map of the document against the stored text, when the document stands for it. */
  function currentMap(e: Editor): OffsetMap | null {
    if (shown.current !== valueRef.current) return null;
    const c = mapCache.current;
    if (c && c.doc === e.state.doc && c.md === valueRef.current) return c.map;
    const map = offsetMap(e.state.doc, valueRef.current);
    mapCache.current = { doc: e.state.doc, md: valueRef.current, map };
    return map;
  }

  // A text changed elsewhere (template, restored version, the other side of a conflict, Markdown mode) is loaded.
  useEffect(() => {
    if (!editor || value === shown.current) return;
    shown.current = value;
    editor.commands.setContent(value, { contentType: 'markdown', emitUpdate: false });
    checked.current = null;
  }, [editor, value]);

  // A loaded text that would not come back the same after a first edit (its article would change) is never
  // rewritten here: the parent switches to the Markdown text. Texts written in this editor always come back.
  const checked = useRef<string | null>(null);
  useEffect(() => {
    if (!editor || editor.isDestroyed || checked.current === value || shown.current !== value) return;
    checked.current = value;
    if (changesArticle(value, docToMarkdown(editor.state.doc))) cb.current.onLossy();
  }, [editor, value]);

  useEffect(() => {
    editor?.setEditable(!disabled, false);
  }, [editor, disabled]);

  // Underlines follow the coach's findings once they are about the text the document shows
  // (the parent passes a new array each render: redrawn only when a finding or the text changed).
  const drawn = useRef('');
  useEffect(() => {
    if (!editor || editor.isDestroyed) return;
    const map = currentMap(editor);
    if (!map) return;
    const signature = `${value.length}:${value.slice(0, 64)}|${findings.map((f) => `${f.key}@${f.start}-${f.end}${f.severity}`).join('|')}`;
    if (signature === drawn.current && mapCache.current?.doc === editor.state.doc) return;
    drawn.current = signature;
    editor.view.dispatch(editor.state.tr.setMeta(coachKey, coachDecorations(editor.state.doc, map, findings)).setMeta('addToHistory', false));
    // currentMap reads refs only.
  }, [editor, findings, value]);

  // After an edit, the caret's place in the new text (as the textarea reported it on every change).
  useEffect(() => {
    if (!editor || editor.isDestroyed || !editor.isFocused) return;
    const map = currentMap(editor);
    if (map) cb.current.onCaret?.(map.toMarkdown(editor.state.selection.from));
    // currentMap reads refs only.
  }, [editor, value]);

  importRef.current = (files, at) => {
    if (!editor) return;
    void (async () => {
      let pos = at;
      for (const file of files) {
        setBusy(t('posts.photoImporting', { name: file.name }));
        const r = await importPhotoFile(file, t);
        if ('error' in r) {
          toast(r.error, 'error');
          continue;
        }
        pos = insertAt(editor, r.photo, Math.min(pos, editor.state.doc.content.size));
        cb.current.onPhoto(r.photo);
        toast(t('posts.photoImported', { name: file.name }));
      }
      setBusy(null);
    })();
  };

  useImperativeHandle(
    ref,
    () => ({
      replace(start, end, text) {
        if (!editor) return false;
        const map = currentMap(editor);
        const r = map?.range(start, end);
        // Only a range that is plain text in the document (no markup inside) is replaced in place.
        if (!r || editor.state.doc.textBetween(r.from, r.to) !== valueRef.current.slice(start, end)) return false;
        // insertText keeps the marks of the replaced text (a fix inside bold stays bold).
        editor.view.dispatch(editor.state.tr.insertText(text, r.from, r.to).scrollIntoView());
        editor.commands.focus();
        return true;
      },
      select(start, end) {
        if (!editor) return;
        const r = currentMap(editor)?.range(start, end);
        if (r) editor.chain().focus().setTextSelection(r).scrollIntoView().run();
        else editor.commands.focus();
      },
      insertPhoto(p) {
        if (!editor) return;
        insertAt(editor, p, editor.state.selection.from);
        onPhoto(p);
      },
      focus() {
        editor?.commands.focus();
      },
    }),
    // currentMap reads refs only.
    [editor, onPhoto],
  );

  const active = useEditorState({
    editor,
    selector: ({ editor: e }) => (e ? Object.fromEntries([...TOOLS.map((x) => [x.id, x.active(e)]), ['link', e.isActive('link')]]) : {}) as Record<string, boolean>,
  });

  const captionsValue = useMemo(() => ({ captions, setCaption: onCaption }), [captions, onCaption]);

  return (
    <CaptionsContext.Provider value={captionsValue}>
      <div className="md-toolbar" role="toolbar" aria-label={t('posts.md.toolbar')}>
        {TOOLS.map((b) => (
          <button
            key={b.id}
            type="button"
            className={active?.[b.id] ? 'small active' : 'small'}
            aria-pressed={Boolean(active?.[b.id])}
            title={`${t(b.label)} (${b.keys})`}
            aria-label={b.named ? undefined : t(b.label)}
            onClick={() => editor && b.run(editor)}
          >
            {b.face}
            {b.named && t(b.label)}
          </button>
        ))}
        <button type="button" className={active?.link ? 'small active' : 'small'} aria-pressed={Boolean(active?.link)} title={`${t('posts.md.link')} (${LINK_KEYS})`} onClick={() => setLinkOpen((o) => !o)}>
          {t('posts.md.link')}
        </button>
        {tools}
      </div>
      {linkOpen && editor && <LinkForm editor={editor} onClose={() => setLinkOpen(false)} />}
      {busy && (
        <p className="small-text muted" role="status">
          {busy}
        </p>
      )}
      <EditorContent editor={editor} className="body-visual body-input" />
    </CaptionsContext.Provider>
  );
});

/**
 * Puts a photo block between the top-level blocks at a position: before the
 * paragraph (or list, quote) when dropped at its very start, else after it,
 * so a photo never cuts a sentence in two. Returns the position after it.
 */
function insertAt(editor: Editor, p: Photo, pos: number): number {
  const $pos = editor.state.doc.resolve(Math.max(0, Math.min(pos, editor.state.doc.content.size)));
  const at = $pos.depth === 0 ? $pos.pos : $pos.parentOffset === 0 && $pos.depth === 1 ? $pos.before(1) : $pos.after(1);
  editor
    .chain()
    .focus()
    .insertContentAt(at, [{ type: 'image', attrs: { src: photoSrc(p.sha256), alt: photoAlt(p) } }])
    .run();
  return editor.state.selection.to;
}

function LinkForm({ editor, onClose }: { editor: Editor; onClose(): void }) {
  const { t } = useI18n();
  const [href, setHref] = useState<string>(() => (editor.getAttributes('link').href as string | undefined) ?? 'https://');
  const [error, setError] = useState(false);
  const apply = () => {
    const url = href.trim();
    if (!LINK_OK.test(url)) {
      setError(true);
      return;
    }
    const chain = editor.chain().focus().extendMarkRange('link');
    if (editor.state.selection.empty && !editor.isActive('link')) chain.insertContent({ type: 'text', text: url, marks: [{ type: 'link', attrs: { href: url } }] }).run();
    else chain.setLink({ href: url }).run();
    onClose();
  };
  return (
    <div className="row link-form">
      <label className="field">
        <span className="field-label">{t('posts.md.linkUrl')}</span>
        <input
          type="url"
          value={href}
          autoFocus
          aria-invalid={error}
          onChange={(e) => (setHref(e.target.value), setError(false))}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              apply();
            }
            if (e.key === 'Escape') {
              e.preventDefault();
              onClose();
              editor.commands.focus();
            }
          }}
        />
        {error && (
          <span className="field-error" role="alert">
            {t('posts.md.linkInvalid')}
          </span>
        )}
      </label>
      <button type="button" className="small" onClick={apply}>
        {t('posts.md.linkApply')}
      </button>
      {editor.isActive('link') && (
        <button type="button" className="small" onClick={() => {
            editor.chain().focus().extendMarkRange('link').unsetLink().run();
            onClose();
          }}>
          {t('posts.md.linkRemove')}
        </button>
      )}
    </div>
  );
}

/** A body photo as the reader sees it: the image, its caption and credit from Media. */
function PhotoFigure({ node, selected }: ReactNodeViewProps) {
  const { t } = useI18n();
  const { captions, setCaption } = useContext(CaptionsContext);
  const src = String(node.attrs.src ?? '');
  const sha = photoShaOf(src);
  const info = sha ? captions[sha] : undefined;
  return (
    <NodeViewWrapper as="figure" className={`body-photo${selected ? ' selected' : ''}`} data-drag-handle="">
      <img src={src} alt={String(node.attrs.alt ?? '')} draggable={false} />
      <figcaption contentEditable={false}>
        {sha && info && setCaption ? (
          <input
            className="body-photo-caption"
            aria-label={t('posts.photoCaption')}
            placeholder={t('posts.photoCaptionPlaceholder')}
            value={info.caption}
            maxLength={1000}
            onChange={(e) => setCaption(sha, e.target.value)}
          />
        ) : (
          <span className="muted">{t('posts.photoNoCaption')}</span>
        )}
        {info?.credit && <span className="body-photo-credit">{t('posts.photoCredit', { credit: info.credit })}</span>}
        {info?.photo && <PhotoAltField key={info.photo.id} photo={info.photo} />}
      </figcaption>
    </NodeViewWrapper>
  );
}

/**
 * The photo's alt text, typed right under it and saved to its Media record
 * (the website and Instagram refuse a photo without one): the admin never has
 * to leave the draft for Media to fill it in.
 */
function PhotoAltField({ photo }: { photo: Photo }) {
  const { t } = useI18n();
  const { draft, update } = usePhotoAutosave(photo, () => undefined);
  const missing = !draft.altText.trim();
  return (
    <input
      className={`body-photo-alt${missing ? ' missing' : ''}`}
      aria-label={t('posts.photoAlt')}
      placeholder={t('posts.photoAltPlaceholder')}
      value={draft.altText}
      maxLength={1000}
      onChange={(e) => update({ altText: e.target.value })}
    />
  );
}
