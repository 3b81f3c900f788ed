import { Extension } from '@tiptap/core';
import type { Node as PMNode } from '@tiptap/pm/model';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import type { Finding } from '@shared/posts/types';
import type { OffsetMap } from './body-markdown';

/**
 * The coach's findings as inline underlines in the visual editor: the same
 * findings the side panel lists (offsets into the stored Markdown), mapped
 * to document ranges. Decorations never touch the document, so they are not
 * saved and do not enter the undo history; between two coach runs they move
 * with the text (DecorationSet.map).
 */
export const coachKey = new PluginKey<DecorationSet>('coach');

export const CoachDecorations = Extension.create({
  name: 'coachDecorations',
  addProseMirrorPlugins() {
    return [
      new Plugin<DecorationSet>({
        key: coachKey,
        state: {
          init: () => DecorationSet.empty,
          apply(tr, set) {
            const next = tr.getMeta(coachKey) as DecorationSet | undefined;
            return next ?? set.map(tr.mapping, tr.doc);
          },
        },
        props: {
          decorations: (state) => coachKey.getState(state),
        },
      }),
    ];
  },
});

/** Underlines for the findings that fall on document text (a finding on a photo's address has none). */
export function coachDecorations(doc: PMNode, map: OffsetMap, findings: readonly Finding[]): DecorationSet {
  const decos: Decoration[] = [];
  for (const f of findings) {
    if (f.end <= f.start) continue;
    const r = map.range(f.start, f.end);
    if (!r || r.to <= r.from) continue;
    decos.push(Decoration.inline(r.from, r.to, { nodeName: 'mark', class: `hl hl-${f.severity}`, 'data-rule': f.ruleId }));
  }
  return DecorationSet.create(doc, decos);
}
