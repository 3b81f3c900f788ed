import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { Language } from '../../shared/domain/workspace';
import { ApiError } from '../../shared/api/errors';
import { en, id, type MessageKey } from './catalog';

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

const catalogs: Record<Language, Record<MessageKey, string>> = { id, en };

export function makeT(lang: Language): Translate {
  const cat = catalogs[lang];
  return (key, params) => {
    const s = cat[key] ?? id[key] ?? key;
    return params ? s.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? '')) : s;
  };
}

const I18nContext = createContext<{ lang: Language; t: Translate }>({ lang: 'id', t: makeT('id') });

export function I18nProvider({ lang, children }: { lang: Language; children: ReactNode }) {
  const value = useMemo(() => ({ lang, t: makeT(lang) }), [lang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n() {
  return useContext(I18nContext);
}

/** A human message for any error that crossed the API boundary. */
export function errorMessage(t: Translate, err: unknown): string {
  if (err instanceof ApiError) {
    if (err.params?.reason === 'offline') return t('errors.offline');
    // Refusals by the core's access rules name their reason, whichever screen made the call.
    const reasonKey = `errors.reason.${String(err.params?.reason ?? '')}`;
    if (reasonKey in id) return t(reasonKey as MessageKey, err.params as Record<string, string>);
    if (err.code === 'invalid_input') {
      const issues = (err.issues ?? []).map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');
      return t('errors.invalid_input', { issues });
    }
    return t(`errors.${err.code}` as MessageKey);
  }
  return t('errors.internal');
}
