import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTabs } from '@ui/lib/ui/tabs';
import type { VariantsResult } from '@shared/api/contracts/publishing';
import { ApiError } from '@shared/api/errors';
import type { Channel, ChannelVariant } from '@shared/domain/post';
import { zonedDate } from '@shared/domain/time-zone';
import { hasPublisher, type WpStatus } from '@shared/publishing/job';
import { zonedInstant, zonedTime } from '@shared/publishing/schedule';
import { INSTAGRAM_CAROUSEL, X_MAX_IMAGES } from '@shared/channels/limits';
import { chosenMedia, moveChoice, plannedMedia, type MediaCandidate } from '@shared/publishing/media-choice';
import { checkVariant, defaultVariantText, type VariantCheck } from '@shared/publishing/variants';
import { api } from '@ui/api/client';
import { useApp } from '@ui/app/AppContext';
import type { MessageKey } from '@ui/i18n/catalog';
import { errorMessage, useI18n } from '@ui/i18n/i18n';
import { href } from '@ui/lib/router';
import { ChannelPreview } from './ChannelPreview';
import { OnSiteChoice } from './OnSiteChoice';
import type { SiteMatch } from '@shared/publishing/site-match';
import { channelKey, stateClass, stateKey } from './queue-ui';
import { thumbUrl } from '@shared/files/urls';
import { DateField, TimeField } from '@ui/lib/DateField';

const candidateThumb = (m: MediaCandidate) => m.imageUrl ?? thumbUrl(m.sha256);

export function VariantEditor({ postId, connectedChannels, onChange }: { postId: string; connectedChannels: Channel[]; onChange: () => void }) {
  const { t } = useI18n();
  const { toast, workspace } = useApp();
  const zone = workspace.opd.timeZone;
  const [res, setRes] = useState<VariantsResult | null>(null);
  const [variants, setVariants] = useState<ChannelVariant[]>([]);
  const [active, setActive] = useState<Channel>('website');
  const channelTabs = useTabs('qchannel', variants.map((x) => x.channel), active, setActive);
  const [dirty, setDirty] = useState(false);
  const [busy, setBusy] = useState(false);
  const [asap, setAsap] = useState(false);
  const [date, setDate] = useState(() => zonedDate(new Date(), zone));
  const [time, setTime] = useState('09:00');
  const timeTouched = useRef(false);
  const [wpStatus, setWpStatus] = useState<WpStatus>('publish');
  /** "Sudah ada di website?" matches waiting for the admin's answer. */
  const [onSite, setOnSite] = useState<SiteMatch[] | null>(null);

  const load = useCallback(async () => {
    try {
      const r = await api.call('publishing.variants', { postId });
      setRes(r);
      setVariants(r.variants);
      setDirty(false);
      if (!timeTouched.current) {
        // The next free slot in the OPD's zone, not a fixed 09:00 that may already have passed.
        setDate(zonedDate(r.suggestedAt, zone));
        setTime(zonedTime(r.suggestedAt, zone));
      }
    } catch (err) {
      toast(errorMessage(t, err), 'error');
    }
  }, [postId, t, toast, zone]);
  useEffect(() => {
    void load();
  }, [load]);

  const checks = useMemo(() => {
    const out = {} as Record<Channel, VariantCheck>;
    if (!res) return out;
    for (const v of variants) {
      const imgs = chosenMedia(v.mediaIds, res.photos).map((m) => plannedMedia(v.channel, m));
      out[v.channel] = checkVariant(v.channel, v.text, imgs, { title: res.post.title, excerpt: v.text, category: res.post.category, tags: res.post.tags });
    }
    return out;
  }, [res, variants]);

  if (!res) return <p className="muted">{t('common.loading')}</p>;
  const post = res.post;
  const v = variants.find((x) => x.channel === active)!;
  const check = checks[active];
  const candidates = res.candidates.filter((id) => res.photos[id]);
  const chosen = chosenMedia(v.mediaIds, res.photos);
  const photoNo = (id: string) => candidates.filter((c) => res.photos[c].kind === 'photo').indexOf(id) + 1;
  const mediaLabel = (m: MediaCandidate) =>
    m.kind === 'card' && m.card ? t('publishing.variant.cardSlide', { name: m.card.name, n: m.card.slide, of: m.card.slides }) : t('publishing.variant.photo', { n: photoNo(m.id) });
  const mediaMax = active === 'instagram' ? INSTAGRAM_CAROUSEL.value.maxItems : active === 'x' ? X_MAX_IMAGES.value : null;
  const enabled = variants.filter((x) => x.enabled);
  const blocked = enabled.filter((x) => !checks[x.channel]?.ok);
  const queueable = post.status === 'approved' || post.status === 'scheduled' || post.status === 'published';

  const patch = (p: Partial<ChannelVariant>) => {
    setVariants((vs) => vs.map((x) => (x.channel === active ? { ...x, ...p } : x)));
    setDirty(true);
  };

  async function save(): Promise<number | null> {
    setBusy(true);
    try {
      const r = await api.call('publishing.saveVariants', { postId, baseRev: res!.post.rev, variants });
      setRes(r);
      setVariants(r.variants);
      setDirty(false);
      return r.post.rev;
    } catch (err) {
      toast(errorMessage(t, err), 'error');
      return null;
    } finally {
      setBusy(false);
    }
  }

  async function schedule(opts: { newOnSite?: boolean; channels?: Channel[] } = {}) {
    if (!enabled.length) return toast(t('publishing.schedule.noneEnabled'), 'error');
    if (blocked.length) return toast(t('publishing.schedule.blocked', { list: blocked.map((x) => t(channelKey(x.channel))).join(', ') }), 'error');
    if (dirty && (await save()) === null) return;
    const channels = opts.channels ?? enabled.map((x) => x.channel);
    setBusy(true);
    try {
      // Before the first website job: is this article already on the site (by hand, another PC, an old backup)?
      if (channels.includes('website') && !opts.newOnSite && !opts.channels) {
        const look = await api.call('publishing.findOnSite', { postId });
        if (look.status === 'checked' && !look.linked && look.matches.length) {
          setOnSite(look.matches);
          return;
        }
      }
      if (!channels.length) return;
      const jobs = await api.call('publishing.schedule', {
        postId,
        channels,
        scheduledAt: asap ? null : zonedInstant(date, time, zone),
        wpStatus: channels.includes('website') ? (asap && wpStatus === 'future' ? 'publish' : wpStatus) : undefined,
        ...(opts.newOnSite ? { newOnSite: true } : {}),
      });
      setOnSite(null);
      toast(t('publishing.schedule.done', { n: jobs.length }));
      onChange();
      await load();
    } catch (err) {
      const reason = err instanceof ApiError ? err.params?.reason : undefined;
      if (reason === 'variant_invalid') toast(t('publishing.error.variant_invalid', { channel: t(channelKey(String(err instanceof ApiError ? err.params?.channel : '') as Channel)) }), 'error');
      else if (reason === 'not_approved') toast(t('publishing.error.not_approved'), 'error');
      else if (reason === 'review_copy') toast(t('publishing.error.review_copy'), 'error');
      else if (reason === 'job_sending') toast(t('publishing.error.job_sending'), 'error');
      else if (reason === 'photo_missing') toast(t('publishing.error.photo_missing'), 'error');
      else if (reason === 'card_missing') toast(t('publishing.error.card_missing'), 'error');
      else toast(errorMessage(t, err), 'error');
    } finally {
      setBusy(false);
    }
  }

  /** The admin said the site's post is this article: link it, then send the other channels (and the website update if asked). */
  async function linkOnSite(remoteId: string, thenUpdate: boolean) {
    setBusy(true);
    try {
      await api.call('publishing.adopt', { postId, remoteId });
      toast(t('publishing.onsite.linked'));
    } catch (err) {
      toast(onSiteError(err), 'error');
      setBusy(false);
      return;
    }
    setBusy(false);
    setOnSite(null);
    const rest = enabled.map((x) => x.channel).filter((c) => thenUpdate || c !== 'website');
    if (rest.length) await schedule({ channels: rest });
    else {
      onChange();
      await load();
    }
  }

  function onSiteError(err: unknown): string {
    const reason = err instanceof ApiError ? String(err.params?.reason ?? '') : '';
    if (['site_post_missing', 'site_unreachable', 'site_auth', 'already_linked', 'no_connection'].includes(reason)) return t(`publishing.onsite.error.${reason}` as MessageKey);
    return errorMessage(t, err);
  }

  return (
    <div className="queue-editor">
      <p>
        <a href={href('publishing', 'prepare')}>← {t('common.back')}</a>
      </p>
      <h2 className="queue-editor-title">{post.title}</h2>
      {!queueable && <div className="notice">{t('publishing.schedule.notApproved')}</div>}
      <div className="queue-channel-tabs" {...channelTabs.list} aria-label={t('publishing.variant.title')}>
        {variants.map((x) => {
          const c = checks[x.channel];
          const mark = !x.enabled ? 'off' : c?.ok ? (c.findings.length ? 'warn' : 'ok') : 'error';
          return (
            <button
              key={x.channel}
              {...channelTabs.tab(x.channel)}
              className={`queue-channel-tab ${active === x.channel ? 'active' : ''}`}
              data-mark={mark}
            >
              <span className="queue-dot" aria-hidden="true" />
              {t(channelKey(x.channel))}
            </button>
          );
        })}
      </div>
      <div className="queue-editor-grid" {...channelTabs.panel()}>
        <div className="card">
          <label className="row queue-enable">
            <input type="checkbox" checked={v.enabled} onChange={(e) => patch({ enabled: e.target.checked })} />
            {t('publishing.variant.enabled', { channel: t(channelKey(active)) })}
          </label>
          {!hasPublisher(active) && <p className="field-hint">{t('publishing.variant.apiNote')}</p>}
          {hasPublisher(active) && !connectedChannels.includes(active) && <p className="field-hint">{t('publishing.variant.noConnection', { channel: t(channelKey(active)) })}</p>}
          {active === 'website' && <p className="muted">{t('publishing.variant.websiteFields', { title: post.title, category: post.category || '—', tags: post.tags.join(', ') || '—' })}</p>}
          {active === 'website' && res.websiteAuthor && (
            <p className={res.websiteAuthor.wpName ? 'muted' : 'field-hint badge-warn'} role={res.websiteAuthor.wpName ? undefined : 'status'}>
              {res.websiteAuthor.wpName
                ? t('publishing.variant.authorMapped', { credit: res.websiteAuthor.credit, name: res.websiteAuthor.wpName })
                : t('publishing.variant.authorUnmapped', { credit: res.websiteAuthor.credit, user: res.websiteAuthor.fallback })}
            </p>
          )}
          <label className="field">
            <span className="field-label">{active === 'website' ? t('publishing.variant.excerpt') : t('publishing.variant.text', { channel: t(channelKey(active)) })}</span>
            <textarea value={v.text} rows={active === 'website' ? 4 : 9} onChange={(e) => patch({ text: e.target.value })} aria-describedby={`qmeter-${active}`} />
          </label>
          <div className="row queue-meter" id={`qmeter-${active}`} aria-live="polite">
            {check?.meter && (
              <span className={`badge ${check.meter.limit && check.meter.used > check.meter.limit ? 'queue-over' : ''}`}>
                {check.meter.limit
                  ? t(check.meter.unit === 'weighted' ? 'publishing.variant.meter.weighted' : 'publishing.variant.meter.chars', { used: check.meter.used, limit: check.meter.limit })
                  : t('publishing.variant.meter.free', { used: check.meter.used })}
              </span>
            )}
            {check?.meter?.hashtagLimit != null && (
              <span className={`badge ${check.meter.hashtags > check.meter.hashtagLimit ? 'queue-over' : ''}`}>{t('publishing.variant.meter.hashtags', { used: check.meter.hashtags, limit: check.meter.hashtagLimit })}</span>
            )}
            <button type="button" className="ghost" onClick={() => patch({ text: defaultVariantText(active, post, workspace) })}>
              {t('publishing.variant.reset')}
            </button>
          </div>
          <ul className="queue-findings">
            {check?.findings.map((f) => (
              <li key={f.code + JSON.stringify(f.params)} className={`queue-finding queue-finding-${f.level}`}>
                {/* The alert inside the item: a list holds list items only (axe "list"). */}
                <span role={f.level === 'error' ? 'alert' : undefined}>{t(`publishing.finding.${f.code}` as MessageKey, f.params)}</span>
                <details>
                  <summary>{t('publishing.variant.source')}</summary>
                  <span className="muted">{f.source}</span>
                </details>
              </li>
            ))}
            {check?.ok && check.findings.length === 0 && <li className="queue-finding queue-finding-ok">{t('publishing.variant.ok')}</li>}
          </ul>
          {active === 'x' && <p className="field-hint">{t('publishing.variant.cost.x')}</p>}
          {active === 'instagram' && <p className="field-hint">{t('publishing.variant.cost.instagram')}</p>}
          <fieldset className="queue-media">
            <legend className="field-label">{t('publishing.variant.media')}</legend>
            {candidates.length === 0 && <p className="muted">{t('publishing.variant.noPhotos')}</p>}
            {candidates.length > 0 && <p className="field-hint">{t('publishing.variant.mediaHint')}</p>}
            <div className="queue-media-grid">
              {candidates.map((id) => {
                const m = res.photos[id];
                const planned = plannedMedia(active, m);
                const on = v.mediaIds.includes(id);
                return (
                  <label key={id} className={`queue-media-item ${on ? 'on' : ''}`} data-kind={m.kind}>
                    <input
                      type="checkbox"
                      checked={on}
                      aria-label={t('publishing.variant.choose', { item: mediaLabel(m) })}
                      onChange={(e) => patch({ mediaIds: e.target.checked ? [...v.mediaIds, id] : v.mediaIds.filter((x) => x !== id) })}
                    />
                    <img src={candidateThumb(m)} alt={m.altText} />
                    <span className="muted">
                      {mediaLabel(m)} ({planned.width}×{planned.height})
                    </span>
                  </label>
                );
              })}
            </div>
            {chosen.length > 0 && (
              <>
                <p className="field-label" id={`qorder-${active}`}>
                  {mediaMax ? t('publishing.variant.orderOf', { n: chosen.length, max: mediaMax }) : t('publishing.variant.order', { n: chosen.length })}
                </p>
                <ol className="queue-media-order" aria-labelledby={`qorder-${active}`}>
                  {chosen.map((m, i) => (
                    <li key={m.id} className="queue-media-order-item">
                      <span className="queue-media-order-n" aria-hidden="true">
                        {i + 1}
                      </span>
                      <img src={candidateThumb(m)} alt="" />
                      <span>{mediaLabel(m)}</span>
                      <button type="button" className="ghost" disabled={i === 0} aria-label={t('publishing.variant.moveEarlier', { item: mediaLabel(m) })} onClick={() => patch({ mediaIds: moveChoice(chosen.map((x) => x.id), m.id, -1) })}>
                        ↑
                      </button>
                      <button type="button" className="ghost" disabled={i === chosen.length - 1} aria-label={t('publishing.variant.moveLater', { item: mediaLabel(m) })} onClick={() => patch({ mediaIds: moveChoice(chosen.map((x) => x.id), m.id, 1) })}>
                        ↓
                      </button>
                    </li>
                  ))}
                </ol>
              </>
            )}
          </fieldset>
          <div className="row">
            <button type="button" onClick={() => void save()} disabled={busy || !dirty}>
              {t('publishing.variant.save')}
            </button>
          </div>
        </div>
        <div className="queue-preview-col">
          <h3>{t('publishing.variant.preview')}</h3>
          <ChannelPreview channel={active} text={v.text} photos={chosen} post={post} ws={workspace} />
        </div>
      </div>
      <section className="card queue-schedule" aria-labelledby="queue-schedule-h">
        <h2 id="queue-schedule-h">{t('publishing.schedule.title')}</h2>
        <p className="muted">{t('publishing.schedule.channels', { list: enabled.map((x) => t(channelKey(x.channel))).join(', ') || '—' })}</p>
        <div className="row">
          <label className="row">
            <input type="checkbox" checked={asap} onChange={(e) => setAsap(e.target.checked)} />
            {t('publishing.schedule.asap')}
          </label>
          <label className="field">
            <span className="field-label">{t('publishing.schedule.date')}</span>
            <DateField
              value={date}
              disabled={asap}
              onChange={(d) => {
                timeTouched.current = true;
                setDate(d);
              }}
            />
          </label>
          <label className="field">
            <span className="field-label">{t('publishing.schedule.time', { zone })}</span>
            <TimeField
              value={time}
              disabled={asap}
              onChange={(v) => {
                timeTouched.current = true;
                setTime(v);
              }}
            />
          </label>
          {enabled.some((x) => x.channel === 'website') && (
            <label className="field">
              <span className="field-label">{t('publishing.schedule.wpStatus')}</span>
              <select value={wpStatus} onChange={(e) => setWpStatus(e.target.value as WpStatus)}>
                {(['publish', 'future', 'draft', 'pending'] as const).map((s) => (
                  <option key={s} value={s} disabled={s === 'future' && asap}>
                    {t(`publishing.schedule.wp.${s}`)}
                  </option>
                ))}
              </select>
            </label>
          )}
        </div>
        {blocked.length > 0 && <p className="queue-finding queue-finding-error">{t('publishing.schedule.blocked', { list: blocked.map((x) => t(channelKey(x.channel))).join(', ') })}</p>}
        <div className="row">
          <button type="button" className="primary" onClick={() => void schedule()} disabled={busy || !queueable || onSite !== null}>
            {t('publishing.schedule.submit')}
          </button>
        </div>
        {onSite && <OnSiteChoice matches={onSite} busy={busy} onLink={(id, upd) => void linkOnSite(id, upd)} onNew={() => void schedule({ newOnSite: true })} onCancel={() => setOnSite(null)} />}
        {res.jobs.length > 0 && (
          <ul className="queue-jobs queue-post-jobs">
            {res.jobs
              .filter((j) => j.state !== 'cancelled')
              .map((j) => (
                <li key={j.id} className="queue-job">
                  <span className={`badge queue-channel queue-channel-${j.channel}`}>{t(channelKey(j.channel))}</span>
                  <a href={href('publishing', 'job', j.id)}>{t('publishing.list.open')}</a>
                  <span className={`badge ${stateClass(j)}`}>{t(stateKey(j))}</span>
                </li>
              ))}
          </ul>
        )}
      </section>
    </div>
  );
}
