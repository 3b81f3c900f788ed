import { useEffect, useState, type ReactNode } from 'react';
import { REPORT_DAYS_PAGE } from '@shared/api/contracts/activity';
import type { DayList, ReportDay } from '@shared/activity/report';
import { CHANNELS } from '@shared/domain/post';
import { formatNewsDate } from '@shared/domain/time-zone';
import { useApp } from '@ui/app/AppContext';
import { useI18n } from '@ui/i18n/i18n';
import { useApiQuery } from '@ui/lib/query';
import { Pager, useStayOnAPage } from '@ui/lib/ui/Pager';
import { VirtualList, VirtualTable } from '@ui/lib/ui/VirtualList';
import { complaintError } from '@ui/features/complaints/errors';
import { channelLabel } from './labels';

/** One page of a per-day list of the report, through the API (bounded whatever the range). */
function useDayPage(range: { from: string; to: string }, list: DayList) {
  const { t } = useI18n();
  const { toast } = useApp();
  const [offset, setOffset] = useState(0);
  useEffect(() => setOffset(0), [range.from, range.to]);
  const page = useApiQuery('activity.days', { ...range, list, offset, limit: REPORT_DAYS_PAGE }, { keepPrevious: true });
  const failed = page.error;
  useEffect(() => {
    if (failed) toast(complaintError(t, failed), 'error');
  }, [failed, t, toast]);
  useStayOnAPage(page.data, offset, REPORT_DAYS_PAGE, setOffset);
  return { data: page.data ?? null, offset, setOffset };
}

function DayPager({ title, offset, shown, total, onOffset }: { title: string; offset: number; shown: number; total: number; onOffset: (n: number) => void }) {
  const { t } = useI18n();
  return <Pager label={t('activity.pages', { list: title })} rangeKey="activity.pageRange" offset={offset} pageSize={REPORT_DAYS_PAGE} shown={shown} total={total} onOffset={onOffset} />;
}

/** Required days without content, under a channel minimum, or holidays: dates, paged and drawn where in view. */
export function ReportDayList({
  range,
  list,
  title,
  className,
  testId,
  renderDay,
}: {
  range: { from: string; to: string };
  list: Exclude<DayList, 'days'>;
  title: string;
  className: string;
  testId?: string;
  renderDay?: (d: ReportDay) => ReactNode;
}) {
  const { t, lang } = useI18n();
  const { data, offset, setOffset } = useDayPage(range, list);
  if (!data || data.total === 0) return null;
  return (
    <>
      <VirtualList
        items={data.items}
        getKey={(d) => d.date}
        estimateSize={24}
        label={title}
        className={className}
        offset={offset}
        total={data.total}
        resetKey={`${offset}|${range.from}|${range.to}`}
        testId={testId}
        textOnly
        rowProps={(d) => ({ 'data-date': d.date })}
        renderRow={(d) =>
          renderDay ? (
            renderDay(d)
          ) : (
            <>
              {formatNewsDate(d.date, lang)}
              {d.holiday && <span className="activity-holiday"> · {t('activity.holiday', { name: d.holiday })}</span>}
            </>
          )
        }
      />
      <DayPager title={title} offset={offset} shown={data.items.length} total={data.total} onOffset={setOffset} />
    </>
  );
}

/** "Rincian harian": every day of the range with its count per channel, as in the PDF and CSV. */
export function ReportDaysTable({ range }: { range: { from: string; to: string } }) {
  const { t, lang } = useI18n();
  const { data, offset, setOffset } = useDayPage(range, 'days');
  const title = t('activity.daysTable');
  return (
    <div className="card">
      <h2>{title}</h2>
      {data && (
        <>
          <VirtualTable
            items={data.items}
            getKey={(d) => d.date}
            estimateSize={30}
            className="activity-days"
            label={title}
            textOnly
            columns={CHANNELS.length + 2}
            offset={offset}
            total={data.total}
            resetKey={`${offset}|${range.from}|${range.to}`}
            head={
              <>
                <th scope="col">{t('activity.daysTable.date')}</th>
                {CHANNELS.map((c) => (
                  <th scope="col" key={c}>
                    {channelLabel(t, c)}
                  </th>
                ))}
                <th scope="col">{t('activity.summary.total')}</th>
              </>
            }
            renderCells={(d) => (
              <>
                <td>
                  {formatNewsDate(d.date, lang)}
                  {!d.required && <span className="muted"> · {d.beforeStart ? t('activity.daysTable.beforeStart') : t('activity.daysTable.notRequired')}</span>}
                  {d.holiday && <span className="activity-holiday"> · {d.holiday}</span>}
                </td>
                {CHANNELS.map((c) => (
                  <td key={c}>{d.perChannel[c]}</td>
                ))}
                <td>
                  <strong>{d.total}</strong>
                </td>
              </>
            )}
          />
          <DayPager title={title} offset={offset} shown={data.items.length} total={data.total} onOffset={setOffset} />
        </>
      )}
    </div>
  );
}
