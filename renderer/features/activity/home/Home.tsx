import { useEffect } from 'react';
import type { HomeOverview, HomeQueueItem } from '@shared/api/contracts/activity';
import { addDays, weekdayOf } from '@shared/activity/calendar';
import { formatNewsDate, formatZonedDateTime } from '@shared/domain/time-zone';
import { api } from '@ui/api/client';
import { useApiQuery } from '@ui/lib/query';
import { useApp } from '@ui/app/AppContext';
import { errorMessage, useI18n } from '@ui/i18n/i18n';
import { href, navigate } from '@ui/lib/router';
import { channelLabel, complaintChannelLabel } from '@ui/features/activity/labels';
import { guideOpensItself, setupPending } from '@shared/setup/guide';
import { openGuideOnce, SetupCard } from '@ui/features/setup/SetupCard';

/** Beranda refreshes itself so the reminder appears when its hour passes with the app left open. */
const REFRESH_MS = 60_000;

export function Home() {
  const { t, lang } = useI18n();
  const { workspace, toast } = useApp();
  // Changes to posts, jobs or complaints refresh it at once; the timer is for the clock alone.
  const overview = useApiQuery('activity.overview', {}, { refetchMs: REFRESH_MS });
  const o: HomeOverview | null = overview.data ?? null;
  const failed: unknown = overview.error;
  const load = overview.refetch;

  const pending = setupPending(workspace);
  const profileIncomplete = !pending && !workspace.opd.fullName.trim();

  // While setup waits (a fresh data folder, or one left halfway) the guide opens by itself once per launch.
  useEffect(() => {
    if (guideOpensItself(workspace)) openGuideOnce();
    // Only when Beranda first shows.
  }, []);
  const zone = workspace.opd.timeZone;

  if (!o) {
    return (
      <section className="page">
        <header className="page-header">
          <h1>{workspace.opd.shortName || t('home.title')}</h1>
        </header>
        {failed ? (
          <div className="notice" role="alert">
            <p>{errorMessage(t, failed)}</p>
            <button onClick={() => void load().catch((e) => toast(errorMessage(t, e), 'error'))}>{t('common.retry')}</button>
          </div>
        ) : (
          <p className="muted">{t('common.loading')}</p>
        )}
      </section>
    );
  }

  const gap = o.todayRequired
    ? o.channels.reduce((n, c) => n + Math.max(0, c.target - c.published - c.scheduled), 0)
    : 0;

  return (
    <section className="page dashboard">
      <header className="page-header">
        <div>
          <h1>{workspace.opd.shortName || t('home.title')}</h1>
          <p className="muted">{t('home.today', { date: formatNewsDate(o.today, lang), zone })}</p>
        </div>
        <button className="ghost" onClick={() => void load()}>
          {t('home.refresh')}
        </button>
      </header>

      {profileIncomplete && (
        <div className="notice">
          <p>{t('home.firstStep')}</p>
          <a className="button" href={href('settings')}>
            {t('home.goSettings')}
          </a>
        </div>
      )}

      {pending && <SetupCard />}

      {o.firstDay && !pending && (
        <div className="notice dashboard-welcome" role="status">
          <p>{t('home.welcome')}</p>
        </div>
      )}

      {o.calendarMissingYear !== null && (
        <div className="notice dashboard-calendar" role="status" data-testid="calendar-missing">
          <p>{t('home.calendarMissing', { year: o.calendarMissingYear })}</p>
          <a className="button" href={href('settings', 'target')}>
            {t('home.calendarImport')}
          </a>
        </div>
      )}

      {/* No alarm before the admin has set up what it counts against. */}
      {o.reminderDue && o.reminderHour !== null && !pending && (
        <div className="notice dashboard-reminder" role="alert">
          <div>
            <strong>{t('home.reminder.title')}</strong>
            <p>{t('home.reminder.body', { hour: String(o.reminderHour).padStart(2, '0') })}</p>
          </div>
          <div className="row">
            <a className="button primary" href={href('media', 'cards')}>
              {t('home.reminder.card')}
            </a>
            <button
              onClick={() =>
                api.call('posts.create', { template: 'berita_kegiatan' }).then(
                  (p) => navigate('posts', p.id),
                  (e) => toast(errorMessage(t, e), 'error'),
                )
              }
            >
              {t('home.reminder.post')}
            </button>
          </div>
        </div>
      )}

      <div className="dashboard-top">
        <div className="card" aria-labelledby="dash-today">
          <h2 id="dash-today">{t('home.todayCard')}</h2>
          {o.todayHoliday && <p className="muted">{t('home.holiday', { name: o.todayHoliday })}</p>}
          {!o.todayRequired && <p className="muted">{t('home.notRequired')}</p>}
          <ul className="dashboard-channels">
            {o.channels.map((c) => {
              const done = c.target > 0 && c.published >= c.target;
              const planned = !done && c.target > 0 && c.published + c.scheduled >= c.target;
              const cls = done ? 'ok' : planned ? 'planned' : c.target > 0 ? 'missing' : 'ok';
              return (
                <li key={c.channel} className={`dashboard-channel dashboard-channel-${cls}`} data-channel={c.channel}>
                  <span className="dashboard-channel-name">{channelLabel(t, c.channel)}</span>
                  <span>
                    {c.target === 0
                      ? t('home.channel.extra', { n: c.published })
                      : done
                        ? t('home.channel.done', { n: c.published, target: c.target })
                        : t('home.channel.missing', { n: c.published, target: c.target })}
                    {c.scheduled > 0 && ` · ${t('home.channel.scheduled', { n: c.scheduled })}`}
                  </span>
                </li>
              );
            })}
          </ul>
          {o.todayRequired && <p className="dashboard-gap">{gap > 0 ? t('home.gap', { n: gap }) : t('home.gapNone')}</p>}
        </div>

        <div className="card dashboard-streak" aria-labelledby="dash-streak">
          <h2 id="dash-streak">{t('home.streak')}</h2>
          {o.streak.current > 0 ? (
            <>
              <p className="dashboard-streak-n" data-testid="streak">
                {t('home.streakDays', { n: o.streak.current })}
              </p>
              {o.streak.since && <p className="muted">{t('home.streakSince', { date: formatNewsDate(o.streak.since, lang) })}</p>}
              {!o.streak.todayHasContent && o.todayRequired && <p className="muted">{t('home.streakOpen')}</p>}
            </>
          ) : (
            <p className="muted" data-testid="streak">
              {t('home.streakNone')}
            </p>
          )}
        </div>
      </div>

      <div className="grid-2">
        <div className="card" aria-labelledby="dash-work">
          <h2 id="dash-work">{t('home.work')}</h2>
          {queueList(t('home.inReview'), o.inReview)}
          {queueList(t('home.changes'), o.changesRequested)}
          {queueList(t('home.waiting'), o.waiting)}
          {o.jobsAvailable ? (
            <>
              {queueList(t('home.scheduledToday'), o.scheduledToday, true)}
              {o.overdueJobs.length > 0 && queueList(t('home.overdueJobs'), o.overdueJobs, true)}
              {queueList(t('home.failed'), o.failed)}
            </>
          ) : (
            <p className="field-hint">{t('home.jobsUnavailable')}</p>
          )}
        </div>
        <div className="card" aria-labelledby="dash-complaints">
          <h2 id="dash-complaints">{t('home.complaints')}</h2>
          {o.overdueComplaints.length === 0 ? (
            <p className="muted">{t('home.complaintsNone', { n: o.openComplaints })}</p>
          ) : (
            <ul className="dashboard-list">
              {o.overdueComplaints.map((c) => (
                <li key={c.id}>
                  <a href={href('complaints', c.id)}>{c.topic}</a>{' '}
                  <span className="muted">
                    {complaintChannelLabel(t, c.channel)} · {t(`home.complaintOverdue.${c.overdueKind}`)} · {formatZonedDateTime(c.overdueDue, zone)}
                    {c.urgent && ` · ${t('complaints.urgent')}`}
                  </span>
                </li>
              ))}
            </ul>
          )}
          <p className="field-hint">{t('complaints.overdueDefinition')}</p>
          <a className="button" href={href('complaints')}>
            {t('home.complaintsOpen')}
          </a>
        </div>
      </div>

      <ManagerView m={o.manager} />

      <div className="card" aria-labelledby="dash-heatmap">
        <h2 id="dash-heatmap">{t('home.heatmap')}</h2>
        <Heatmap from={o.heatmapFrom} to={o.today} counts={o.heatmap} holidays={o.heatmapHolidays} />
      </div>
    </section>
  );

  function queueList(title: string, items: HomeQueueItem[], zoneTime = false) {
    return (
      <div className="dashboard-queue" key={title}>
        <h3>
          {title} <span className="badge">{items.length}</span>
        </h3>
        {items.length === 0 ? (
          <p className="muted">{t('home.none')}</p>
        ) : (
          <ul className="dashboard-list">
            {items.slice(0, 6).map((it) => (
              <li key={`${it.id}-${it.channel ?? ''}`}>
                <a href={href('posts', it.id)}>{it.title.trim() || t('home.untitled')}</a>
                {it.channel && <span className="muted"> · {channelLabel(t, it.channel)}</span>}
                {zoneTime && it.at && <span className="muted"> · {formatZonedDateTime(it.at, zone)}</span>}
              </li>
            ))}
          </ul>
        )}
      </div>
    );
  }
}

/** Kepala Dinas: this month so far against last month, the figures the regent's ranking uses. */
function ManagerView({ m }: { m: HomeOverview['manager'] }) {
  const { t, lang } = useI18n();
  const pct = (v: number | null) => (v === null ? '–' : `${v}%`);
  const delta = (now: number | null, before: number | null, unit = '') => {
    if (now === null || before === null || now === before) return null;
    const up = now > before;
    return (
      <span className={up ? 'manager-up' : 'manager-down'}>
        {' '}
        {up ? '▲' : '▼'} {Math.abs(now - before)}
        {unit}
      </span>
    );
  };
  const monthName = (d: string) => new Intl.DateTimeFormat(lang === 'id' ? 'id-ID' : 'en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${d}T00:00:00Z`));
  const a = m.thisMonth;
  const b = m.lastMonth;
  return (
    <div className="card dashboard-manager" aria-labelledby="dash-manager">
      <h2 id="dash-manager">{t('home.manager')}</h2>
      <table className="manager-table">
        <thead>
          <tr>
            <th scope="col" />
            <th scope="col">
              {monthName(a.from)} <span className="muted">({t('home.manager.soFar')})</span>
            </th>
            <th scope="col">{monthName(b.from)}</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">{t('home.manager.published')}</th>
            <td data-testid="manager-published">
              {a.published}
              {delta(a.published, b.published)}
            </td>
            <td>{b.published}</td>
          </tr>
          <tr>
            <th scope="row">{t('home.manager.daysMet')}</th>
            <td data-testid="manager-days-met">
              {pct(a.percentMet)} <span className="muted">({t('home.manager.ofDays', { n: a.metDays, total: a.requiredDays })})</span>
              {delta(a.percentMet, b.percentMet, ' pp')}
            </td>
            <td>
              {pct(b.percentMet)} <span className="muted">({t('home.manager.ofDays', { n: b.metDays, total: b.requiredDays })})</span>
            </td>
          </tr>
          <tr>
            <th scope="row">{t('home.manager.onTime')}</th>
            <td data-testid="manager-on-time">
              {pct(a.percentOnTime)} <span className="muted">({t('home.manager.ofAnswered', { n: a.complaintsOnTime, total: a.complaintsAnswered })})</span>
              {delta(a.percentOnTime, b.percentOnTime, ' pp')}
            </td>
            <td>
              {pct(b.percentOnTime)} <span className="muted">({t('home.manager.ofAnswered', { n: b.complaintsOnTime, total: b.complaintsAnswered })})</span>
            </td>
          </tr>
        </tbody>
      </table>
    </div>
  );
}

function level(n: number): number {
  if (n <= 0) return 0;
  if (n === 1) return 1;
  if (n <= 3) return 2;
  if (n <= 5) return 3;
  return 4;
}

/** A year of days as week columns (Monday on top), one square per day; holidays outlined, months and weekdays labelled. */
export function Heatmap({ from, to, counts, holidays }: { from: string; to: string; counts: Record<string, number>; holidays: Record<string, string> }) {
  const { t, lang } = useI18n();
  // Start the first column on Monday so rows are weekdays.
  const lead = (weekdayOf(from) + 6) % 7;
  const cells: { date: string | null; n: number }[] = Array.from({ length: lead }, () => ({ date: null, n: 0 }));
  const months: { col: number; label: string }[] = [];
  const monthName = new Intl.DateTimeFormat(lang === 'id' ? 'id-ID' : 'en-GB', { month: 'short', timeZone: 'UTC' });
  let days = 0;
  let active = 0;
  for (let d = from; d <= to; d = addDays(d, 1)) {
    const n = counts[d] ?? 0;
    const col = Math.floor(cells.length / 7);
    if ((d.endsWith('-01') || d === from) && !months.some((m) => m.col === col)) months.push({ col, label: monthName.format(new Date(`${d}T00:00:00Z`)) });
    cells.push({ date: d, n });
    days++;
    if (n > 0) active++;
  }
  const cols = Math.ceil(cells.length / 7);
  // A label needs about three columns; drop the first month's label when the next one follows too closely.
  const shown = months.filter((m, i) => !(i === 0 && months[1] && months[1].col - m.col < 3));
  const weekdays = lang === 'id' ? ['Sen', '', 'Rab', '', 'Jum', '', ''] : ['Mon', '', 'Wed', '', 'Fri', '', ''];
  return (
    <div className="heatmap-wrap">
      <div className="heatmap-weekdays muted" aria-hidden="true">
        {weekdays.map((w, i) => (
          <span key={i}>{w}</span>
        ))}
      </div>
      <div className="heatmap-body">
        <div className="heatmap-months muted" aria-hidden="true" style={{ gridTemplateColumns: `repeat(${cols}, 11px)` }}>
          {shown.map((m) => (
            <span key={m.col} style={{ gridColumnStart: m.col + 1 }}>
              {m.label}
            </span>
          ))}
        </div>
        <div className="heatmap" role="img" aria-label={t('home.heatmapLabel', { days: active, total: days })}>
          {cells.map((c, i) =>
            c.date ? (
              <span
                key={c.date}
                className={`heatmap-cell heatmap-l${level(c.n)}${holidays[c.date] ? ' heatmap-holiday' : ''}`}
                title={
                  holidays[c.date]
                    ? t('home.heatmapHolidayCell', { date: formatNewsDate(c.date, lang), n: c.n, name: holidays[c.date] })
                    : t('home.heatmapCell', { date: formatNewsDate(c.date, lang), n: c.n })
                }
                data-date={c.date}
                data-count={c.n}
                data-holiday={holidays[c.date] ?? undefined}
              />
            ) : (
              <span key={`pad-${i}`} className="heatmap-cell heatmap-pad" />
            ),
          )}
        </div>
        <div className="heatmap-legend muted" aria-hidden="true">
          {t('home.heatmapLess')}
          {[0, 1, 2, 3, 4].map((l) => (
            <span key={l} className={`heatmap-cell heatmap-l${l}`} />
          ))}
          {t('home.heatmapMore')}
          <span className="heatmap-cell heatmap-holiday" /> {t('home.heatmapHoliday')}
        </div>
      </div>
    </div>
  );
}
