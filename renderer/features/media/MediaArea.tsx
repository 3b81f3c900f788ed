import { useI18n } from '@ui/i18n/i18n';
import { href } from '@ui/lib/router';
import { CardsArea } from '@ui/features/cards/CardsArea';
import { PhotoDesk } from './PhotoDesk';

/** Media has two desks: photos (Foto) and infographic cards (Kartu info). */
export function MediaArea({ rest }: { rest: string[] }) {
  const { t } = useI18n();
  const tab = rest[0] === 'cards' ? 'cards' : 'photos';
  return (
    <section className="page page-wide">
      <header className="page-header">
        <h1>{t('nav.media')}</h1>
      </header>
      <nav className="tabs" aria-label={t('nav.media')}>
        <a href={href('media')} aria-current={tab === 'photos' ? 'page' : undefined}>
          {t('media.tab.photos')}
        </a>
        <a href={href('media', 'cards')} aria-current={tab === 'cards' ? 'page' : undefined}>
          {t('media.tab.cards')}
        </a>
      </nav>
      {tab === 'photos' ? <PhotoDesk rest={rest} /> : <CardsArea rest={rest.slice(1)} />}
    </section>
  );
}
