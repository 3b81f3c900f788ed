import { useState } from 'react';
import { zonedDate } from '@shared/domain/time-zone';
import { zonedInstant, zonedTime } from '@shared/publishing/schedule';
import { useApp } from '@ui/app/AppContext';
import { useI18n } from '@ui/i18n/i18n';
import { DateField, TimeField } from '@ui/lib/DateField';

/** "When did it go out?" for a post made by hand: date and time in the OPD's zone, default now. */
export function useWentOutAt() {
  const { workspace } = useApp();
  const zone = workspace.opd.timeZone;
  const [now] = useState(() => new Date());
  const [date, setDate] = useState(zonedDate(now, zone));
  const [time, setTime] = useState(zonedTime(now, zone));
  const instant = () => (date && time ? zonedInstant(date, time, zone) : undefined);
  /** A time later than now cannot be when it went out. */
  const inFuture = () => {
    const at = instant();
    return at !== undefined && Date.parse(at) > Date.now();
  };
  return { zone, date, time, setDate, setTime, max: zonedDate(new Date(), zone), instant, inFuture };
}

export function WentOutAtFields({ state }: { state: ReturnType<typeof useWentOutAt> }) {
  const { t } = useI18n();
  return (
    <fieldset className="row queue-went-out">
      <legend className="field-label">{t('publishing.kit.wentOut', { zone: state.zone })}</legend>
      <label className="field">
        <span className="field-label">{t('publishing.schedule.date')}</span>
        <DateField value={state.date} max={state.max} onChange={state.setDate} required />
      </label>
      <label className="field">
        <span className="field-label">{t('publishing.schedule.time', { zone: state.zone })}</span>
        <TimeField value={state.time} onChange={state.setTime} required />
      </label>
    </fieldset>
  );
}
