import { useCallback, useEffect, useState } from 'react';
import { CARD_TEMPLATES, type CardSummary, type CardTemplate } from '@shared/cards/card';
import { api } from '@ui/api/client';
import { useApp } from '@ui/app/AppContext';
import type { MessageKey } from '@ui/i18n/catalog';
import { errorMessage, useI18n } from '@ui/i18n/i18n';
import { href, navigate } from '@ui/lib/router';
import { CardEditor } from './CardEditor';
import { useStoreChanges } from '@ui/lib/query';

/** The info-card builder (issue: Kartu info): #/media/cards and #/media/cards/<id>. */
export function CardsArea({ rest }: { rest: string[] }) {
  if (rest[0]) return <CardEditor key={rest[0]} id={rest[0]} />;
  return <CardList />;
}

const CARD_COLLECTIONS = ['cards'] as const;

function CardList() {
  const { t, lang } = useI18n();
  const { toast } = useApp();
  const [cards, setCards] = useState<CardSummary[] | null>(null);
  const [trashed, setTrashed] = useState<CardSummary[]>([]);
  const reload = useCallback(() => {
    api.call('cards.list', {}).then(setCards, (e) => toast(errorMessage(t, e), 'error'));
    api.call('cards.list', { trash: true }).then(setTrashed, () => setTrashed([]));
  }, [t, toast]);
  useEffect(reload, [reload]);
  // A card saved in another window or arriving from the team's hub shows without reloading.
  useStoreChanges(CARD_COLLECTIONS, reload);
  const restore = async (id: string) => {
    try {
      await api.call('cards.restore', { id });
      toast(t('cards.list.restored'));
      reload();
    } catch (e) {
      toast(errorMessage(t, e), 'error');
    }
  };
  const create = async (template: CardTemplate) => {
    try {
      const c = await api.call('cards.create', { template, name: `${t(`cards.template.${template}` as MessageKey)} ${new Date().toLocaleDateString(lang === 'id' ? 'id-ID' : 'en-GB')}` });
      navigate('media', 'cards', c.id);
    } catch (e) {
      toast(errorMessage(t, e), 'error');
    }
  };
  const fmt = new Intl.DateTimeFormat(lang === 'id' ? 'id-ID' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <div className="cards-home">
      <p className="muted">{t('cards.list.intro')}</p>
      <ul className="cards-templates" aria-label={t('cards.new')}>
        {CARD_TEMPLATES.filter((x) => x !== 'penutup').map((tp) => (
          <li key={tp}>
            <button type="button" className="cards-template" onClick={() => void create(tp)}>
              <strong>{t(`cards.template.${tp}` as MessageKey)}</strong>
              <span className="muted">{t(`cards.templateHint.${tp}` as MessageKey)}</span>
            </button>
          </li>
        ))}
      </ul>
      <h2>{t('cards.list.saved')}</h2>
      {cards && cards.length === 0 && <p className="empty-state">{t('cards.list.empty')}</p>}
      {cards && cards.length > 0 && (
        <ul className="cards-saved">
          {cards.map((c) => (
            <li key={c.id} className="card cards-saved-item">
              <a href={href('media', 'cards', c.id)}>
                <strong>{c.name || t('cards.newName')}</strong>
              </a>
              <span className="muted">
                {t(`cards.template.${c.firstTemplate}` as MessageKey)} · {t('cards.list.slides', { n: c.slides })} · {fmt.format(new Date(c.updatedAt))}
              </span>
            </li>
          ))}
        </ul>
      )}
      {trashed.length > 0 && (
        <details className="cards-trash">
          <summary>{t('cards.list.trash', { n: trashed.length })}</summary>
          <ul className="cards-saved">
            {trashed.map((c) => (
              <li key={c.id} className="card cards-saved-item">
                <strong>{c.name || t('cards.newName')}</strong>
                <span className="muted">{fmt.format(new Date(c.updatedAt))}</span>
                <button type="button" className="ghost" onClick={() => void restore(c.id)}>
                  {t('cards.list.restore')}
                </button>
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
