import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { AppInfo } from '@shared/api/contract';
import type { Workspace } from '@shared/domain/workspace';
import { api } from '@ui/api/client';
import { I18nProvider, errorMessage, makeT } from '@ui/i18n/i18n';
import { href, useRoute, type Section } from '@ui/lib/router';
import { Home } from '@ui/features/activity/home/Home';
import { ProfileSwitcher } from '@ui/features/review/ProfileSwitcher';
import { SyncStatusLine } from '@ui/features/sync/SyncStatusLine';
import { useDailyReminder } from '@ui/features/activity/home/use-daily-reminder';
import { AppContext, useApp, type AppState } from './AppContext';
import { Notices } from './Notices';
import { useI18n } from '@ui/i18n/i18n';

// Each area loads when first opened, so the first screen starts small (target: < 300 KB gzipped JS).
const ComplaintsArea = lazy(() => import('@ui/features/complaints/ComplaintsArea').then((m) => ({ default: m.ComplaintsArea })));
const ActivityArea = lazy(() => import('@ui/features/activity/ActivityArea').then((m) => ({ default: m.ActivityArea })));
const MediaArea = lazy(() => import('@ui/features/media/MediaArea').then((m) => ({ default: m.MediaArea })));
const PostsArea = lazy(() => import('@ui/features/posts/PostsArea').then((m) => ({ default: m.PostsArea })));
const QueueArea = lazy(() => import('@ui/features/publishing/QueueArea').then((m) => ({ default: m.QueueArea })));
const ReviewScreen = lazy(() => import('@ui/features/review/ReviewScreen').then((m) => ({ default: m.ReviewScreen })));
const PantauanArea = lazy(() => import('@ui/features/pantauan/PantauanArea').then((m) => ({ default: m.PantauanArea })));
const Settings = lazy(() => import('@ui/features/settings/Settings').then((m) => ({ default: m.Settings })));

interface Toast {
  id: number;
  message: string;
  kind: 'info' | 'error';
}

const NAV: { section: Section; key: Parameters<ReturnType<typeof makeT>>[0]; icon: string }[] = [
  { section: 'home', key: 'nav.home', icon: '⌂' },
  { section: 'posts', key: 'nav.posts', icon: '✎' },
  { section: 'media', key: 'nav.media', icon: '▣' },
  { section: 'publishing', key: 'nav.publishing', icon: '⇪' },
  { section: 'complaints', key: 'nav.complaints', icon: '✉' },
  { section: 'activity', key: 'nav.activity', icon: '▤' },
  { section: 'pantauan', key: 'nav.pantauan', icon: '◉' },
  { section: 'settings', key: 'nav.settings', icon: '⚙' },
];

export function App() {
  const [workspace, setWorkspace] = useState<Workspace | null>(null);
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [fatal, setFatal] = useState<unknown>(null);
  const [toasts, setToasts] = useState<Toast[]>([]);
  const nextToast = useRef(1);

  const refreshInfo = useCallback(async () => setInfo(await api.call('app.info', {})), []);

  useEffect(() => {
    Promise.all([api.call('settings.get', {}), api.call('app.info', {})]).then(
      ([ws, inf]) => {
        setWorkspace(ws);
        setInfo(inf);
      },
      setFatal,
    );
  }, []);

  const dismissToast = useCallback((id: number) => setToasts((ts) => ts.filter((x) => x.id !== id)), []);

  const toast = useCallback((message: string, kind: 'info' | 'error' = 'info', durationMs?: number) => {
    const id = nextToast.current++;
    setToasts((ts) => [...ts, { id, message, kind }]);
    setTimeout(() => setToasts((ts) => ts.filter((t) => t.id !== id)), durationMs ?? (kind === 'error' ? 6000 : 3000));
  }, []);

  const state = useMemo<AppState | null>(
    () => (workspace && info ? { workspace, info, setWorkspace, refreshInfo, toast } : null),
    [workspace, info, refreshInfo, toast],
  );

  const lang = workspace?.language ?? 'id';
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  if (fatal) {
    const t = makeT('id');
    return (
      <div className="fatal" role="alert">
        <h1>{t('app.name')}</h1>
        <p>{errorMessage(t, fatal)}</p>
        <button onClick={() => window.location.reload()}>{t('common.retry')}</button>
      </div>
    );
  }
  if (!state) return <div className="loading">{makeT(lang)('common.loading')}</div>;

  return (
    <I18nProvider lang={lang}>
      <AppContext.Provider value={state}>
        <Shell toasts={toasts} dismiss={dismissToast} />
      </AppContext.Provider>
    </I18nProvider>
  );
}

function Shell({ toasts, dismiss }: { toasts: Toast[]; dismiss: (id: number) => void }) {
  const { t } = useI18n();
  const { workspace } = useApp();
  const route = useRoute();
  useDailyReminder();
  const mainRef = useRef<HTMLElement>(null);

  return (
    <div className="shell">
      <a className="skip-link" href="#main" onClick={(e) => (e.preventDefault(), mainRef.current?.focus())}>
        {t('nav.skip')}
      </a>
      <nav className="sidebar" aria-label={t('nav.label')}>
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">R</span>
          <span>
            <strong>{t('app.name')}</strong>
            <small>{t('app.tagline')}</small>
          </span>
        </div>
        <ul>
          {/* Pantauan OPD only on Diskominfo's PC (Pengaturan → Pantauan). */}
          {NAV.filter((n) => n.section !== 'pantauan' || workspace.pantauan.monitor).map((n) => (
            <li key={n.section}>
              <a href={href(n.section)} aria-current={route.section === n.section ? 'page' : undefined}>
                <span className="nav-icon" aria-hidden="true">{n.icon}</span>
                {t(n.key)}
              </a>
            </li>
          ))}
        </ul>
        <SyncStatusLine />
        <ProfileSwitcher />
      </nav>
      <main id="main" ref={mainRef} tabIndex={-1}>
        <Notices />
        <Area section={route.section} rest={route.rest} />
      </main>
      <div className="toasts" aria-live="polite">
        {/* The newest two: a pile of messages would hide the screen they talk about. */}
        {toasts.slice(-2).map((ts) => (
          <div key={ts.id} className={`toast toast-${ts.kind}`} role={ts.kind === 'error' ? 'alert' : 'status'}>
            <span>{ts.message}</span>
            <button className="toast-close" aria-label={t('common.close')} title={t('common.close')} onClick={() => dismiss(ts.id)}>
              ×
            </button>
          </div>
        ))}
      </div>
    </div>
  );
}

function Area(props: { section: Section; rest: string[] }) {
  const { t } = useI18n();
  return (
    <Suspense fallback={<p className="loading">{t('common.loading')}</p>}>
      <AreaOf {...props} />
    </Suspense>
  );
}

function AreaOf({ section, rest }: { section: Section; rest: string[] }) {
  switch (section) {
    case 'home':
      return <Home />;
    case 'posts':
      if (rest[0] && rest[1] === 'review') return <ReviewScreen key={rest[0]} postId={rest[0]} />;
      return <PostsArea postId={rest[0]} />;
    case 'settings':
      return <Settings />;
    case 'media':
      return <MediaArea rest={rest} />;
    case 'publishing':
      return <QueueArea rest={rest} />;
    case 'complaints':
      return <ComplaintsArea rest={rest} />;
    case 'activity':
      return <ActivityArea />;
    case 'pantauan':
      return <PantauanArea rest={rest} />;
  }
}
