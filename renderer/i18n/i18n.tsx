import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { Language } from '@shared/domain/workspace';
import { ApiError, type InputIssue } from '@shared/api/errors';
import { en, id, type MessageKey } from './catalog';

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

const catalogs: Record<Language, Record<MessageKey, string>> = { id, en };

// A fraction in a message takes the language's decimal mark ("2,3:1", "0,5 jam"); whole numbers stay as given (years, ids).
const fractions: Record<Language, Intl.NumberFormat> = {
  id: new Intl.NumberFormat('id-ID', { maximumFractionDigits: 2, useGrouping: false }),
  en: new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2, useGrouping: false }),
};

export function makeT(lang: Language): Translate {
  const cat = catalogs[lang];
  const show = (v: string | number | undefined) => (typeof v === 'number' && !Number.isInteger(v) ? fractions[lang].format(v) : String(v ?? ''));
  return (key, params) => {
    const s = cat[key] ?? id[key] ?? key;
    return params ? s.replace(/\{(\w+)\}/g, (_, k: string) => show(params[k])) : s;
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
      // Worded here from the issue's code, never the schema's English message.
      const issues = [...new Set((err.issues ?? []).slice(0, 3).map((i) => inputIssueText(t, i)))].join('; ');
      return t('errors.invalid_input', { issues: issues || t('errors.issue.invalid') });
    }
    return t(`errors.${err.code}` as MessageKey);
  }
  return t('errors.internal');
}

/** The field an input issue is about, in words: its last path segment when the catalogue names it. */
function fieldName(t: Translate, path: string): string {
  const last = path.split('.').filter((p) => !/^\d+$/.test(p)).pop() ?? '';
  const key = `errors.field.${last}`;
  return key in id ? t(key as MessageKey) : t('errors.field.unknown');
}

/** One input issue in the UI's language: which field, and what is wrong with it. */
export function inputIssueText(t: Translate, issue: InputIssue): string {
  const field = fieldName(t, issue.path);
  const limit = issue.limit;
  const n = (v: number) => new Intl.NumberFormat(t('errors.numberLocale')).format(v);
  if (issue.code === 'too_big' && limit !== undefined) {
    // Only file contents (base64) are strings this long.
    if (issue.origin === 'string' && limit > 1_000_000) return t('errors.issue.file_too_big', { size: `${n(Math.round((limit * 3) / 4 / 1024 / 1024))} MB` });
    if (issue.origin === 'string') return t('errors.issue.too_long', { field, n: n(limit) });
    if (issue.origin === 'array' || issue.origin === 'set') return t('errors.issue.too_many', { field, n: n(limit) });
    return t('errors.issue.too_big', { field, n: n(limit) });
  }
  if (issue.code === 'too_small' && limit !== undefined) {
    if (issue.origin === 'string') return limit <= 1 ? t('errors.issue.empty', { field }) : t('errors.issue.too_short', { field, n: n(limit) });
    if (issue.origin === 'array' || issue.origin === 'set') return t('errors.issue.empty', { field });
    return t('errors.issue.too_small', { field, n: n(limit) });
  }
  if (issue.code === 'invalid_format' || issue.code === 'invalid_string') return t('errors.issue.format', { field });
  return t('errors.issue.invalid_field', { field });
}
