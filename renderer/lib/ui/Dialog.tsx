import { useEffect, useRef, useState, type ReactNode } from 'react';

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"]), [contenteditable="true"]';

function focusables(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => !el.closest('[inert]') && el.getClientRects().length > 0);
}

export interface DialogProps {
  /** Id of the visible heading that names the dialog (or give `label`). */
  labelledBy?: string;
  label?: string;
  onClose: () => void;
  className?: string;
  /** The backdrop's class (default 'modal-backdrop'). */
  backdropClassName?: string;
  /** A click on the backdrop (outside the box) closes, as for a picture viewer. */
  closeOnBackdrop?: boolean;
  children: ReactNode;
}

/**
 * The app's one modal dialog (issue 11): focus moves in (to the element with
 * autoFocus, else the first field or button), Tab and Shift+Tab stay inside,
 * Escape closes, and focus returns to what had it before — so keyboard and
 * screen-reader users never land on the page body.
 */
export function Dialog({ labelledBy, label, onClose, className = 'modal card', backdropClassName = 'modal-backdrop', closeOnBackdrop = false, children }: DialogProps) {
  const ref = useRef<HTMLDivElement>(null);
  const close = useRef(onClose);
  close.current = onClose;

  // Taken while rendering, before React applies a child's autoFocus (an effect would see the dialog's own field).
  const [before] = useState(() => (document.activeElement instanceof HTMLElement ? document.activeElement : null));

  useEffect(() => {
    const box = ref.current;
    if (box && !box.contains(document.activeElement)) (focusables(box)[0] ?? box).focus();
    return () => {
      // Give focus back after React removed the dialog, unless it went somewhere on purpose.
      queueMicrotask(() => {
        if (before?.isConnected && (document.activeElement === document.body || document.activeElement === null)) before.focus();
      });
    };
  }, []);

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      close.current();
      return;
    }
    if (e.key !== 'Tab' || !ref.current) return;
    const list = focusables(ref.current);
    if (list.length === 0) {
      e.preventDefault();
      return;
    }
    const first = list[0];
    const last = list[list.length - 1];
    if (e.shiftKey && (document.activeElement === first || document.activeElement === ref.current)) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  };

  return (
    <div className={backdropClassName} role="presentation" onKeyDown={onKeyDown} onClick={closeOnBackdrop ? (e) => e.target === e.currentTarget && close.current() : undefined}>
      <div ref={ref} className={className} role="dialog" aria-modal="true" aria-labelledby={labelledBy} aria-label={labelledBy ? undefined : label} tabIndex={-1}>
        {children}
      </div>
    </div>
  );
}
