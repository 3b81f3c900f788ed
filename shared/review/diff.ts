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

/** The words fieldText uses for photo roles and channels, in the reader's language. */
export interface FieldWords {
  role: (role: Snapshot['media'][number]['role']) => string;
  channel: (channel: Snapshot['channelVariants'][number]['channel']) => string;
  /** A channel that is set up but not sent. */
  off: string;
  noCaption: string;
  images: (n: number) => string;
}

const ROLE_ID: Record<Snapshot['media'][number]['role'], string> = { featured: 'Foto utama', inline: 'Foto di isi', gallery: 'Galeri', card: 'Kartu info' };
const CHANNEL_ID: Record<Snapshot['channelVariants'][number]['channel'], string> = {
  website: 'Website',
  facebook: 'Facebook',
  instagram: 'Instagram',
  x: 'X',
  whatsapp: 'WhatsApp',
  other: 'Kanal lain',
};

/** Plain Indonesian (the approval sheet, the server's diff); the UI passes its own language. */
export const FIELD_WORDS_ID: FieldWords = {
  role: (r) => ROLE_ID[r],
  channel: (c) => CHANNEL_ID[c],
  off: 'tidak dikirim',
  noCaption: 'tanpa keterangan',
  images: (n) => `${n} gambar`,
};

/** Text of a field for display and diffing (lists and objects as readable lines, no internal codes). */
export function fieldText(s: Snapshot, f: ReviewedField, words: FieldWords = FIELD_WORDS_ID): string {
  const v = s[f];
  if (f === 'tags') return s.tags.join(', ');
  if (f === 'media') return s.media.map((m) => `${words.role(m.role)}: ${m.caption || words.noCaption}`).join('\n');
  if (f === 'channelVariants') {
    return s.channelVariants
      .map((c) => `${words.channel(c.channel)}${c.enabled ? '' : ` (${words.off})`}${c.mediaIds.length ? ` · ${words.images(c.mediaIds.length)}` : ''}: ${c.text}`)
      .join('\n\n');
  }
  return v == null ? '' : String(v);
}

/** What changed between two versions, field by field (unchanged fields left out). */
export function snapshotDiff(before: Snapshot, after: Snapshot, words: FieldWords = FIELD_WORDS_ID): FieldDiff[] {
  const changed = new Set(changedFields(before, after));
  return REVIEWED_FIELDS.filter((f) => changed.has(f)).map((field) => ({
    field,
    parts: wordDiff(fieldText(before, field, words), fieldText(after, field, words)),
  }));
}
