import { useEffect, useMemo, useState } from 'react';
import type { QueueOverview } from '@shared/api/contracts/publishing';
import type { Channel } from '@shared/domain/post';
import { formatNewsDate, formatZonedDateTime, zonedDate } from '@shared/domain/time-zone';
import { calendarDays, emptyDays, groupByDay, moveToDay, shiftAnchor, zonedTime, type CalendarView as View } from '@shared/publishing/schedule';
import { api } from '@ui/api/client';
import { useApp } from '@ui/app/AppContext';
import { errorMessage, useI18n } from '@ui/i18n/i18n';
import { href } from '@ui/lib/router';
import { channelKey, stateClass, stateKey } from './queue-ui';

interface Entry {
  at: string;
  key: string;
  title: string;
  channel: Channel;
  jobId: string | null;
  movable: boolean;
  state: Parameters<typeof stateKey>[0];
}

const WEEKDAYS = { id: ['Sen', 'Sel', 'Rab', 'Kam', 'Jum', 'Sab', 'Min'], en: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] };

export function CalendarView({ data, onChange, onRange }: { data: QueueOverview; onChange: () => void; onRange: (range: { from: string; to: string }) => void }) {
  const { t, lang } = useI18n();
  const { workspace, toast } = useApp();
  const zone = workspace.opd.timeZone;
  const today = zonedDate(new Date(), zone);
  const [view, setView] = useState<View>('week');
  const [anchor, setAnchor] = useState(today);
  const [dragging, setDragging] = useState<string | null>(null);
  const [over, setOver] = useState<string | null>(null);

  const days = useMemo(() => calendarDays(view, anchor, zone), [view, anchor, zone]);
  // The overview carries the jobs of the days shown: a day wider on each side covers every zone offset.
  const first = days[0];
  const last = days[days.length - 1];
  useEffect(() => {
    const day = 86_400_000;
    onRange({ from: new Date(Date.parse(`${first}T00:00:00Z`) - day).toISOString(), to: new Date(Date.parse(`${last}T00:00:00Z`) + 2 * day).toISOString() });
  }, [first, last, onRange]);
  const entries = useMemo<Entry[]>(() => {
    const fromJobs: Entry[] = data.jobs
      .filter((j) => j.state !== 'cancelled')
      .map((j) => ({
        at: j.state === 'published' && j.publishedAt ? j.publishedAt : (j.scheduledAt ?? j.createdAt),
        key: j.id,
        title: j.title,
        channel: j.channel,
        jobId: j.id,
        movable: j.state === 'queued' || j.state === 'needs_action',
        state: j,
      }));
    const linked = new Set(data.jobs.map((j) => j.publicationId).filter(Boolean));
    const other: Entry[] = data.publications
      .filter((p) => !linked.has(p.id))
      .map((p) => ({ at: p.publishedAt, key: p.id, title: p.title, channel: p.channel, jobId: null, movable: false, state: { state: 'published', mode: 'api' } }));
    return [...fromJobs, ...other];
  }, [data]);
  const byDay = useMemo(() => groupByDay(entries, zone), [entries, zone]);
  const gaps = useMemo(() => new Set(emptyDays(days, byDay, today)), [days, byDay, today]);
  const month = Number(anchor.slice(5, 7));

  async function drop(day: string) {
    const e = entries.find((x) => x.key === dragging);
    setDragging(null);
    setOver(null);
    if (!e?.jobId || !e.movable || zonedDate(e.at, zone) === day) return;
    // Keep the time shown on the card (for "as soon as possible" items: when they were queued).
    const at = moveToDay(e.at, day, zone);
    try {
      await api.call('publishing.reschedule', { jobId: e.jobId, scheduledAt: at });
      toast(t('publishing.cal.moved', { when: formatZonedDateTime(at, zone) }));
      onChange();
    } catch (err) {
      toast(errorMessage(t, err), 'error');
    }
  }

  return (
    <section className="card queue-cal" aria-labelledby="queue-cal-h">
      <div className="row">
        <h2 id="queue-cal-h" className="queue-cal-title">
          {view === 'week' ? `${formatNewsDate(days[0], lang)} – ${formatNewsDate(days[6], lang)}` : new Intl.DateTimeFormat(lang === 'id' ? 'id-ID' : 'en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${anchor.slice(0, 7)}-15T00:00:00Z`))}
        </h2>
        <span className="spacer" />
        <div className="row" role="group" aria-label={t('publishing.tab.calendar')}>
          <button className={view === 'week' ? 'chip active' : 'chip'} aria-pressed={view === 'week'} onClick={() => setView('week')}>
            {t('publishing.cal.week')}
          </button>
          <button className={view === 'month' ? 'chip active' : 'chip'} aria-pressed={view === 'month'} onClick={() => setView('month')}>
            {t('publishing.cal.month')}
          </button>
        </div>
        <button onClick={() => setAnchor(shiftAnchor(view, anchor, -1, zone))}>← {t('publishing.cal.prev')}</button>
        <button onClick={() => setAnchor(today)}>{t('publishing.cal.today')}</button>
        <button onClick={() => setAnchor(shiftAnchor(view, anchor, 1, zone))}>
          {t('publishing.cal.next')} →
        </button>
      </div>
      <p className="muted">
        {t('publishing.cal.zone', { zone })} {t('publishing.cal.dragHint')}
      </p>
      {gaps.size > 0 && <p className="queue-gaps">{t('publishing.cal.gaps', { n: gaps.size })} {t('publishing.cal.emptyHint')}</p>}
      <div className={`queue-cal-grid queue-cal-${view}`}>
        {WEEKDAYS[lang].map((d) => (
          <div key={d} className="queue-cal-head" aria-hidden="true">
            {d}
          </div>
        ))}
        {days.map((day) => {
          const list = byDay.get(day) ?? [];
          const outside = view === 'month' && Number(day.slice(5, 7)) !== month;
          return (
            <div
              key={day}
              className={`queue-cal-day ${gaps.has(day) ? 'gap' : ''} ${day === today ? 'today' : ''} ${outside ? 'outside' : ''} ${over === day ? 'over' : ''}`}
              data-day={day}
              aria-label={t('publishing.cal.dayLabel', { day: formatNewsDate(day, lang), n: list.length })}
              role="group"
              onDragOver={(e) => {
                if (!dragging) return;
                e.preventDefault();
                setOver(day);
              }}
              onDragLeave={() => setOver((o) => (o === day ? null : o))}
              onDrop={(e) => {
                e.preventDefault();
                void drop(day);
              }}
            >
              <div className="queue-cal-date">{Number(day.slice(8, 10))}</div>
              {list.map((e) => (
                <a
                  key={e.key}
                  href={e.jobId ? href('publishing', 'job', e.jobId) : undefined}
                  className={`queue-cal-item queue-channel-${e.channel} ${e.movable ? 'movable' : ''}`}
                  draggable={e.movable}
                  onDragStart={(ev) => {
                    ev.dataTransfer.setData('text/plain', e.key);
                    ev.dataTransfer.effectAllowed = 'move';
                    setDragging(e.key);
                  }}
                  onDragEnd={() => setDragging(null)}
                  title={`${t(channelKey(e.channel))} · ${t(stateKey(e.state))}`}
                  data-job={e.jobId ?? undefined}
                >
                  <span className="queue-cal-time">{zonedTime(e.at, zone).replace(':', '.')}</span> <span className={`queue-cal-ch`}>{t(channelKey(e.channel))}</span>
                  <span className={`queue-cal-state ${stateClass(e.state)}`} aria-label={t(stateKey(e.state))} />
                  <span className="queue-cal-name">{e.title}</span>
                </a>
              ))}
              {gaps.has(day) && <span className="queue-cal-empty">{t('publishing.cal.empty')}</span>}
            </div>
          );
        })}
      </div>
    </section>
  );
}
