import { forwardRef, useCallback, useDeferredValue, useImperativeHandle, useMemo, useRef, type ReactNode, type TextareaHTMLAttributes } from 'react';
import type { Finding } from '@shared/posts/types';

type Props = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'value' | 'onChange'> & {
  value: string;
  onValue(v: string): void;
  findings: readonly Finding[];
  onCaret?(pos: number): void;
};

/**
 * A textarea with the coach's findings marked inline. The marks live in a
 * backdrop behind a transparent textarea with identical metrics (font,
 * padding, wrapping, always-visible scrollbar), scrolled in step. The
 * textarea stays a plain native control: undo, IME, spellcheck and screen
 * readers work as usual.
 */
export const HighlightTextarea = forwardRef<HTMLTextAreaElement, Props>(function HighlightTextarea(
  { value, onValue, findings, onCaret, className, ...rest },
  ref,
) {
  const input = useRef<HTMLTextAreaElement>(null);
  const backdrop = useRef<HTMLDivElement>(null);
  useImperativeHandle(ref, () => input.current!, []);

  const sync = useCallback(() => {
    if (backdrop.current && input.current) backdrop.current.scrollTop = input.current.scrollTop;
  }, []);

  // The backdrop follows a deferred copy: typing repaints only the native
  // textarea; the (invisible) backdrop text and its marks catch up at low priority.
  const shown = useDeferredValue(value);
  const shownFindings = useDeferredValue(findings);
  const marked = useMemo(() => {
    const value = shown;
    const findings = shownFindings;
    const out: ReactNode[] = [];
    let at = 0;
    const sorted = [...findings].filter((f) => f.end > f.start && f.end <= value.length).sort((a, b) => a.start - b.start);
    for (const f of sorted) {
      if (f.start < at) continue; // overlapping: the first one is marked
      if (f.start > at) out.push(value.slice(at, f.start));
      out.push(
        <mark key={`${f.key}@${f.start}`} className={`hl hl-${f.severity}`} data-rule={f.ruleId}>
          {value.slice(f.start, f.end)}
        </mark>,
      );
      at = f.end;
    }
    out.push(value.slice(at));
    // A trailing newline needs a character after it to take up a line.
    out.push('\u200b');
    return out;
  }, [shown, shownFindings]);

  const caret = () => {
    if (onCaret && input.current) onCaret(input.current.selectionStart);
  };

  return (
    <div className={`hl-wrap ${className ?? ''}`}>
      <div className="hl-backdrop" ref={backdrop} aria-hidden="true">
        {marked}
      </div>
      <textarea
        {...rest}
        ref={input}
        className="hl-input"
        value={value}
        onChange={(e) => {
          onValue(e.target.value);
          caret();
        }}
        onScroll={sync}
        onSelect={caret}
        onClick={caret}
        onKeyUp={caret}
      />
    </div>
  );
});
