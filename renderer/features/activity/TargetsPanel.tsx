import { useEffect, useState, type FormEvent } from 'react';
import { HOLIDAY_KINDS, HOLIDAYS_2026, HOLIDAYS_2026_SOURCE, type Holiday, type Targets } from '@shared/activity/targets';
import { BUNDLED_SKB, skbYearSchema } from '@shared/activity/holiday-calendar';
import type { ComplaintDeadlines } from '@shared/complaints/complaint';
import { CHANNELS } from '@shared/domain/post';
import { formatNewsDate } from '@shared/domain/time-zone';
import { api } from '@ui/api/client';
import { useApp } from '@ui/app/AppContext';
import type { MessageKey } from '@ui/i18n/catalog';
import { errorMessage, inputIssueText, useI18n } from '@ui/i18n/i18n';
import { inputIssues } from '@shared/api/errors';
import { channelLabel } from './labels';
import { DateField } from '@ui/lib/DateField';
import { Field } from '@ui/lib/ui/Field';

/** Pengaturan → Target: daily minimum per channel, required days, holidays, reminder hour, aduan deadlines. */
export function TargetsPanel() {
  const { t, lang } = useI18n();
  const { workspace, setWorkspace, toast } = useApp();
  const [targets, setTargets] = useState<Targets>(workspace.targets);
  const [deadlines, setDeadlines] = useState<ComplaintDeadlines>(workspace.complaintDeadlines);
  const [newDate, setNewDate] = useState('');
  const [newName, setNewName] = useState('');
  const [newKind, setNewKind] = useState<Holiday['kind']>('local');
  useEffect(() => {
    setTargets(workspace.targets);
    setDeadlines(workspace.complaintDeadlines);
  }, [workspace]);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    try {
      const ws = await api.call('settings.update', { baseRev: workspace.rev, targets, complaintDeadlines: deadlines });
      setWorkspace(ws);
      toast(t('settings.saved'));
    } catch (err) {
      toast(errorMessage(t, err), 'error');
    }
  };

  const skbYears = [
    ...targets.skb.map((y) => ({ year: y.year, source: y.source, imported: true })),
    ...BUNDLED_SKB.filter((b) => !targets.skb.some((y) => y.year === b.year)).map((y) => ({ year: y.year, source: y.source, imported: false })),
  ].sort((a, b) => a.year - b.year);

  /** An SKB list as JSON ({ year, source, holidays: [{ date, name, kind }] }): checked here, stored on Save. */
  const importSkb = async (file: File | null, input: HTMLInputElement) => {
    if (!file) return;
    input.value = '';
    let parsed: unknown;
    try {
      parsed = JSON.parse(await file.text());
    } catch {
      toast(t('activity.targets.skbNotJson'), 'error');
      return;
    }
    const r = skbYearSchema.safeParse(parsed);
    if (!r.success) {
      const issue = inputIssues(r.error)[0];
      toast(t('activity.targets.skbInvalid', { where: issue.path || '–', what: inputIssueText(t, issue) }), 'error');
      return;
    }
    setTargets({ ...targets, skb: [...targets.skb.filter((y) => y.year !== r.data.year), r.data].sort((a, b) => a.year - b.year) });
    toast(t('activity.targets.skbLoaded', { year: r.data.year, n: r.data.holidays.length }));
  };

  const addHoliday = () => {
    if (!newDate || !newName.trim()) return;
    const rest = targets.holidays.filter((h) => h.date !== newDate);
    setTargets({ ...targets, holidays: [...rest, { date: newDate, name: newName.trim(), kind: newKind }].sort((a, b) => a.date.localeCompare(b.date)) });
    setNewDate('');
    setNewName('');
  };

  return (
    <form className="card targets-panel" onSubmit={save} aria-labelledby="targets-title">
      <h2 id="targets-title">{t('activity.targets.title')}</h2>
      <p className="muted">{t('activity.targets.intro')}</p>

      <fieldset className="targets-channels">
        <legend className="field-label">{t('activity.targets.perChannel')}</legend>
        <div className="grid-3">
          {CHANNELS.map((c) => (
            <label key={c} className="field">
              <span className="field-label">{channelLabel(t, c)}</span>
              <input
                type="number"
                min={0}
                max={20}
                value={targets.perChannel[c]}
                onChange={(e) =>
                  setTargets({ ...targets, perChannel: { ...targets.perChannel, [c]: Math.max(0, Math.min(20, Number(e.target.value) || 0)) } })
                }
              />
            </label>
          ))}
        </div>
        <p className="field-hint">{t('activity.targets.perChannelHint')}</p>
      </fieldset>

      <fieldset>
        <legend className="field-label">{t('activity.targets.days')}</legend>
        {(['every', 'working'] as const).map((d) => (
          <label key={d} className="radio">
            <input type="radio" name="target-days" checked={targets.days === d} onChange={() => setTargets({ ...targets, days: d })} />
            {t(`activity.targets.days.${d}`)}
          </label>
        ))}
      </fieldset>

      <Field label={t('activity.targets.reminder')} hint={t('activity.targets.reminderHint')}>
        <select
          value={targets.reminderHour === null ? '' : String(targets.reminderHour)}
          onChange={(e) => setTargets({ ...targets, reminderHour: e.target.value === '' ? null : Number(e.target.value) })}
        >
          <option value="">{t('activity.targets.reminderOff')}</option>
          {Array.from({ length: 24 }, (_, h) => (
            <option key={h} value={h}>
              {t('activity.targets.reminderAt', { hour: String(h).padStart(2, '0') })}
            </option>
          ))}
        </select>
      </Field>

      <fieldset>
        <legend className="field-label">{t('activity.targets.holidays')}</legend>
        <p className="field-hint">{t('activity.targets.holidaysHint', { source: HOLIDAYS_2026_SOURCE })}</p>
        <ul className="targets-holidays">
          {targets.holidays.map((h) => (
            <li key={h.date}>
              <span className="targets-holiday-date">{formatNewsDate(h.date, lang)}</span>
              <span className="targets-holiday-name">{h.name}</span>
              <span className="badge">{t(`activity.targets.kind.${h.kind}` as MessageKey)}</span>
              <button
                type="button"
                className="ghost"
                aria-label={t('activity.targets.removeHoliday', { date: h.date })}
                onClick={() => setTargets({ ...targets, holidays: targets.holidays.filter((x) => x.date !== h.date) })}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
        <div className="row">
          <label className="field">
            <span className="field-label">{t('activity.targets.holidayDate')}</span>
            <DateField value={newDate} onChange={setNewDate} />
          </label>
          <label className="field targets-holiday-new-name">
            <span className="field-label">{t('activity.targets.holidayName')}</span>
            <input value={newName} maxLength={120} onChange={(e) => setNewName(e.target.value)} />
          </label>
          <label className="field">
            <span className="field-label">{t('activity.targets.holidayKind')}</span>
            <select value={newKind} onChange={(e) => setNewKind(e.target.value as Holiday['kind'])}>
              {HOLIDAY_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`activity.targets.kind.${k}` as MessageKey)}
                </option>
              ))}
            </select>
          </label>
          <button type="button" onClick={addHoliday} disabled={!newDate || !newName.trim()}>
            {t('activity.targets.addHoliday')}
          </button>
          <button
            type="button"
            className="ghost"
            onClick={() => {
              const others = targets.holidays.filter((h) => !h.date.startsWith('2026-'));
              setTargets({ ...targets, holidays: [...others, ...HOLIDAYS_2026].sort((a, b) => a.date.localeCompare(b.date)) });
            }}
          >
            {t('activity.targets.resetHolidays')}
          </button>
        </div>
      </fieldset>

      <fieldset className="targets-skb">
        <legend className="field-label">{t('activity.targets.skb')}</legend>
        <p className="field-hint">{t('activity.targets.skbHint')}</p>
        <ul>
          {skbYears.map((y) => (
            <li key={y.year} data-year={y.year}>
              <strong>{y.year}</strong> · {y.source}
              {y.imported && (
                <button type="button" className="ghost" onClick={() => setTargets({ ...targets, skb: targets.skb.filter((x) => x.year !== y.year) })}>
                  {t('activity.targets.skbRemove')}
                </button>
              )}
            </li>
          ))}
        </ul>
        <label className="field">
          <span className="field-label">{t('activity.targets.skbImport')}</span>
          <input type="file" accept="application/json,.json" onChange={(e) => void importSkb(e.target.files?.[0] ?? null, e.target)} />
        </label>
      </fieldset>

      <fieldset>
        <legend className="field-label">{t('activity.targets.deadlines')}</legend>
        <div className="grid-2">
          <Field label={t('activity.targets.verification')} hint={t('activity.targets.verificationHint')}>
            <input
              type="number"
              min={0}
              max={60}
              value={deadlines.verificationWorkingDays}
              onChange={(e) => setDeadlines({ ...deadlines, verificationWorkingDays: Math.max(0, Math.min(60, Number(e.target.value) || 0)) })}
            />
          </Field>
          <Field label={t('activity.targets.firstReply')} hint={t('activity.targets.firstReplyHint')}>
            <input
              type="number"
              min={0}
              max={60}
              value={deadlines.firstReplyWorkingDays}
              onChange={(e) => setDeadlines({ ...deadlines, firstReplyWorkingDays: Math.max(0, Math.min(60, Number(e.target.value) || 0)) })}
            />
          </Field>
          <Field label={t('activity.targets.urgentFirstReply')} hint={t('activity.targets.urgentFirstReplyHint')}>
            <input
              type="number"
              min={0}
              max={5}
              value={deadlines.urgentFirstReplyWorkingDays}
              onChange={(e) => setDeadlines({ ...deadlines, urgentFirstReplyWorkingDays: Math.max(0, Math.min(5, Number(e.target.value) || 0)) })}
            />
          </Field>
          <Field label={t('activity.targets.finalAnswer')} hint={t('activity.targets.finalAnswerHint')}>
            <input
              type="number"
              min={1}
              max={60}
              value={deadlines.finalAnswerWorkingDays}
              onChange={(e) => setDeadlines({ ...deadlines, finalAnswerWorkingDays: Math.max(1, Math.min(60, Number(e.target.value) || 1)) })}
            />
          </Field>
          <Field label={t('activity.targets.fieldCheck')} hint={t('activity.targets.fieldCheckHint')}>
            <input
              type="number"
              min={1}
              max={60}
              value={deadlines.fieldCheckWorkingDays}
              onChange={(e) => setDeadlines({ ...deadlines, fieldCheckWorkingDays: Math.max(1, Math.min(60, Number(e.target.value) || 1)) })}
            />
          </Field>
        </div>
      </fieldset>

      <button type="submit" className="primary">
        {t('activity.targets.save')}
      </button>
    </form>
  );
}
