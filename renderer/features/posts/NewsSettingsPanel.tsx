import { useEffect, useState, type FormEvent } from 'react';
import type { NewsSettings } from '@shared/posts/settings';
import { api } from '@ui/api/client';
import { useApp } from '@ui/app/AppContext';
import { errorMessage, useI18n } from '@ui/i18n/i18n';
import { DateField } from '@ui/lib/DateField';
import { Field } from '@ui/lib/ui/Field';

/** Pengaturan → Pelatih menulis: title limits, election period and names, workspace dictionary. */
export function NewsSettingsPanel() {
  const { t } = useI18n();
  const { workspace, setWorkspace, toast } = useApp();
  const [s, setS] = useState<NewsSettings>(workspace.news);
  const [names, setNames] = useState(workspace.news.election.names.join('\n'));
  const [wordList, setWordList] = useState('');
  useEffect(() => {
    setS(workspace.news);
    setNames(workspace.news.election.names.join('\n'));
  }, [workspace.news]);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (s.election.start && s.election.end && s.election.end < s.election.start) {
      toast(t('posts.settings.badPeriod'), 'error');
      return;
    }
    const election = {
      ...s.election,
      names: [...new Set(names.split(/\r?\n/).map((n) => n.trim()).filter(Boolean))].slice(0, 300).map((n) => n.slice(0, 120)),
    };
    try {
      const ws = await api.call('settings.update', {
        baseRev: workspace.rev,
        news: { titleMaxWords: s.titleMaxWords, titleMaxChars: s.titleMaxChars, election },
      });
      setWorkspace(ws);
      toast(t('settings.saved'));
    } catch (err) {
      toast(errorMessage(t, err), 'error');
    }
  };

  const removeWord = async (word: string) => {
    try {
      const r = await api.call('posts.dictionaryRemove', { word });
      setWorkspace({ ...workspace, news: r.news, rev: r.rev });
    } catch (err) {
      toast(errorMessage(t, err), 'error');
    }
  };

  // A Diskominfo word list: one word per line or comma-separated; only valid single words are sent.
  const importWords = async () => {
    const words = [...new Set(wordList.split(/[\r\n,;]+/u).map((w) => w.trim()).filter((w) => /^[\p{L}\p{N}'’-]{1,80}$/u.test(w)))].slice(0, 500);
    if (!words.length) {
      toast(t('posts.settings.importNothing'), 'error');
      return;
    }
    try {
      const r = await api.call('posts.dictionaryAddMany', { words });
      setWorkspace({ ...workspace, news: r.news, rev: r.rev });
      setWordList('');
      toast(t('posts.settings.imported', { n: words.length }));
    } catch (err) {
      toast(errorMessage(t, err), 'error');
    }
  };

  return (
    <form className="card news-settings" onSubmit={save} aria-labelledby="news-settings-h">
      <h2 id="news-settings-h">{t('posts.settings.title')}</h2>
      <div className="grid-2">
        <label className="field">
          <span className="field-label">{t('posts.settings.titleWords')}</span>
          <input type="number" min={4} max={40} value={s.titleMaxWords} onChange={(e) => setS({ ...s, titleMaxWords: Number(e.target.value) || 12 })} />
        </label>
        <label className="field">
          <span className="field-label">{t('posts.settings.titleChars')}</span>
          <input type="number" min={20} max={200} value={s.titleMaxChars} onChange={(e) => setS({ ...s, titleMaxChars: Number(e.target.value) || 80 })} />
        </label>
      </div>
      <fieldset>
        <legend className="field-label">{t('posts.settings.election')}</legend>
        <p className="field-hint">{t('posts.settings.electionHint')}</p>
        <div className="grid-2">
          <label className="field">
            <span className="field-label">{t('posts.settings.electionStart')}</span>
            <DateField label={t('posts.settings.electionStart')} value={s.election.start} onChange={(v) => setS({ ...s, election: { ...s.election, start: v } })} />
          </label>
          <label className="field">
            <span className="field-label">{t('posts.settings.electionEnd')}</span>
            <DateField label={t('posts.settings.electionEnd')} value={s.election.end} onChange={(v) => setS({ ...s, election: { ...s.election, end: v } })} />
          </label>
        </div>
        <Field label={t('posts.settings.electionNames')} hint={t('posts.settings.electionNamesHint')}>
          <textarea rows={4} value={names} onChange={(e) => setNames(e.target.value)} />
        </Field>
      </fieldset>
      <div className="row">
        <button type="submit" className="primary">
          {t('posts.settings.save')}
        </button>
      </div>
      <h3>{t('posts.settings.dictionary')}</h3>
      <p className="field-hint">{t('posts.settings.dictionaryHint')}</p>
      {workspace.news.dictionary.length === 0 ? (
        <p className="muted">{t('posts.settings.dictionaryEmpty')}</p>
      ) : (
        <ul className="dict-list" aria-label={t('posts.settings.dictionary')}>
          {workspace.news.dictionary.map((w) => (
            <li key={w} className="chip">
              {w}
              <button type="button" className="ghost small" aria-label={t('posts.settings.removeWord', { word: w })} onClick={() => void removeWord(w)}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <Field label={t('posts.settings.importWords')} hint={t('posts.settings.importWordsHint')}>
        <textarea rows={3} value={wordList} onChange={(e) => setWordList(e.target.value)} />
      </Field>
      <div className="row">
        <button type="button" onClick={() => void importWords()}>
          {t('posts.settings.importWordsButton')}
        </button>
      </div>
    </form>
  );
}
