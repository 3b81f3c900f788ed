import { describe, expect, it } from 'vitest';
import { en, id, SECTIONS } from '@ui/i18n/catalog';

describe('UI catalogue', () => {
  it('defines each key once, in both languages, with the same placeholders', () => {
    const seen = new Map<string, string>();
    for (const [name, section] of Object.entries(SECTIONS)) {
      for (const key of Object.keys(section.id)) {
        expect(seen.get(key), `${key} defined in ${seen.get(key)} and ${name}`).toBeUndefined();
        seen.set(key, name);
      }
    }
    for (const key of Object.keys(id) as (keyof typeof id)[]) {
      expect(en[key], key).toBeTruthy();
      const ph = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(ph(en[key]), key).toEqual(ph(id[key]));
    }
  });
});
