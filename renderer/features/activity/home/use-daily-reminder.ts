import { useEffect } from 'react';
import { api } from '@ui/api/client';
import { useApp } from '@ui/app/AppContext';
import { useI18n } from '@ui/i18n/i18n';
import { setupPending } from '@shared/setup/guide';

const CHECK_MS = 5 * 60_000;
const KEY = 'redaksi.reminded';

/**
 * The daily "nothing out yet" reminder, wherever the user is in the app:
 * a desktop notification in Electron, an in-app toast in a browser (Beranda
 * also shows its banner). Once a day, and only after the configured hour.
 */
export function useDailyReminder(): void {
  const { t } = useI18n();
  const { toast, workspace } = useApp();
  const pending = setupPending(workspace);
  useEffect(() => {
    // No alarm while the first-run guide waits: the targets it counts against are not set yet.
    if (pending) return;
    let live = true;
    const check = async () => {
      try {
        const o = await api.call('activity.overview', {});
        if (!live || !o.reminderDue || o.reminderHour === null || localStorage.getItem(KEY) === o.today) return;
        localStorage.setItem(KEY, o.today);
        const title = t('home.reminder.title');
        const body = t('home.reminder.body', { hour: String(o.reminderHour).padStart(2, '0') });
        const { shown } = await api.call('app.notify', { title, body });
        if (!shown) toast(`${title} — ${body}`, 'info', 30_000);
      } catch {
        // The reminder is a nudge: a failed check waits for the next one.
      }
    };
    const first = setTimeout(check, 3000);
    const timer = setInterval(check, CHECK_MS);
    return () => {
      live = false;
      clearTimeout(first);
      clearInterval(timer);
    };
  }, [t, toast, pending]);
}
