import { useEffect, useId, useMemo, useRef, useState, type InputHTMLAttributes } from 'react';
import { createPortal } from 'react-dom';
import { DayPicker } from 'react-day-picker';
import { id as idLocale } from 'react-day-picker/locale/id';
import { enGB } from 'react-day-picker/locale/en-GB';
import 'react-day-picker/style.css';
import { formatDateInput, formatTimeInput, parseDateInput, parseTimeInput } from '@shared/domain/date-input';
import { useI18n } from '@ui/i18n/i18n';

type PassThrough = Pick<InputHTMLAttributes<HTMLInputElement>, 'required' | 'disabled' | 'aria-label' | 'aria-describedby' | 'id' | 'className'>;

const toDate = (iso: string) => new Date(`${iso}T00:00:00`);
const toIso = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

/**
 * A date field in the app's language, not the browser's: typed day first
 * (27/11/2026; 2026-11-27 is read too) or picked on a calendar with
 * Indonesian month and day names (react-day-picker with the date-fns `id`
 * locale). The value is the ISO date ("" when empty).
 */
export function DateField({
  value,
  onChange,
  min,
  max,
  label,
  ...rest
}: PassThrough & { value: string; onChange: (iso: string) => void; min?: string; max?: string; /** The field's visible label, to name its calendar uniquely ("Kalender: Dari"). */ label?: string }) {
  const { t, lang } = useI18n();
  const [text, setText] = useState(formatDateInput(value));
  const [open, setOpen] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const box = useRef<HTMLDivElement>(null);
  const popId = useId();
  const hintId = useId();

  // The field follows the value when it changes from outside (a reset, a saved record).
  useEffect(() => {
    if (parseDateInput(text) !== value) setText(formatDateInput(value));
    // Only a new value from outside rewrites what is typed.
  }, [value]);

  const problem = (typed: string): string => {
    if (!typed.trim()) return '';
    const iso = parseDateInput(typed);
    if (!iso) return t('date.invalid');
    if (min && iso < min) return t('date.tooEarly', { date: formatDateInput(min) });
    if (max && iso > max) return t('date.tooLate', { date: formatDateInput(max) });
    return '';
  };

  const type = (typed: string) => {
    setText(typed);
    const msg = problem(typed);
    input.current?.setCustomValidity(msg);
    if (!typed.trim()) onChange('');
    else if (!msg) onChange(parseDateInput(typed)!);
  };

  useEffect(() => {
    if (!open) return;
    const away = (e: MouseEvent) => box.current && !box.current.contains(e.target as Node) && setOpen(false);
    document.addEventListener('mousedown', away);
    return () => document.removeEventListener('mousedown', away);
  }, [open]);

  const msg = problem(text);
  const calendarName = label ? t('date.calendarFor', { label }) : t('date.calendar');
  return (
    <span className="date-field" ref={box}>
      {/* Hidden, yet read as the field's description (aria-describedby reads hidden text); kept outside the
          <label> that wraps this field, so it never joins the field's name. */}
      {createPortal(
        <span id={hintId} hidden>
          {t('date.hint')}
        </span>,
        document.body,
      )}
      <input
        {...rest}
        ref={input}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        placeholder={t('date.placeholder')}
        value={text}
        aria-invalid={msg ? true : undefined}
        title={msg || undefined}
        aria-keyshortcuts="Alt+ArrowDown"
        aria-describedby={[rest['aria-describedby'], hintId].filter(Boolean).join(' ')}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' && e.altKey) {
            e.preventDefault();
            setOpen(true);
          }
        }}
        onChange={(e) => type(e.target.value)}
        onBlur={() => !problem(text) && value && setText(formatDateInput(value))}
      />
      {/* The field's <label> wraps this component: a named button would join the field's own name, so the
          calendar opens from the field with Alt+↓ and this icon is for the mouse only. */}
      <button
        type="button"
        className="ghost date-field-button"
        aria-hidden="true"
        tabIndex={-1}
        title={calendarName}
        disabled={rest.disabled}
        onClick={() => setOpen(!open)}
      >
        <span aria-hidden="true">▦</span>
      </button>
      {open && (
        <div
          id={popId}
          className="date-field-popover"
          role="dialog"
          aria-label={calendarName}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.stopPropagation();
              setOpen(false);
              input.current?.focus();
            }
          }}
        >
          <DayPicker
            mode="single"
            locale={lang === 'id' ? idLocale : enGB}
            weekStartsOn={1}
            autoFocus
            selected={value ? toDate(value) : undefined}
            defaultMonth={value ? toDate(value) : undefined}
            disabled={[...(min ? [{ before: toDate(min) }] : []), ...(max ? [{ after: toDate(max) }] : [])]}
            onSelect={(d) => {
              if (!d) return;
              const iso = toIso(d);
              setText(formatDateInput(iso));
              input.current?.setCustomValidity('');
              onChange(iso);
              setOpen(false);
              input.current?.focus();
            }}
          />
        </div>
      )}
    </span>
  );
}

/** A 24-hour time field written the Indonesian way ("14.00"; "14:00" and "1400" are read too). The value is "HH:MM" ("" when empty). */
export function TimeField({ value, onChange, ...rest }: PassThrough & { value: string; onChange: (hhmm: string) => void }) {
  const { t, lang } = useI18n();
  const [text, setText] = useState(formatTimeInput(value, lang));
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (parseTimeInput(text) !== value) setText(formatTimeInput(value, lang));
    // Only a new value from outside rewrites what is typed.
  }, [value, lang]);
  const bad = text.trim() !== '' && parseTimeInput(text) === null;
  return (
    <input
      {...rest}
      ref={input}
      type="text"
      inputMode="numeric"
      autoComplete="off"
      className={`time-field${rest.className ? ` ${rest.className}` : ''}`}
      placeholder={t('time.placeholder')}
      value={text}
      aria-invalid={bad ? true : undefined}
      title={bad ? t('time.invalid') : undefined}
      onChange={(e) => {
        const typed = e.target.value;
        setText(typed);
        const hhmm = parseTimeInput(typed);
        e.target.setCustomValidity(typed.trim() && !hhmm ? t('time.invalid') : '');
        if (!typed.trim()) onChange('');
        else if (hhmm) onChange(hhmm);
      }}
      onBlur={() => value && !bad && setText(formatTimeInput(value, lang))}
    />
  );
}

/**
 * A month in the app's language, not the browser's (`<input type=month>`
 * shows "November 2026" or "2026-11" as the computer's locale says): the
 * month by its name from a list, the year typed. The value is "YYYY-MM".
 */
export function MonthField({ value, onChange, label, className }: { value: string; onChange: (yyyymm: string) => void; /** The visible label: names the month list (the year box is "Tahun"). */ label: string; className?: string }) {
  const { t, lang } = useI18n();
  const [year, month] = /^\d{4}-\d{2}$/.test(value) ? value.split('-') : ['', ''];
  const [yearText, setYearText] = useState(year);
  useEffect(() => setYearText(year), [year]);
  const names = useMemo(() => {
    const f = new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'id-ID', { month: 'long', timeZone: 'UTC' });
    return Array.from({ length: 12 }, (_, i) => f.format(new Date(Date.UTC(2000, i, 1))));
  }, [lang]);
  const badYear = !/^\d{4}$/.test(yearText) || Number(yearText) < 2000 || Number(yearText) > 2100;
  return (
    <span className={`month-field${className ? ` ${className}` : ''}`}>
      <select aria-label={label} value={month} onChange={(e) => year && onChange(`${year}-${e.target.value}`)}>
        {names.map((name, i) => (
          <option key={name} value={String(i + 1).padStart(2, '0')}>
            {name}
          </option>
        ))}
      </select>
      <input
        type="text"
        inputMode="numeric"
        autoComplete="off"
        maxLength={4}
        className="month-field-year"
        aria-label={t('date.year')}
        value={yearText}
        aria-invalid={badYear ? true : undefined}
        title={badYear ? t('date.yearInvalid') : undefined}
        onChange={(e) => {
          const typed = e.target.value.trim();
          setYearText(typed);
          const ok = /^\d{4}$/.test(typed) && Number(typed) >= 2000 && Number(typed) <= 2100;
          e.target.setCustomValidity(ok ? '' : t('date.yearInvalid'));
          if (ok && month) onChange(`${typed}-${month}`);
        }}
      />
    </span>
  );
}
