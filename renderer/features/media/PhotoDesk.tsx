import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { BatchOutput, MediaFilter, RenditionInfo } from '@shared/api/contracts/media';
import { MAX_PHOTO_BYTES, MEDIA_PAGE } from '@shared/api/contracts/media';
import { POSTS_LIST_MAX } from '@shared/api/contracts/posts';
import type { PostSummary } from '@shared/domain/post';
import { photoSummary, type Photo, type PhotoSummary } from '@shared/media/photo';
import { CHANNEL_PRESETS, PRESET_IDS } from '@shared/media/presets';
import { api } from '@ui/api/client';
import { useApp } from '@ui/app/AppContext';
import { useI18n } from '@ui/i18n/i18n';
import { Dialog } from '@ui/lib/ui/Dialog';
import { BatchExport, type BatchTarget } from './BatchExport';
import { DateField } from '@ui/lib/DateField';
import { ACCEPT, loadChosenPresets, mediaErrorMessage, readFileBase64, saveChosenPresets } from './media-ui';
import { PhotoDetail } from './PhotoDetail';
import { PhotoGrid } from './PhotoGrid';

interface LogEntry {
  key: string;
  name: string;
  kind: 'imported' | 'duplicate' | 'restored' | 'error';
  text: string;
  photoId?: string;
}

interface Viewer {
  url: string;
  title: string;
  width: number;
  height: number;
  download: string;
}

interface Filters {
  query: string;
  tag: string;
  takenFrom: string;
  takenTo: string;
  postId: string;
  trash: boolean;
}

const NO_FILTERS: Filters = { query: '', tag: '', takenFrom: '', takenTo: '', postId: '', trash: false };

/** The filter as media.list takes it (applied on the main process). */
/** The filter a "Pilih semua" batch is sent as (never the trash). */
function batchFilter(f: Filters): MediaFilter {
  return { query: f.query || undefined, tag: f.tag || undefined, takenFrom: f.takenFrom || undefined, takenTo: f.takenTo || undefined, postId: f.postId || undefined };
}

function listInput(f: Filters) {
  return { query: f.query || undefined, tag: f.tag || undefined, takenFrom: f.takenFrom || undefined, takenTo: f.takenTo || undefined, postId: f.postId || undefined, trash: f.trash };
}

interface ListMeta {
  total: number;
  trashCount: number;
  tags: string[];
}

/** The photo desk: import, library, per-photo details with crop previews, batch export. */
export function PhotoDesk(_props: { rest: string[] }) {
  const { t } = useI18n();
  const { toast } = useApp();
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [list, setList] = useState<ListMeta | null>(null);
  // Pages of summaries by page number; the grid asks for the pages it shows (media.list is paged).
  const [pages, setPages] = useState<ReadonlyMap<number, PhotoSummary[]>>(new Map());
  const asked = useRef(new Set<number>());
  const generation = useRef(0);
  const [loaded, setActive] = useState<Photo | null>(null);
  const [posts, setPosts] = useState<PostSummary[]>([]);
  const [selected, setSelectedIds] = useState<Set<string>>(new Set());
  // "Pilih semua": every photo the filter shows but those unticked since; the main process applies it to the batch (issue 22: no list of every id).
  const [all, setAll] = useState<{ except: Set<string> } | null>(null);
  const allRef = useRef(all);
  allRef.current = all;
  const setSelected = useCallback((next: Set<string> | ((s: Set<string>) => Set<string>)) => {
    setAll(null);
    setSelectedIds(next);
  }, []);
  const [activeId, setActiveId] = useState<string | null>(null);
  const [anchor, setAnchor] = useState<string | null>(null);
  const [presetIds, setPresetIds] = useState<string[]>(() => loadChosenPresets(PRESET_IDS));
  const [progress, setProgress] = useState<{ n: number; total: number; name: string } | null>(null);
  const [log, setLog] = useState<LogEntry[]>([]);
  const [dragging, setDragging] = useState(false);
  const [viewer, setViewer] = useState<Viewer | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const queue = useRef<Promise<void>>(Promise.resolve());

  const load = useCallback(async () => {
    const gen = ++generation.current;
    try {
      const r = await api.call('media.list', { ...listInput(filters), offset: 0, limit: MEDIA_PAGE });
      if (gen !== generation.current) return;
      asked.current = new Set([0]);
      setPages(new Map([[0, r.items]]));
      setList({ total: r.total, trashCount: r.trashCount, tags: r.tags });
      // The selection follows the filter: what it hides is no longer selected (the count and the export button agree).
      // "Pilih semua" stays all of what the new filter shows; chosen photos are checked against it (only their ids travel).
      if (allRef.current) setAll({ except: new Set() });
      else if (selectedRef.current.size) {
        const kept = await api.call('media.list', { ...listInput(filters), idsOnly: true, within: [...selectedRef.current] });
        if (gen !== generation.current) return;
        const shown = new Set(kept.ids ?? []);
        setSelectedIds((s) => {
          const kept = [...s].filter((id) => shown.has(id));
          return kept.length === s.size ? s : new Set(kept);
        });
      }
    } catch (e) {
      toast(mediaErrorMessage(t, e), 'error');
    }
  }, [filters, t, toast]);

  const loadPages = useCallback(
    (first: number, last: number) => {
      const gen = generation.current;
      for (let n = Math.floor(first / MEDIA_PAGE); n <= Math.floor(last / MEDIA_PAGE); n++) {
        if (asked.current.has(n)) continue;
        asked.current.add(n);
        api.call('media.list', { ...listInput(filters), offset: n * MEDIA_PAGE, limit: MEDIA_PAGE }).then(
          (r) => gen === generation.current && setPages((m) => new Map(m).set(n, r.items)),
          (e) => {
            asked.current.delete(n);
            toast(mediaErrorMessage(t, e), 'error');
          },
        );
      }
    },
    // `list` too: a reload (new filter, import, trash) keeps only page 0, and the grid asks again for what it shows.
    [filters, list, t, toast],
  );

  useEffect(() => {
    const h = setTimeout(() => void load(), filters.query ? 200 : 0);
    return () => clearTimeout(h);
  }, [load, filters.query]);

  useEffect(() => {
    api
      .call('posts.list', { limit: POSTS_LIST_MAX })
      .then((r) => setPosts(r.items))
      .catch(() => setPosts([]));
  }, []);

  // Every position of the filtered list; a page not loaded yet is a gap the grid draws as a placeholder.
  const photos = useMemo(() => Array.from({ length: list?.total ?? 0 }, (_, i) => pages.get(Math.floor(i / MEDIA_PAGE))?.[i % MEDIA_PAGE]), [list, pages]);
  const selectedRef = useRef(selected);
  selectedRef.current = selected;

  // The opened photo is read whole (the list carries summaries).
  useEffect(() => {
    if (!activeId) return setActive(null);
    let live = true;
    api.call('media.get', { id: activeId }).then(
      (p) => live && setActive(p),
      () => live && setActive(null),
    );
    return () => {
      live = false;
    };
  }, [activeId]);

  // Only the photo that is active now: while the next one loads nothing is shown, so typing never lands on the previous photo.
  const active = loaded && loaded.id === activeId ? loaded : null;

  const replacePhoto = useCallback((p: Photo) => {
    setActive((a) => (a && a.id === p.id ? p : a));
    setPages((m) => {
      const next = new Map<number, PhotoSummary[]>();
      for (const [n, items] of m) next.set(n, items.map((x) => (x.id === p.id ? photoSummary(p) : x)));
      return next;
    });
  }, []);

  const selectAll = () => {
    setSelectedIds(new Set());
    setAll({ except: new Set() });
  };

  const importFiles = useCallback(
    (files: File[]) => {
      if (!files.length) return;
      // Imports run one after another: the main process decodes one photo at a time.
      queue.current = queue.current.then(async () => {
        let lastId: string | null = null;
        for (let i = 0; i < files.length; i++) {
          const f = files[i];
          const name = f.name || `tempel-${Date.now()}.png`;
          setProgress({ n: i + 1, total: files.length, name });
          const key = `${Date.now()}-${i}-${name}`;
          try {
            if (f.size > MAX_PHOTO_BYTES) throw Object.assign(new Error('too big'), { tooBig: true });
            const dataBase64 = await readFileBase64(f);
            const r = await api.call('media.import', { name, dataBase64 });
            lastId = r.photo.id;
            const text = r.status === 'imported' ? t('media.desk.imported', { name }) : r.status === 'restored' ? t('media.desk.restoredFromTrash', { name }) : t('media.desk.duplicate', { name });
            setLog((l) => [{ key, name, kind: r.status, text, photoId: r.photo.id }, ...l].slice(0, 50));
          } catch (e) {
            const text = (e as { tooBig?: boolean }).tooBig ? t('media.desk.reason.too_big_file') : mediaErrorMessage(t, e);
            setLog((l) => [{ key, name, kind: 'error' as const, text: `${name}: ${text}` }, ...l].slice(0, 50));
          }
        }
        setProgress(null);
        await load();
        if (lastId) {
          setActiveId(lastId);
          setSelected(new Set([lastId]));
          setAnchor(lastId);
        }
      });
    },
    [load, t],
  );

  // Drag and drop anywhere on the window, and paste from the clipboard.
  useEffect(() => {
    const hasFiles = (e: DragEvent) => Array.from(e.dataTransfer?.types ?? []).includes('Files');
    let depth = 0;
    const onEnter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth++;
      setDragging(true);
    };
    const onOver = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    };
    const onLeave = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const onDrop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth = 0;
      setDragging(false);
      importFiles(Array.from(e.dataTransfer?.files ?? []));
    };
    const onPaste = (e: ClipboardEvent) => {
      const files = Array.from(e.clipboardData?.files ?? []).filter((f) => f.type.startsWith('image/') || /\.(heic|heif)$/i.test(f.name));
      // Pasting text (into a field or anywhere) stays an ordinary paste.
      if (!files.length) return;
      e.preventDefault();
      importFiles(files);
    };
    window.addEventListener('dragenter', onEnter);
    window.addEventListener('dragover', onOver);
    window.addEventListener('dragleave', onLeave);
    window.addEventListener('drop', onDrop);
    window.addEventListener('paste', onPaste);
    return () => {
      window.removeEventListener('dragenter', onEnter);
      window.removeEventListener('dragover', onOver);
      window.removeEventListener('dragleave', onLeave);
      window.removeEventListener('drop', onDrop);
      window.removeEventListener('paste', onPaste);
    };
  }, [importFiles]);

  const onActivate = (id: string, mod: { ctrl: boolean; shift: boolean }) => {
    if (mod.shift && anchor) {
      const a = photos.findIndex((p) => p?.id === anchor);
      const b = photos.findIndex((p) => p?.id === id);
      if (a >= 0 && b >= 0) {
        const [lo, hi] = a < b ? [a, b] : [b, a];
        setSelected(new Set(photos.slice(lo, hi + 1).flatMap((p) => (p ? [p.id] : []))));
      }
    } else if (mod.ctrl) {
      toggle(id);
      setAnchor(id);
    } else {
      setSelected(new Set([id]));
      setAnchor(id);
    }
    setActiveId(id);
  };

  const toggle = (id: string) => {
    if (all) {
      const except = new Set(all.except);
      if (except.has(id)) except.delete(id);
      else except.add(id);
      setAll({ except });
      return;
    }
    setSelected((s) => {
      const n = new Set(s);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });
  };

  const togglePreset = (id: string) => {
    const next = presetIds.includes(id) ? presetIds.filter((x) => x !== id) : PRESET_IDS.filter((x) => x === id || presetIds.includes(x));
    setPresetIds(next);
    saveChosenPresets(next);
  };

  const trash = async (p: Photo) => {
    try {
      await api.call('media.trash', { id: p.id });
      toast(t('media.desk.trashed'));
      setActiveId(null);
      setSelected((s) => {
        const n = new Set(s);
        n.delete(p.id);
        return n;
      });
      await load();
    } catch (e) {
      toast(mediaErrorMessage(t, e), 'error');
    }
  };

  const restore = async (p: Photo) => {
    try {
      await api.call('media.restore', { id: p.id });
      toast(t('media.desk.restored'));
      await load();
    } catch (e) {
      toast(mediaErrorMessage(t, e), 'error');
    }
  };

  const openRendition = (r: RenditionInfo, label: string) =>
    setViewer({ url: r.url, title: t('media.desk.renditionTitle', { preset: label }), width: r.width, height: r.height, download: `${label}.${r.format === 'jpeg' ? 'jpg' : r.format}` });
  const openOutput = (o: BatchOutput) => setViewer({ url: o.url, title: o.name, width: o.width, height: o.height, download: o.name });

  const selectedCount = all ? Math.max(0, (list?.total ?? 0) - all.except.size) : selected.size;
  const isSelected = useMemo(() => (all ? { has: (id: string) => !all.except.has(id) } : selected), [all, selected]);
  const exportIds = selected.size ? [...selected] : active ? [active.id] : [];
  const target: BatchTarget = all ? { select: { filter: batchFilter(filters), except: [...all.except] } } : { mediaIds: exportIds };
  const set = (patch: Partial<Filters>) => setFilters((f) => ({ ...f, ...patch }));
  const filtered = Boolean(filters.query || filters.tag || filters.takenFrom || filters.takenTo || filters.postId);

  return (
    <div className="photo-desk">
      <div className="photo-toolbar">
        <button type="button" className="primary" onClick={() => fileInput.current?.click()}>
          {t('media.desk.import')}
        </button>
        <input
          ref={fileInput}
          type="file"
          multiple
          accept={ACCEPT}
          hidden
          data-testid="photo-file-input"
          onChange={(e) => {
            importFiles(Array.from(e.target.files ?? []));
            e.target.value = '';
          }}
        />
        <input type="search" className="photo-search" placeholder={t('media.desk.search')} aria-label={t('media.desk.search')} value={filters.query} onChange={(e) => set({ query: e.target.value })} />
        <select aria-label={t('media.desk.tag')} value={filters.tag} onChange={(e) => set({ tag: e.target.value })}>
          <option value="">{t('media.desk.allTags')}</option>
          {(list?.tags ?? []).map((tag) => (
            <option key={tag} value={tag}>
              {tag}
            </option>
          ))}
        </select>
        <label className="photo-date">
          <span>{t('media.desk.takenFrom')}</span>
          <DateField label={t('media.desk.takenFrom')} value={filters.takenFrom} onChange={(iso) => set({ takenFrom: iso })} />
        </label>
        <label className="photo-date">
          <span>{t('media.desk.takenTo')}</span>
          <DateField label={t('media.desk.takenTo')} value={filters.takenTo} onChange={(iso) => set({ takenTo: iso })} />
        </label>
        <select aria-label={t('media.desk.post')} value={filters.postId} onChange={(e) => set({ postId: e.target.value })}>
          <option value="">{t('media.desk.allPosts')}</option>
          {posts.map((p) => (
            <option key={p.id} value={p.id}>
              {p.title || p.id}
            </option>
          ))}
        </select>
        <button type="button" className="ghost" onClick={() => set({ trash: !filters.trash })} aria-pressed={filters.trash}>
          {filters.trash ? t('media.desk.showLibrary') : t('media.desk.showTrash', { n: list?.trashCount ?? 0 })}
        </button>
      </div>
      <p className="field-hint">{t('media.desk.importHint')}</p>

      {progress && (
        <div className="notice" role="status">
          <p>{t('media.desk.importing', progress)}</p>
        </div>
      )}
      {log.length > 0 && (
        <div className="photo-log notice" role="status" aria-label={t('media.desk.importLog')}>
          <ul>
            {log.slice(0, 8).map((l) => (
              <li key={l.key} className={`log-${l.kind}`}>
                {l.text}{' '}
                {l.kind === 'duplicate' && l.photoId && (
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => {
                      setFilters(NO_FILTERS);
                      setActiveId(l.photoId!);
                      setSelected(new Set([l.photoId!]));
                    }}
                  >
                    {t('media.desk.showExisting')}
                  </button>
                )}
              </li>
            ))}
          </ul>
          <button type="button" className="ghost" onClick={() => setLog([])}>
            {t('media.desk.clearLog')}
          </button>
        </div>
      )}

      <div className="photo-desk-body">
        <div className="photo-library">
          <div className="row photo-library-bar">
            <span className="muted">{t('media.desk.count', { n: list?.total ?? 0 })}</span>
            {selectedCount > 0 && <span className="badge">{t('media.desk.selected', { n: selectedCount })}</span>}
            <button type="button" className="ghost small" onClick={selectAll} disabled={!photos.length}>
              {t('media.desk.selectAll')}
            </button>
            {selectedCount > 0 && (
              <button type="button" className="ghost small" onClick={() => setSelected(new Set())}>
                {t('media.desk.clearSelection')}
              </button>
            )}
          </div>
          {list && photos.length === 0 ? (
            filtered || filters.trash ? (
              <p className="empty-state">{t('media.desk.noMatch')}</p>
            ) : (
              <div className="empty-state">
                <h2>{t('media.desk.emptyTitle')}</h2>
                <p>{t('media.desk.emptyBody')}</p>
              </div>
            )
          ) : (
            <PhotoGrid photos={photos} selected={isSelected} activeId={activeId} onActivate={onActivate} onToggle={toggle} onRange={loadPages} />
          )}
        </div>

        <aside className="photo-side">
          <fieldset className="preset-picker">
            <legend className="field-label">{t('media.desk.presets')}</legend>
            <div className="row">
              {CHANNEL_PRESETS.map((p) => (
                <label key={p.id} className={`chip preset-chip${presetIds.includes(p.id) ? ' active' : ''}`} title={`${p.width}×${p.height ?? '…'} · ${p.source}`}>
                  <input type="checkbox" checked={presetIds.includes(p.id)} onChange={() => togglePreset(p.id)} />
                  {p.label}
                </label>
              ))}
            </div>
          </fieldset>
          {active && filters.trash && (
            <div className="card">
              <p>{active.originalName}</p>
              <button type="button" className="primary" onClick={() => void restore(active)}>
                {t('media.desk.restore')}
              </button>
            </div>
          )}
          {active && !filters.trash && (
            <PhotoDetail key={active.id} photo={active} posts={posts} presetIds={presetIds} onChanged={replacePhoto} onTrash={(p) => void trash(p)} onOpenRendition={openRendition} />
          )}
          {/* With several photos chosen the export moves up (CSS order keeps it mounted, so a running batch keeps its progress). */}
          {!filters.trash && <BatchExport target={target} count={all ? selectedCount : exportIds.length} presetIds={presetIds} onOpen={openOutput} first={selectedCount > 1} />}
        </aside>
      </div>

      {dragging && (
        <div className="photo-drop" aria-hidden="true">
          <p>{t('media.desk.dropHere')}</p>
        </div>
      )}
      {viewer && <RenditionViewer viewer={viewer} onClose={() => setViewer(null)} />}
    </div>
  );
}

/** One file (a rendition or a batch output) over the desk, in the shared Dialog (focus trapped, returned on close). */
function RenditionViewer({ viewer, onClose }: { viewer: Viewer; onClose(): void }) {
  const { t } = useI18n();
  return (
    <Dialog label={viewer.title} onClose={onClose} backdropClassName="rendition-viewer" className="rendition-box" closeOnBackdrop>
      <div className="row rendition-head">
        <strong>{viewer.title}</strong>
        <span className="muted">
          {viewer.width}×{viewer.height}
        </span>
        <a href={`${viewer.url}?download=1`} download={viewer.download}>
          {t('media.desk.download')}
        </a>
        <button type="button" className="ghost" onClick={onClose} autoFocus>
          {t('media.desk.close')}
        </button>
      </div>
      <img src={viewer.url} alt={viewer.title} data-testid="rendition-image" />
    </Dialog>
  );
}
