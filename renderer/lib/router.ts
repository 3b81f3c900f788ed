import { useEffect, useState } from 'react';

export const SECTIONS = ['home', 'posts', 'media', 'publishing', 'complaints', 'activity', 'pantauan', 'settings'] as const;
export type Section = (typeof SECTIONS)[number];

export interface Route {
  section: Section;
  rest: string[];
}

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  const section = (SECTIONS as readonly string[]).includes(parts[0]) ? (parts[0] as Section) : 'home';
  return { section, rest: parts.slice(1) };
}

export function href(section: Section, ...rest: string[]): string {
  return `#/${[section, ...rest].map(encodeURIComponent).join('/')}`;
}

export function navigate(section: Section, ...rest: string[]): void {
  window.location.hash = href(section, ...rest);
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const on = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return route;
}
