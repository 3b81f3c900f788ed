/**
 * Edits of a textarea that keep the browser's undo history: the change goes
 * through execCommand('insertText') (Chromium), which fires the normal input
 * event, so autosave sees it like typing. Falls back to a value setter.
 */
export function replaceRange(el: HTMLTextAreaElement | HTMLInputElement, start: number, end: number, text: string, select: 'end' | 'inner' = 'end', innerFrom = 0, innerTo = 0): void {
  el.focus();
  el.setSelectionRange(start, end);
  const ok = typeof document.execCommand === 'function' && document.execCommand('insertText', false, text);
  if (!ok) {
    const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(el), 'value')?.set;
    setter?.call(el, el.value.slice(0, start) + text + el.value.slice(end));
    el.dispatchEvent(new Event('input', { bubbles: true }));
  }
  if (select === 'inner') el.setSelectionRange(start + innerFrom, start + innerTo);
  else el.setSelectionRange(start + text.length, start + text.length);
}

export type MarkdownAction = 'bold' | 'italic' | 'heading' | 'quote' | 'list' | 'link';

/** Applies a Markdown formatting action to the textarea's selection. */
export function applyMarkdown(el: HTMLTextAreaElement, action: MarkdownAction, placeholder: string): void {
  const { selectionStart: s, selectionEnd: e, value } = el;
  const sel = value.slice(s, e);
  if (action === 'bold' || action === 'italic') {
    const mark = action === 'bold' ? '**' : '*';
    const inner = sel || placeholder;
    replaceRange(el, s, e, `${mark}${inner}${mark}`, 'inner', mark.length, mark.length + inner.length);
    return;
  }
  if (action === 'link') {
    const inner = sel || placeholder;
    const text = `[${inner}](https://)`;
    // Select "https://" so the address can be typed straight away.
    replaceRange(el, s, e, text, 'inner', inner.length + 3, inner.length + 11);
    return;
  }
  // Line actions: apply to every line of the selection.
  const lineStart = value.lastIndexOf('\n', s - 1) + 1;
  let lineEnd = value.indexOf('\n', e);
  if (lineEnd < 0) lineEnd = value.length;
  const prefix = action === 'heading' ? '## ' : action === 'quote' ? '> ' : '- ';
  const lines = value.slice(lineStart, lineEnd).split('\n');
  const all = lines.every((l) => l.startsWith(prefix));
  const next = lines.map((l) => (all ? l.slice(prefix.length) : prefix + l.replace(/^(#{1,6} |> |- )/, ''))).join('\n');
  replaceRange(el, lineStart, lineEnd, next);
}
