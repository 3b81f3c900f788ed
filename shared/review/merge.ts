import { diff3Merge } from 'node-diff3';
import { REVIEWED_FIELDS, type ReviewedField, type Snapshot } from './model';

/** Fields merged paragraph by paragraph when both sides changed them. */
const PARAGRAPH_FIELDS: readonly ReviewedField[] = ['bodyMd', 'lead'];

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function paragraphs(text: string): string[] {
  return text.replace(/\r\n?/g, '\n').split(/\n{2,}/);
}

/**
 * A three-way merge of paragraphs: null when the two sides changed the same
 * paragraph (or next to each other) differently.
 */
export function mergeParagraphs(base: string, mine: string, theirs: string): string | null {
  const blocks = diff3Merge(paragraphs(mine), paragraphs(base), paragraphs(theirs), { excludeFalseConflicts: true }) as (
    | { ok: string[] }
    | { conflict: { a: string[]; o: string[]; b: string[] } }
  )[];
  const out: string[] = [];
  for (const block of blocks) {
    if ('ok' in block) {
      out.push(...block.ok);
      continue;
    }
    // diff3 joins edits of neighbouring paragraphs into one region; where neither side added or
    // removed paragraphs there, each paragraph changed by one side only is still that side's edit.
    const { a, o, b } = block.conflict;
    if (a.length !== o.length || b.length !== o.length) return null;
    for (let i = 0; i < o.length; i++) {
      if (a[i] === o[i]) out.push(b[i]);
      else if (b[i] === o[i] || b[i] === a[i]) out.push(a[i]);
      else return null;
    }
  }
  return out.join('\n\n');
}

export interface SnapshotMerge {
  /** Mine with every change of theirs that does not overlap one of mine. */
  merged: Snapshot;
  /** Fields both sides changed in overlapping places: mine is kept in `merged`, the person chooses. */
  conflicts: ReviewedField[];
  /** Fields taken (wholly or partly) from theirs. */
  taken: ReviewedField[];
}

/**
 * Merges two edited copies of a post against the version both started from
 * (review by file: the author's copy and the editor's). Nothing is lost:
 * non-overlapping edits from both sides are combined, overlapping ones are
 * reported and the local text is kept until someone chooses.
 */
export function mergeSnapshots(base: Snapshot, mine: Snapshot, theirs: Snapshot): SnapshotMerge {
  const merged = JSON.parse(JSON.stringify(mine)) as Snapshot;
  const conflicts: ReviewedField[] = [];
  const taken: ReviewedField[] = [];
  for (const f of REVIEWED_FIELDS) {
    if (same(mine[f], theirs[f]) || same(theirs[f], base[f])) continue;
    if (same(mine[f], base[f])) {
      (merged as Record<string, unknown>)[f] = JSON.parse(JSON.stringify(theirs[f]));
      taken.push(f);
      continue;
    }
    const text = PARAGRAPH_FIELDS.includes(f) ? mergeParagraphs(base[f] as string, mine[f] as string, theirs[f] as string) : null;
    if (text === null) conflicts.push(f);
    else {
      (merged as Record<string, unknown>)[f] = text;
      taken.push(f);
    }
  }
  return { merged, conflicts, taken };
}
