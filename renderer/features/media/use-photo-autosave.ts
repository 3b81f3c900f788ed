import { useMemo } from 'react';
import { ApiError } from '@shared/api/errors';
import type { CropChoice, FocalPoint, Photo, PhotoEdit } from '@shared/media/photo';
import { normalizeTags } from '@shared/media/rules';
import { api } from '@ui/api/client';
import type { AutosaveSpec } from '@ui/lib/autosave';
import { useAutosave } from '@ui/lib/use-autosave';

/** What the person edits on a photo (tags as typed, comma separated). */
export interface PhotoDraft {
  caption: string;
  credit: string;
  altText: string;
  tags: string;
  postIds: string[];
  /** The focal point set by hand; null = the automatic one. */
  focal: FocalPoint | null;
  /** Hand-made crops by format. */
  crops: Record<string, CropChoice>;
}

export const draftOf = (p: Photo): PhotoDraft => ({ caption: p.caption, credit: p.credit, altText: p.altText, tags: p.tags.join(', '), postIds: p.postIds, focal: p.focal, crops: p.crops });

/** The changed fields as an API patch (tags split and normalised). */
function toPatch(fields: Partial<PhotoDraft>): PhotoEdit {
  const { tags, ...rest } = fields;
  return tags === undefined ? rest : { ...rest, tags: normalizeTags(tags.split(',')) };
}

/**
 * The texts, focal point and crops of one photo with the shared autosave
 * (`@ui/lib/autosave`); each saved copy is reported through onSaved so the
 * library shows it, and a newer copy from the list is adopted.
 */
export function usePhotoAutosave(photo: Photo, onSaved: (p: Photo) => void) {
  const id = photo.id;
  const spec = useMemo<AutosaveSpec<Photo, PhotoDraft, PhotoEdit>>(
    () => ({
      key: `media:${id}`,
      rev: (p) => p.rev,
      draftOf,
      toPatch,
      send: (patch, baseRev) => api.call('media.update', { id, baseRev, patch }, { keepalive: true }),
      fetch: () => api.call('media.get', { id }),
      isConflict: (e) => e instanceof ApiError && e.code === 'conflict',
    }),
    [id],
  );
  const a = useAutosave<Photo, PhotoDraft, PhotoEdit>(photo, { ...spec, onSaved });
  return { draft: a.draft ?? draftOf(photo), state: a.status, savedAt: a.savedAt, update: a.edit, save: a.save, resolve: a.resolve };
}
