import type { PhotoFacts } from '@shared/api/contracts/publishing';
import type { Channel, Post } from '@shared/domain/post';
import type { Workspace } from '@shared/domain/workspace';
import { plannedMedia } from '@shared/publishing/media-choice';
import { useI18n } from '@ui/i18n/i18n';
import { previewUrl } from '@shared/files/urls';


/** Splits text into plain runs and #hashtags / links, coloured as the channel shows them. */
function Rich({ text }: { text: string }) {
  const parts = text.split(/((?:https?:\/\/|www\.)\S+|#[\p{L}\p{N}_]+)/gu);
  return (
    <>
      {parts.map((p, i) => (/^(#|https?:\/\/|www\.)/.test(p) ? <span key={i} className="pv-link">{p}</span> : <span key={i}>{p}</span>))}
    </>
  );
}

function Img({ photo, channel, className }: { photo: PhotoFacts; channel: Channel; className?: string }) {
  const planned = plannedMedia(channel, photo);
  return (
    <div className={`pv-img ${className ?? ''}`} style={{ aspectRatio: `${planned.width} / ${planned.height}` }}>
      <img src={photo.imageUrl ?? previewUrl(photo.sha256)} alt={photo.altText} />
    </div>
  );
}

/** A realistic preview of how the post appears on one channel (layout, truncation, image crop). */
export function ChannelPreview({ channel, text, photos, post, ws }: { channel: Channel; text: string; photos: PhotoFacts[]; post: Post; ws: Workspace }) {
  const { t } = useI18n();
  const name = ws.opd.shortName || ws.opd.fullName || 'OPD';
  const avatar = <span className="pv-avatar" aria-hidden="true">{name.slice(0, 1).toUpperCase()}</span>;
  switch (channel) {
    case 'website':
      return (
        <article className="pv pv-web">
          <div className="pv-web-bar">{ws.opd.website || 'https://…'}</div>
          <p className="pv-web-cat">{post.category}</p>
          <h3>{post.title}</h3>
          {photos[0] && <Img photo={photos[0]} channel="website" />}
          <p className="pv-web-excerpt">{text}</p>
          <p className="pv-web-tags">{post.tags.map((x) => `#${x}`).join(' ')}</p>
        </article>
      );
    case 'instagram':
      return (
        <article className="pv pv-ig">
          <header>
            {avatar}
            <strong>{name.toLowerCase().replace(/\s+/g, '')}</strong>
          </header>
          {photos[0] ? <Img photo={photos[0]} channel="instagram" /> : <div className="pv-img pv-missing">—</div>}
          {photos.length > 1 && (
            <div className="pv-dots" aria-label={`1/${photos.length}`}>
              {photos.map((p, i) => (
                <span key={p.id} className={i === 0 ? 'on' : ''} />
              ))}
            </div>
          )}
          <p className="pv-ig-caption">
            <strong>{name.toLowerCase().replace(/\s+/g, '')}</strong> <Rich text={text.length > 125 ? `${text.slice(0, 125)}… lainnya` : text} />
          </p>
        </article>
      );
    case 'x':
      return (
        <article className="pv pv-x">
          <div className="row">
            {avatar}
            <div>
              <strong>{name}</strong> <span className="muted">@{name.toLowerCase().replace(/\s+/g, '')}</span>
            </div>
          </div>
          <p className="pv-x-text">
            <Rich text={text} />
          </p>
          {photos.length > 0 && (
            <div className={`pv-x-grid pv-x-grid-${Math.min(photos.length, 4)}`}>
              {photos.slice(0, 4).map((p) => (
                <Img key={p.id} photo={p} channel="x" />
              ))}
            </div>
          )}
        </article>
      );
    case 'facebook':
      return (
        <article className="pv pv-fb">
          <div className="row">
            {avatar}
            <div>
              <strong>{name}</strong>
              <div className="muted pv-small">{t('publishing.variant.preview')}</div>
            </div>
          </div>
          <p className="pv-fb-text">
            <Rich text={text.length > 480 ? `${text.slice(0, 480)}… Lihat selengkapnya` : text} />
          </p>
          {photos.length > 0 && (
            <div className={`pv-fb-grid pv-fb-grid-${Math.min(photos.length, 3)}`}>
              {photos.slice(0, 3).map((p) => (
                <Img key={p.id} photo={p} channel="facebook" />
              ))}
            </div>
          )}
        </article>
      );
    default:
      return (
        <article className={`pv pv-wa`}>
          <div className="pv-wa-bubble">
            {photos[0] && <Img photo={photos[0]} channel={channel} />}
            <p className="pv-wa-text">
              {text.split(/(\*[^*\n]+\*)/g).map((p, i) => (/^\*[^*]+\*$/.test(p) ? <strong key={i}>{p.slice(1, -1)}</strong> : <Rich key={i} text={p} />))}
            </p>
          </div>
        </article>
      );
  }
}
