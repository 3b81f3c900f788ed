import { useRef, type KeyboardEvent } from 'react';

/**
 * WAI-ARIA tabs (issue 11): one tab in the Tab order (roving tabindex), arrow
 * keys, Home and End move and select, and each tab is linked to its panel.
 * Returns props to spread on the tablist, each tab and the panel.
 */
export function useTabs<K extends string>(idPrefix: string, keys: readonly K[], selected: K, onSelect: (k: K) => void) {
  const refs = useRef(new Map<K, HTMLElement | null>());
  const move = (e: KeyboardEvent, from: K) => {
    const i = keys.indexOf(from);
    const next =
      e.key === 'ArrowRight' || e.key === 'ArrowDown' ? keys[(i + 1) % keys.length]
      : e.key === 'ArrowLeft' || e.key === 'ArrowUp' ? keys[(i - 1 + keys.length) % keys.length]
      : e.key === 'Home' ? keys[0]
      : e.key === 'End' ? keys[keys.length - 1]
      : null;
    if (next === null || next === undefined) return;
    e.preventDefault();
    onSelect(next);
    refs.current.get(next)?.focus();
  };
  return {
    list: { role: 'tablist' as const },
    tab: (k: K) => ({
      role: 'tab' as const,
      id: `${idPrefix}-tab-${k}`,
      'aria-selected': k === selected,
      'aria-controls': `${idPrefix}-panel-${k}`,
      tabIndex: k === selected ? 0 : -1,
      ref: (el: HTMLElement | null) => void refs.current.set(k, el),
      onClick: () => onSelect(k),
      onKeyDown: (e: KeyboardEvent) => move(e, k),
    }),
    panel: (k: K = selected) => ({
      role: 'tabpanel' as const,
      id: `${idPrefix}-panel-${k}`,
      'aria-labelledby': `${idPrefix}-tab-${k}`,
      tabIndex: 0,
    }),
  };
}
