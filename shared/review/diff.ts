import { diffWordsWithSpace } from 'diff';
import { REVIEWED_FIELDS, type ReviewedField, type Snapshot } from './model';
import { changedFields } from './rules';

export interface DiffPart {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

/** Word-level difference (jsdiff), whitespace kept so the text reads naturally. */
export function wordDiff(before: string, after: string): DiffPart[] {
  return diffWordsWithSpace(before, after).map((c) => ({
    kind: c.added ? 'added' : c.removed ? 'removed' : 'same',
    text: c.value,
  }));
}

export interface FieldDiff {
  field: ReviewedField;
  parts: DiffPart[];
}

/** Text of a field for display and diffing (lists and objects as readable lines). */
export function fieldText(s: Snapshot, f: ReviewedField): string {
  const v = s[f];
  if (f === 'tags') return s.tags.join(', ');
  if (f === 'media') return s.media.map((m) => `${m.role}: ${m.caption || m.mediaId}`).join('\n');
  if (f === 'channelVariants') {
    return s.channelVariants.map((c) => `[${c.channel}${c.enabled ? '' : ' (off)'}] ${c.text}`).join('\n\n');
  }
  return v == null ? '' : String(v);
}

/** What changed between two versions, field by field (unchanged fields left out). */
export function snapshotDiff(before: Snapshot, after: Snapshot): FieldDiff[] {
  const changed = new Set(changedFields(before, after));
  return REVIEWED_FIELDS.filter((f) => changed.has(f)).map((field) => ({
    field,
    parts: wordDiff(fieldText(before, field), fieldText(after, field)),
  }));
}
