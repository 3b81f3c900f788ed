import { useCallback, useEffect, useMemo, useState } from 'react';
import type { FileLink } from '@shared/api/contracts/activity';
import type { OpdView, RankingView } from '@shared/api/contracts/pantauan';
import { dateInZone } from '@shared/activity/calendar';
import { CHANNELS } from '@shared/domain/post';
import { formatNewsDate } from '@shared/domain/time-zone';
import { previousMonth, sortRanking, type RankingRow, type SortKey } from '@shared/pantauan/ranking';
import { api } from '@ui/api/client';
import { MonthField } from '@ui/lib/DateField';
import { fileToBase64 } from '@ui/lib/files';
import { useApp } from '@ui/app/AppContext';
import type { MessageKey } from '@ui/i18n/catalog';
import { errorMessage, useI18n } from '@ui/i18n/i18n';
import { href } from '@ui/lib/router';
import { channelLabel } from '@ui/features/activity/labels';
import { Heatmap } from '@ui/features/activity/home/Home';

const pctText = (v: number | null) => (v === null ? '–' : `${Math.round(v)}%`);

function useMonth(): [string, (m: string) => void] {
  const { workspace } = useApp();
  const [month, setMonth] = useState(() => dateInZone(new Date(), workspace.opd.timeZone).slice(0, 7));
  return [month, setMonth];
}

/** Route segment of a regency on a province's Pantauan (#/pantauan/~<kab>); OPD slugs start with a letter, so they never collide. */
const REGION_MARK = '~';

/**
 * Pantauan OPD: the monthly ranking, who has gone quiet, data completeness,
 * and one OPD's page (#/pantauan/<opd>). On a province's Pantauan the page
 * starts with its regencies, each opening its own OPD ranking (#/pantauan/~<kab>).
 */
export function PantauanArea({ rest }: { rest: string[] }) {
  const [month, setMonth] = useMonth();
  if (rest[0]?.startsWith(REGION_MARK)) {
    const region = rest[0].slice(1);
    // An OPD opened from its regency's ranking (#/pantauan/~<kab>/<opd>) leads back there.
    if (rest[1]) return <OpdPage opd={rest[1]} region={region} month={month} setMonth={setMonth} />;
    return <RankingPage key={rest[0]} region={region} month={month} setMonth={setMonth} />;
  }
  return rest[0] ? <OpdPage opd={rest[0]} region="" month={month} setMonth={setMonth} /> : <RankingPage key="all" region="" month={month} setMonth={setMonth} />;
}

/** Route to one OPD's page, inside its regency's when one is open. */
function opdHref(region: string, opd: string): string {
  return region ? href('pantauan', `${REGION_MARK}${region}`, opd) : href('pantauan', opd);
}

function MonthPicker({ month, setMonth }: { month: string; setMonth: (m: string) => void }) {
  const { t } = useI18n();
  return (
    <span className="field-inline">
      <span aria-hidden="true">{t('pantauan.month')}</span> <MonthField label={t('pantauan.month')} value={month} onChange={setMonth} />
    </span>
  );
}

const COLUMNS: { key: SortKey; label: MessageKey }[] = [
  { key: 'rank', label: 'pantauan.col.rank' },
  { key: 'name', label: 'pantauan.col.name' },
  { key: 'days', label: 'pantauan.col.days' },
  { key: 'streak', label: 'pantauan.col.streak' },
  { key: 'total', label: 'pantauan.col.total' },
  { key: 'firstReply', label: 'pantauan.col.firstReply' },
  { key: 'final', label: 'pantauan.col.final' },
  { key: 'last', label: 'pantauan.col.last' },
];

function RankingPage({ region, month, setMonth }: { region: string; month: string; setMonth: (m: string) => void }) {
  const { t } = useI18n();
  const { toast } = useApp();
  const [view, setView] = useState<RankingView | null>(null);
  const [sort, setSort] = useState<{ key: SortKey; dir: 'asc' | 'desc' }>({ key: 'rank', dir: 'asc' });
  const [links, setLinks] = useState<FileLink[]>([]);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    try {
      setView(await api.call('pantauan.ranking', { month, region }));
    } catch (e) {
      toast(errorMessage(t, e), 'error');
    }
  }, [month, region, t, toast]);
  useEffect(() => void load(), [load]);

  const rows = useMemo(() => (view ? sortRanking(view.rows, sort.key, sort.dir) : []), [view, sort]);
  // A province's Pantauan holds several regencies: each row names its own.
  const regionCount = new Set(view?.rows.map((r) => r.region).filter(Boolean)).size;
  const sortBy = (key: SortKey) =>
    setSort((s) => (s.key === key ? { key, dir: s.dir === 'asc' ? 'desc' : 'asc' } : { key, dir: key === 'rank' || key === 'name' ? 'asc' : 'desc' }));

  const exportReport = async (format: 'pdf' | 'xlsx' | 'csv') => {
    setBusy(true);
    try {
      const l = await api.call('pantauan.exportReport', { month, format, region });
      setLinks((ls) => [l, ...ls.filter((x) => x.name !== l.name)].slice(0, 4));
      toast(t('pantauan.exportReady', { name: l.name }));
    } catch (e) {
      toast(errorMessage(t, e), 'error');
    } finally {
      setBusy(false);
    }
  };

  const importFile = async (file: File | null, input: HTMLInputElement) => {
    if (!file) return;
    input.value = '';
    setBusy(true);
    try {
      const res = await api.call('pantauan.importFile', { name: file.name, data: await fileToBase64(file) });
      const done = res.filter((r) => r.status === 'imported');
      if (done.length) toast(t('pantauan.imported', { n: String(done.length), names: done.map((r) => r.name).join(', ') }));
      for (const r of res.filter((x) => x.status === 'older')) toast(t('pantauan.importedOlder', { name: r.name }));
      await load();
    } catch (e) {
      toast(errorMessage(t, e), 'error');
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="page page-wide pantauan">
      <header className="page-header">
        <div>
          <h1>{t('pantauan.title')}</h1>
          <p className="muted">{t('pantauan.intro', { region: view?.region || t('pantauan.noRegion') })}</p>
        </div>
        <div className="row">
          <MonthPicker month={month} setMonth={setMonth} />
          <button className="primary" disabled={busy || !view} onClick={() => void exportReport('pdf')}>
            {t('pantauan.exportPdf')}
          </button>
          <button disabled={busy || !view} onClick={() => void exportReport('xlsx')}>
            {t('pantauan.exportXlsx')}
          </button>
          <button disabled={busy || !view} onClick={() => void exportReport('csv')}>
            {t('pantauan.exportCsv')}
          </button>
          <label className="button">
            {t('pantauan.import')}
            <input type="file" accept=".json,.zip,application/json,application/zip" hidden disabled={busy} onChange={(e) => void importFile(e.target.files?.[0] ?? null, e.target)} />
          </label>
        </div>
      </header>

      {links.length > 0 && (
        <div className="notice" role="status">
          <ul>
            {links.map((l) => (
              <li key={l.name}>
                <a href={l.url} download={l.name}>
                  {t('pantauan.download', { name: l.name })}
                </a>
              </li>
            ))}
          </ul>
        </div>
      )}

      <div className="card">
        <h2>{t('pantauan.rule.title')}</h2>
        <p className="pantauan-rule">{t('pantauan.rule')}</p>
      </div>

      {region && (
        <p>
          <a href={href('pantauan')}>{t('pantauan.regions.back')}</a>
        </p>
      )}
      {view && view.regions.length > 0 && !region && <RegionTable view={view} />}

      <div className="card">
        <h2>
          {region
            ? t('pantauan.regions.ranking', { region, month })
            : view && view.regions.length > 0
              ? t('pantauan.regions.allRanking', { month })
              : t('pantauan.ranking.title', { month })}
        </h2>
        {view && view.rows.length === 0 && <p className="muted">{t('pantauan.empty')}</p>}
        {view && view.rows.length > 0 && (
          <div className="table-scroll">
            <table className="pantauan-ranking">
              <thead>
                <tr>
                  {COLUMNS.map((c) => (
                    <th key={c.key} aria-sort={sort.key === c.key ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}>
                      <button className="link" onClick={() => sortBy(c.key)} title={t('pantauan.sortBy', { column: t(c.label) })}>
                        {t(c.label)} {sort.key === c.key ? (sort.dir === 'asc' ? '▲' : '▼') : ''}
                      </button>
                    </th>
                  ))}
                  <th>{t('pantauan.col.channels')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <RankRow key={r.opd} r={r} region={region} showRegion={regionCount > 1} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>

      {view && (
        <div className="grid-2">
          <div className="card">
            <h2>{t('pantauan.quiet.title')}</h2>
            <p className="muted small">{t('pantauan.quietRule')}</p>
            {view.quiet.length === 0 ? (
              <p>{t('pantauan.quiet.none')}</p>
            ) : (
              <ul className="pantauan-quiet">
                {view.quiet.map((q) => (
                  <li key={q.opd}>
                    <a href={opdHref(region, q.opd)}>
                      {t('pantauan.quiet.row', { name: q.name, n: String(q.silentWorkingDays), last: q.lastDate ? formatNewsDate(q.lastDate) : t('pantauan.never') })}
                    </a>
                  </li>
                ))}
              </ul>
            )}
          </div>
          <div className="card">
            <h2>{t('pantauan.completeness.title')}</h2>
            <p className="muted small">{t('pantauan.completeness.intro')}</p>
            <ul className="pantauan-completeness">
              {view.completeness.map((c) => (
                <li key={c.opd}>
                  {c.name} ({t(`pantauan.kind.${c.kind}`)}):{' '}
                  {c.lastSyncAt === null
                    ? t('pantauan.never')
                    : c.daysSince === 0
                      ? t('pantauan.completeness.today')
                      : t('pantauan.completeness.daysAgo', { n: String(c.daysSince) })}
                </li>
              ))}
            </ul>
          </div>
        </div>
      )}
    </section>
  );
}

/** A province's regencies: pooled days-with-content rate, participants, quiet ones; each opens its OPD ranking. */
function RegionTable({ view }: { view: RankingView }) {
  const { t } = useI18n();
  return (
    <div className="card">
      <h2>{t('pantauan.regions.title', { region: view.region, month: view.month })}</h2>
      <p className="muted small">{t('pantauan.regions.intro')}</p>
      <div className="table-scroll">
        <table className="pantauan-regions">
          <thead>
            <tr>
              <th>{t('pantauan.regions.col.region')}</th>
              <th>{t('pantauan.regions.col.days')}</th>
              <th>{t('pantauan.regions.col.opds')}</th>
              <th>{t('pantauan.regions.col.quiet')}</th>
              <th>{t('pantauan.regions.col.total')}</th>
              <th>{t('pantauan.regions.col.never')}</th>
            </tr>
          </thead>
          <tbody>
            {view.regions.map((g) => (
              <tr key={g.region || '-'}>
                <td>{g.region ? <a href={href('pantauan', `${REGION_MARK}${g.region}`)}>{g.region === view.region ? t('pantauan.regions.own', { region: g.region }) : g.region}</a> : t('pantauan.regions.none')}</td>
                <td>{t('pantauan.daysOf', { n: String(g.contentDays), total: String(g.requiredDays), pct: pctText(g.percent) })}</td>
                <td>{g.opds}</td>
                <td>{g.quiet}</td>
                <td>{g.total}</td>
                <td>{g.neverSynced}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function RankRow({ r, region, showRegion }: { r: RankingRow; region: string; showRegion: boolean }) {
  const { t } = useI18n();
  const rate = (x: RankingRow['firstReply']) => (x.done ? t('pantauan.rate', { onTime: String(x.onTime), done: String(x.done), pct: pctText(x.rate) }) : t('pantauan.none'));
  return (
    <tr>
      <td>{r.rank}</td>
      <td>
        <a href={opdHref(region, r.opd)}>{r.name}</a>
        {r.kind !== 'opd' && <small className="muted"> · {t(`pantauan.kind.${r.kind}`)}</small>}
        {showRegion && r.region && <small className="muted"> · {r.region}</small>}
      </td>
      <td>{t('pantauan.daysOf', { n: String(r.contentDays), total: String(r.requiredDays), pct: pctText(r.percent) })}</td>
      <td>{t('pantauan.streakDays', { n: String(r.streak) })}</td>
      <td>{r.total}</td>
      <td>{rate(r.firstReply)}</td>
      <td>{rate(r.final)}</td>
      <td>{r.lastPublishedAt ? `${formatNewsDate(r.lastPublishedAt.slice(0, 10))}${r.lastPublishedAt.length > 10 ? ` ${r.lastPublishedAt.slice(11, 16).replace(':', '.')} ${r.zone}` : ''}` : t('pantauan.never')}</td>
      <td className="small">
        {CHANNELS.filter((c) => r.perChannel[c] > 0)
          .map((c) => `${channelLabel(t, c)} ${r.perChannel[c]}`)
          .join(', ') || t('pantauan.none')}
      </td>
    </tr>
  );
}

function OpdPage({ opd, region, month, setMonth }: { opd: string; region: string; month: string; setMonth: (m: string) => void }) {
  const { t } = useI18n();
  const { toast } = useApp();
  const [view, setView] = useState<OpdView | null>(null);
  useEffect(() => {
    api.call('pantauan.opd', { opd, month }).then(setView, (e) => toast(errorMessage(t, e), 'error'));
  }, [opd, month, t, toast]);
  const counts: Record<string, number> = {};
  const holidays: Record<string, string> = {};
  for (const d of view?.heatmap ?? []) {
    if (d.total) counts[d.date] = d.total;
    if (d.holiday) holidays[d.date] = d.holiday;
  }
  const r = view?.row;
  const p = view?.previous;
  return (
    <section className="page page-wide pantauan">
      <p>
        <a href={region ? href('pantauan', `${REGION_MARK}${region}`) : href('pantauan')}>{region ? t('pantauan.opd.backRegion', { region }) : t('pantauan.opd.back')}</a>
      </p>
      <header className="page-header">
        <div>
          <h1>{view?.name ?? opd}</h1>
          <p className="muted">{view?.profile ? t('pantauan.opd.lastSync', { at: `${formatNewsDate(view.profile.generatedAt.slice(0, 10))} ${view.profile.generatedAt.slice(11, 16).replace(':', '.')} ${view.profile.zone}` }) : t('pantauan.opd.unknown')}</p>
        </div>
        <MonthPicker month={month} setMonth={setMonth} />
      </header>
      {view && (
        <>
          <div className="card">
            <h2>{t('pantauan.opd.trend')}</h2>
            <ul>
              <li>
                {t('pantauan.opd.trendDays', {
                  now: r ? t('pantauan.daysOf', { n: String(r.contentDays), total: String(r.requiredDays), pct: pctText(r.percent) }) : '–',
                  before: p ? t('pantauan.daysOf', { n: String(p.contentDays), total: String(p.requiredDays), pct: pctText(p.percent) }) : '–',
                })}
              </li>
              <li>{t('pantauan.opd.trendTotal', { now: String(r?.total ?? 0), before: String(p?.total ?? 0) })}</li>
            </ul>
            <p className="muted small">{previousMonth(month)} → {month}</p>
          </div>
          <div className="card">
            <h2>{t('pantauan.opd.heatmap')}</h2>
            <Heatmap from={view.heatmapFrom} to={view.heatmapTo} counts={counts} holidays={holidays} />
          </div>
          <div className="card">
            <h2>{t('pantauan.opd.items', { month })}</h2>
            {view.publications.length === 0 ? (
              <p className="muted">{t('pantauan.opd.noItems')}</p>
            ) : (
              <ul className="pantauan-items">
                {view.publications.map((x) => (
                  <li key={x.pubId}>
                    {formatNewsDate(x.date)} {x.time} {x.zone} · {channelLabel(t, x.channel)}
                    {x.category ? ` · ${x.category}` : ''}
                    {x.author ? ` · ${x.author}` : ''} ·{' '}
                    {x.url ? (
                      <a href={x.url} target="_blank" rel="noreferrer noopener">
                        {x.url}
                      </a>
                    ) : (
                      <span className="muted">{t('pantauan.opd.noUrl')}</span>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </div>
        </>
      )}
    </section>
  );
}
