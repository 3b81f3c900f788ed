import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ChartConfiguration } from 'chart.js';
import { MAX_REPORT_DAYS, type ActivityReportView, type FileLink } from '@shared/api/contracts/activity';
import { dateRange, daysBetween, monthBounds } from '@shared/activity/calendar';
import { COMPLAINT_STATUSES } from '@shared/complaints/complaint';
import { CHANNELS, type Channel } from '@shared/domain/post';
import { formatNewsDate, zonedDate } from '@shared/domain/time-zone';
import { formatDecimal } from '@shared/activity/format';
import { api } from '@ui/api/client';
import { useApp } from '@ui/app/AppContext';
import { useI18n } from '@ui/i18n/i18n';
import { complaintError } from '@ui/features/complaints/errors';
import { ChartCanvas } from './ChartCanvas';
import { channelLabel, complaintStatusLabel } from './labels';
import { DateField, MonthField } from '@ui/lib/DateField';
import { ReportDayList, ReportDaysTable } from './ReportDays';

const COLORS: Record<Channel, string> = {
  website: '#0b5cab',
  facebook: '#3b5998',
  instagram: '#c13584',
  x: '#1c2430',
  whatsapp: '#25a244',
  other: '#8a94a3',
};
const STATUS_COLORS = ['#8a94a3', '#f2a900', '#e07b00', '#0b5cab', '#1f8a4c', '#c0392b', '#6c5ce7'];

type ChartId = 'daily' | 'category' | 'author' | 'complaints';

export function ActivityArea() {
  const { t, lang } = useI18n();
  const { workspace, toast } = useApp();
  const zone = workspace.opd.timeZone;
  const today = zonedDate(new Date(), zone);
  const [mode, setMode] = useState<'month' | 'range'>('month');
  const [month, setMonth] = useState(today.slice(0, 7));
  const [from, setFrom] = useState(monthBounds(today).from);
  const [to, setTo] = useState(today);
  const [report, setReport] = useState<ActivityReportView | null>(null);
  const [links, setLinks] = useState<FileLink[]>([]);
  const [busy, setBusy] = useState(false);
  const canvases = useRef(new Map<ChartId, HTMLCanvasElement>());

  const range = useMemo(() => (mode === 'month' ? monthBounds(`${month}-01`) : { from, to }), [mode, month, from, to]);
  // Said beside the dates, before anything is asked: the main process refuses the same ranges.
  const tooLong = Boolean(range.from && range.to) && daysBetween(range.from, range.to) >= MAX_REPORT_DAYS;

  const load = useCallback(async () => {
    if (!range.from || !range.to || range.from > range.to || tooLong) return;
    try {
      setReport(await api.call('activity.report', range));
    } catch (e) {
      toast(complaintError(t, e), 'error');
    }
  }, [range, tooLong, t, toast]);
  useEffect(() => {
    void load();
  }, [load]);

  const registrars = useMemo(() => {
    const make = (id: ChartId) => (c: HTMLCanvasElement | null) => {
      if (c) canvases.current.set(id, c);
      else canvases.current.delete(id);
    };
    return { daily: make('daily'), category: make('category'), author: make('author'), complaints: make('complaints') };
  }, []);

  const png = (id: ChartId) => canvases.current.get(id)?.toDataURL('image/png').replace(/^data:image\/png;base64,/, '') ?? null;
  const titles: Record<ChartId, string> = {
    daily: t('activity.chart.daily'),
    category: t('activity.chart.category'),
    author: t('activity.chart.author'),
    complaints: t('activity.chart.complaints'),
  };

  const addLink = (l: FileLink) => setLinks((ls) => [l, ...ls.filter((x) => x.name !== l.name)].slice(0, 6));
  const exportWith = async (p: () => Promise<FileLink>) => {
    setBusy(true);
    try {
      const l = await p();
      addLink(l);
      toast(t('activity.exportReady', { name: l.name }));
    } catch (e) {
      toast(complaintError(t, e), 'error');
    } finally {
      setBusy(false);
    }
  };
  const exportPdf = () =>
    exportWith(() => {
      const charts = (['daily', 'category', 'author', 'complaints'] as ChartId[])
        .map((id) => ({ title: titles[id], png: png(id) }))
        .filter((c): c is { title: string; png: string } => Boolean(c.png));
      return api.call('activity.exportPdf', { ...range, charts });
    });
  const exportCsv = () => exportWith(() => api.call('activity.exportCsv', range));
  const savePng = (id: ChartId) => {
    const data = png(id);
    if (data) void exportWith(() => api.call('activity.saveChart', { name: `${titles[id]} ${range.from} ${range.to}`, png: data }));
  };

  const configs = useMemo(() => {
    if (!report) return null;
    const shown = CHANNELS.filter((c) => report.perChannel[c] > 0 || workspace.targets.perChannel[c] > 0);
    const daily: ChartConfiguration = {
      type: 'bar',
      data: {
        labels: dateRange(report.from, report.to).map((d) => d.slice(8) + '/' + Number(d.slice(5, 7))),
        datasets: shown.map((c) => ({ label: channelLabel(t, c), data: report.daily[c], backgroundColor: COLORS[c] })),
      },
      options: { scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } } },
    };
    const bar = (items: { name: string; count: number }[], empty: string, color: string): ChartConfiguration => ({
      type: 'bar',
      data: {
        labels: items.map((x) => x.name || empty),
        datasets: [{ label: t('activity.summary.total'), data: items.map((x) => x.count), backgroundColor: color }],
      },
      options: { indexAxis: 'y', plugins: { legend: { display: false } }, scales: { x: { beginAtZero: true, ticks: { precision: 0 } } } },
    });
    const complaints: ChartConfiguration = {
      type: 'doughnut',
      data: {
        labels: COMPLAINT_STATUSES.map((s) => complaintStatusLabel(t, s)),
        datasets: [{ data: COMPLAINT_STATUSES.map((s) => report.complaints.byStatus[s]), backgroundColor: STATUS_COLORS }],
      },
      options: { plugins: { legend: { position: 'right' } } },
    };
    return {
      daily,
      category: bar(report.byCategory.slice(0, 12), t('activity.uncategorised'), '#0b5cab'),
      author: bar(report.byAuthor.slice(0, 12), t('activity.unknownAuthor'), '#f2a900'),
      complaints,
    };
  }, [report, t, workspace.targets.perChannel]);

  // Shown only for the range it was made for: a range too long keeps no stale figures on screen.
  const r = report && !tooLong && report.from === range.from && report.to === range.to ? report : null;
  return (
    <section className="page page-wide activity">
      <header className="page-header">
        <div>
          <h1>{t('activity.title')}</h1>
          <p className="muted">{t('activity.intro', { zone })}</p>
        </div>
        <div className="row">
          <button className="primary" disabled={busy || !r} onClick={() => void exportPdf()}>
            {t('activity.exportPdf')}
          </button>
          <button disabled={busy || !r} onClick={() => void exportCsv()}>
            {t('activity.exportCsv')}
          </button>
        </div>
      </header>

      {links.length > 0 && (
        <div className="notice activity-links" role="status">
          <ul>
            {links.map((l) => (
              <li key={l.name}>
                <a href={l.url} download={l.name}>
                  {t('activity.download', { name: l.name })}
                </a>
              </li>
            ))}
          </ul>
        </div>
      )}

      <div className="card activity-range">
        <div className="row" role="radiogroup" aria-label={t('activity.title')}>
          {(['month', 'range'] as const).map((m) => (
            <label key={m} className="radio">
              <input type="radio" name="activity-mode" checked={mode === m} onChange={() => setMode(m)} />
              {t(`activity.mode.${m}`)}
            </label>
          ))}
          {mode === 'month' ? (
            <div className="field">
              <span className="field-label" aria-hidden="true">{t('activity.month')}</span>
              <MonthField label={t('activity.month')} value={month} onChange={setMonth} />
            </div>
          ) : (
            <>
              <label className="field">
                <span className="field-label">{t('activity.from')}</span>
                <DateField label={t('activity.from')} value={from} max={to} onChange={setFrom} />
              </label>
              <label className="field">
                <span className="field-label">{t('activity.to')}</span>
                <DateField label={t('activity.to')} value={to} min={from} onChange={setTo} />
              </label>
            </>
          )}
        </div>
        {tooLong && (
          <p className="field-error" role="alert">
            {t('activity.error.range_too_long')}
          </p>
        )}
        {r && (
          <p className="muted">
            {formatNewsDate(r.from, lang)} – {formatNewsDate(r.to, lang)}
          </p>
        )}
      </div>

      {tooLong ? null : !r || !configs ? (
        <p className="muted">{t('common.loading')}</p>
      ) : (
        <>
          <dl className="activity-summary">
            <div>
              <dt>{t('activity.summary.total')}</dt>
              <dd data-testid="activity-total">{r.total}</dd>
            </div>
            <div>
              <dt>{t('activity.summary.active')}</dt>
              <dd>{t('activity.summary.activeOf', { n: r.activeDays, total: r.dayCount })}</dd>
            </div>
            <div>
              <dt>{t('activity.summary.missed')}</dt>
              <dd data-testid="activity-missed">{r.lists.missed}</dd>
            </div>
            <div>
              <dt>{t('activity.summary.under')}</dt>
              <dd>{r.lists.under}</dd>
            </div>
            <div>
              <dt>{t('activity.summary.streak')}</dt>
              <dd>{t('activity.summary.streakDays', { n: r.longestStreak })}</dd>
            </div>
            <div>
              <dt>{t('activity.summary.review')}</dt>
              <dd className={r.avgReviewHours === null ? 'activity-summary-note' : ''}>
                {r.avgReviewHours !== null
                  ? t('activity.summary.reviewHours', { n: formatDecimal(r.avgReviewHours, 1, lang), count: r.reviewCount })
                  : r.reviewAvailable
                    ? t('activity.summary.reviewNone')
                    : t('activity.summary.reviewUnavailable')}
              </dd>
            </div>
          </dl>

          <div className="card">
            <div className="activity-chart-head">
              <h2>{titles.daily}</h2>
              <button className="ghost" onClick={() => savePng('daily')}>
                {t('activity.chart.savePng')}
              </button>
            </div>
            <ChartCanvas config={configs.daily} label={titles.daily} register={registrars.daily} />
          </div>
          <div className="grid-2">
            {(['category', 'author'] as const).map((id) => (
              <div className="card" key={id}>
                <div className="activity-chart-head">
                  <h2>{titles[id]}</h2>
                  <button className="ghost" onClick={() => savePng(id)}>
                    {t('activity.chart.savePng')}
                  </button>
                </div>
                <ChartCanvas config={configs[id]} label={titles[id]} register={registrars[id]} height={220} />
              </div>
            ))}
          </div>

          <div className="grid-2">
            <div className="card">
              <h2>{t('activity.missedList')}</h2>
              {r.lists.missed === 0 ? (
                <p className="muted">{r.lists.under === 0 ? t('activity.missedNone') : t('activity.missedNoneButUnder', { n: r.lists.under })}</p>
              ) : (
                <ReportDayList range={range} list="missed" title={t('activity.missedList')} className="activity-missed" />
              )}
              {r.lists.under > 0 && (
                <>
                  <h3>{t('activity.underList')}</h3>
                  <ReportDayList range={range} list="under" title={t('activity.underList')} className="activity-under" />
                </>
              )}
              {r.lists.holidays > 0 && (
                <>
                  <h3>{t('activity.holidaysList')}</h3>
                  <ReportDayList
                    range={range}
                    list="holidays"
                    title={t('activity.holidaysList')}
                    className="activity-holidays"
                    testId="activity-holidays"
                    renderDay={(d) => (
                      <>
                        {formatNewsDate(d.date, lang)} · {d.holiday}
                        {!d.required && <span className="muted"> ({t('activity.holidayNotRequired')})</span>}
                      </>
                    )}
                  />
                </>
              )}
              {r.beforeStartDays > 0 && <p className="field-hint">{t('activity.beforeStart', { n: r.beforeStartDays })}</p>}
            </div>
            <div className="card">
              <div className="activity-chart-head">
                <h2>{t('activity.complaints')}</h2>
                <button className="ghost" onClick={() => savePng('complaints')}>
                  {t('activity.chart.savePng')}
                </button>
              </div>
              <dl className="activity-summary activity-summary-small">
                <div>
                  <dt>{t('activity.complaints.received')}</dt>
                  <dd>{r.complaints.received}</dd>
                </div>
                <div>
                  <dt>{t('activity.complaints.answered')}</dt>
                  <dd>{r.complaints.answered}</dd>
                </div>
                <div>
                  <dt>{t('activity.complaints.onTime')}</dt>
                  <dd>{r.complaints.answeredOnTime}</dd>
                </div>
                <div>
                  <dt>{t('activity.complaints.overdue')}</dt>
                  <dd title={t('complaints.overdueDefinition')}>{r.complaints.overdueOpen}</dd>
                </div>
                <div>
                  <dt>{t('activity.complaints.avgDays')}</dt>
                  <dd>{r.complaints.avgWorkingDaysToAnswer === null ? '–' : formatDecimal(r.complaints.avgWorkingDaysToAnswer, 1, lang)}</dd>
                </div>
              </dl>
              <p className="field-hint">{t('complaints.overdueDefinition')}</p>
              <ChartCanvas config={configs.complaints} label={titles.complaints} register={registrars.complaints} height={200} />
            </div>
          </div>
          <ReportDaysTable range={range} />
        </>
      )}
    </section>
  );
}
