import { useEffect, useState } from 'react';
import { CARDS_PAGE } from '@shared/api/contracts/cards';
import { CARD_TEMPLATES, type CardTemplate } from '@shared/cards/card';
import { api } from '@ui/api/client';
import { useApp } from '@ui/app/AppContext';
import type { MessageKey } from '@ui/i18n/catalog';
import { errorMessage, useI18n } from '@ui/i18n/i18n';
import { href, navigate } from '@ui/lib/router';
import { useApiQuery } from '@ui/lib/query';
import { Pager, useStayOnAPage } from '@ui/lib/ui/Pager';
import { VirtualList } from '@ui/lib/ui/VirtualList';
import { CardEditor } from './CardEditor';

/** The info-card builder (issue: Kartu info): #/media/cards and #/media/cards/<id>. */
export function CardsArea({ rest }: { rest: string[] }) {
  if (rest[0]) return <CardEditor key={rest[0]} id={rest[0]} />;
  return <CardList />;
}

const CARD_COLLECTIONS = ['cards'] as const;

function CardList() {
  const { t, lang } = useI18n();
  const { toast } = useApp();
  const [query, setQuery] = useState('');
  const [searched, setSearched] = useState('');
  const [offset, setOffset] = useState(0);
  const [trashOffset, setTrashOffset] = useState(0);
  useEffect(() => {
    const h = setTimeout(() => setSearched(query.trim()), query ? 200 : 0);
    return () => clearTimeout(h);
  }, [query]);
  useEffect(() => setOffset(0), [searched]);
  // One page each (issue 22); a card saved in another window or arriving from the team's hub refreshes them.
  const saved = useApiQuery('cards.list', { query: searched || undefined, offset, limit: CARDS_PAGE }, { collections: CARD_COLLECTIONS, keepPrevious: true });
  const trash = useApiQuery('cards.list', { trash: true, offset: trashOffset, limit: CARDS_PAGE }, { collections: CARD_COLLECTIONS, keepPrevious: true });
  const cards = saved.data ?? null;
  const trashed = trash.data ?? null;
  const failed = saved.error;
  useEffect(() => {
    if (failed) toast(errorMessage(t, failed), 'error');
  }, [failed, t, toast]);
  useStayOnAPage(cards, offset, CARDS_PAGE, setOffset);
  useStayOnAPage(trashed, trashOffset, CARDS_PAGE, setTrashOffset);
  const restore = async (id: string) => {
    try {
      await api.call('cards.restore', { id });
      toast(t('cards.list.restored'));
      void saved.refetch();
      void trash.refetch();
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
      {cards && (cards.total > 0 || searched) && (
        <div className="toolbar">
          <input type="search" className="search" aria-label={t('cards.list.search')} placeholder={t('cards.list.search')} value={query} onChange={(e) => setQuery(e.target.value)} />
        </div>
      )}
      {cards && cards.total === 0 && !saved.isPlaceholderData && <p className="empty-state">{searched ? t('cards.list.noMatch') : t('cards.list.empty')}</p>}
      {cards && cards.items.length > 0 && (
        <VirtualList
          items={cards.items}
          getKey={(c) => c.id}
          estimateSize={60}
          label={t('cards.list.saved')}
          className="cards-saved"
          offset={offset}
          total={cards.total}
          resetKey={`${offset}|${searched}`}
          renderRow={(c) => (
            <div className="card cards-saved-item">
              <a href={href('media', 'cards', c.id)}>
                <strong>{c.name || t('cards.newName')}</strong>
              </a>
              <span className="muted">
                {t(`cards.template.${c.firstTemplate}` as MessageKey)} · {t('cards.list.slides', { n: c.slides })} · {fmt.format(new Date(c.updatedAt))}
              </span>
            </div>
          )}
        />
      )}
      {cards && <Pager label={t('cards.list.pages')} rangeKey="cards.list.pageRange" offset={offset} pageSize={CARDS_PAGE} shown={cards.items.length} total={cards.total} onOffset={setOffset} />}
      {trashed && trashed.total > 0 && (
        <details className="cards-trash">
          <summary>{t('cards.list.trash', { n: trashed.total })}</summary>
          <VirtualList
            items={trashed.items}
            getKey={(c) => c.id}
            estimateSize={60}
            label={t('cards.list.trash', { n: trashed.total })}
            className="cards-saved"
            offset={trashOffset}
            total={trashed.total}
            resetKey={trashOffset}
            renderRow={(c) => (
              <div className="card cards-saved-item">
                <strong>{c.name || t('cards.newName')}</strong>
                <span className="muted">{fmt.format(new Date(c.updatedAt))}</span>
                <button type="button" className="ghost" onClick={() => void restore(c.id)}>
                  {t('cards.list.restore')}
                </button>
              </div>
            )}
          />
          <Pager
            label={t('cards.list.trashPages')}
            rangeKey="cards.list.pageRange"
            offset={trashOffset}
            pageSize={CARDS_PAGE}
            shown={trashed.items.length}
            total={trashed.total}
            onOffset={setTrashOffset}
          />
        </details>
      )}
    </div>
  );
}
