import { useCallback, useEffect, useRef, useState } from 'react';
import type { Workspace } from '@shared/domain/workspace';
import { NEW_SETUP, SETUP_STEPS, setupProgress, stepAfter, stepBefore, type SetupState, type SetupStep } from '@shared/setup/guide';
import { api } from '@ui/api/client';
import { ApiError } from '@shared/api/errors';
import { useApp } from '@ui/app/AppContext';
import { errorMessage, useI18n } from '@ui/i18n/i18n';
import { navigate } from '@ui/lib/router';
import { BrandStep, ChannelsStep, FirstPostStep, ProfileStep, TargetsStep, TeamStep } from './SetupSteps';
import { useSetupFacts } from './use-setup-facts';
import { markGuideShown } from './SetupCard';
import './setup.css';

export type SettingsPatch = Omit<Parameters<typeof api.call<'settings.update'>>[1], 'baseRev' | 'setup'>;

/** What every step gets: save its data (and move on), or move without saving. */
export interface StepProps {
  /** Saves the step's data with the guide's place in one write, then opens the next step (unless advance is false). */
  save(patch: SettingsPatch, opts?: { advance: boolean }): Promise<Workspace | null>;
  /** Opens the next step (after a save that did not). */
  advance(): void;
  /** Marks the step as seen without data of its own and opens the next one. */
  confirm(): Promise<void>;
  nav: React.ReactNode;
  busy: boolean;
  error: string;
  setError(message: string): void;
}

/**
 * Panduan penyiapan: the first-run guide (Pengaturan → Panduan penyiapan,
 * and opened by itself on a fresh data folder). Every step can be skipped;
 * the guide resumes on the step it was left on, and typed text waits in a
 * draft until it is saved.
 */
export function SetupGuide() {
  const { t } = useI18n();
  const { workspace, setWorkspace, toast } = useApp();
  const state: SetupState = workspace.setup ?? { ...NEW_SETUP, status: 'done' };
  const [step, setStep] = useState<SetupStep>(state.status === 'done' || state.status === 'skipped' ? 'profile' : state.step);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const facts = useSetupFacts();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const firstRender = useRef(true);
  // The latest revision, so two quick writes never send a stale one.
  const wsRef = useRef(workspace);
  wsRef.current = workspace;

  const write = useCallback(
    async (patch: SettingsPatch, setup: SetupState): Promise<Workspace> => {
      const attempt = async () => {
        const ws = await api.call('settings.update', { baseRev: wsRef.current.rev, ...patch, setup });
        wsRef.current = ws;
        setWorkspace(ws);
        return ws;
      };
      try {
        return await attempt();
      } catch (e) {
        if (!(e instanceof ApiError && e.code === 'conflict' && e.params?.currentRev !== undefined)) throw e;
        // Settings moved on elsewhere (a PIN set, another window): take the current ones. Moving in the
        // guide changes nobody's data, so it simply goes again; a step's data is offered again by its form.
        const fresh = await api.call('settings.get', {});
        wsRef.current = fresh;
        setWorkspace(fresh);
        if (Object.keys(patch).length === 0) return attempt();
        throw e;
      }
    },
    [setWorkspace],
  );

  // Opening the guide once is enough for it to count as started (it then resumes, not restarts).
  useEffect(() => {
    markGuideShown();
    if (workspace.setup?.status === 'new') void write({}, { ...workspace.setup, status: 'started' }).catch(() => undefined);
    // Only on opening.
  }, []);

  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    headingRef.current?.focus();
  }, [step]);

  const placeOf = (s: SetupStep, confirm?: SetupStep): SetupState => {
    const cur = wsRef.current.setup ?? state;
    const confirmed = confirm && !cur.confirmed.includes(confirm) ? [...cur.confirmed, confirm] : cur.confirmed;
    const status = cur.status === 'done' || cur.status === 'skipped' ? cur.status : 'started';
    return { status, step: s, confirmed };
  };

  /** Moves to another step; where the guide stands is remembered (best effort: moving never waits for it). */
  const go = (s: SetupStep) => {
    setError('');
    setStep(s);
    void write({}, placeOf(s)).catch(() => undefined);
  };

  const run = async <T,>(fn: () => Promise<T>): Promise<T | null> => {
    setBusy(true);
    setError('');
    try {
      return await fn();
    } catch (e) {
      setError(errorMessage(t, e));
      return null;
    } finally {
      setBusy(false);
    }
  };

  const next = stepAfter(step);
  const advance = () => {
    if (next) setStep(next);
  };
  const save = (patch: SettingsPatch, opts = { advance: true }) =>
    run(async () => {
      const ws = await write(patch, placeOf(next ?? step, step));
      // The step's tick in the list says it is saved; a toast per step would pile up over the form.
      if (opts.advance) advance();
      return ws;
    });
  const confirm = async () => {
    await save({});
  };

  const skipAll = () => {
    if (!window.confirm(t('setup.skipAllConfirm'))) return;
    void run(async () => {
      await write({}, { ...placeOf(step), status: 'skipped' });
      navigate('home');
    });
  };

  const progress = setupProgress(workspace, facts);
  const index = SETUP_STEPS.indexOf(step);
  const prev = stepBefore(step);

  const nav = (
    <div className="setup-nav row">
      {prev && (
        <button type="button" className="ghost" disabled={busy} onClick={() => go(prev)}>
          {t('setup.back')}
        </button>
      )}
      <span className="spacer" />
      {next && (
        <button type="button" disabled={busy} onClick={() => go(next)}>
          {t('setup.skipStep')}
        </button>
      )}
      <button type="submit" className="primary" disabled={busy}>
        {next ? t('setup.save') : t('setup.finish')}
      </button>
    </div>
  );

  const props: StepProps = { save, advance, confirm, nav, busy, error, setError };

  return (
    <section className="page setup-guide" aria-labelledby="setup-title">
      <header className="page-header">
        <div>
          <h1 id="setup-title">{t('setup.title')}</h1>
          <p className="muted">{t('setup.intro')}</p>
        </div>
        <div className="row">
          <button type="button" className="ghost" onClick={() => navigate('home')}>
            {t('setup.later')}
          </button>
          {state.status !== 'done' && state.status !== 'skipped' && (
            <button type="button" className="ghost" onClick={skipAll}>
              {t('setup.skipAll')}
            </button>
          )}
        </div>
      </header>
      <div className="setup-layout">
        <nav className="setup-steps" aria-label={t('setup.steps')}>
          <ol>
            {SETUP_STEPS.map((s, i) => {
              const done = progress.done.includes(s);
              return (
                <li key={s}>
                  <button
                    type="button"
                    className={`setup-step-link${s === step ? ' current' : ''}${done ? ' done' : ''}`}
                    aria-current={s === step ? 'step' : undefined}
                    onClick={() => go(s)}
                  >
                    <span className="setup-step-mark" aria-hidden="true">
                      {done ? '✓' : i + 1}
                    </span>
                    <span>{t(`setup.step.${s}`)}</span>
                    <span className="sr-only">{done ? t('setup.stepDone') : t('setup.stepTodo')}</span>
                  </button>
                </li>
              );
            })}
          </ol>
        </nav>
        <div className="card setup-panel">
          <p className="muted setup-count">{t('setup.stepOf', { n: index + 1, total: SETUP_STEPS.length })}</p>
          <h2 ref={headingRef} tabIndex={-1}>
            {t(`setup.step.${step}`)}
          </h2>
          <p className="setup-lead">{t(`setup.lead.${step}`)}</p>
          {step === 'profile' && <ProfileStep {...props} />}
          {step === 'brand' && <BrandStep {...props} />}
          {step === 'team' && <TeamStep {...props} />}
          {step === 'targets' && <TargetsStep {...props} />}
          {step === 'channels' && <ChannelsStep {...props} onConnections={facts.reload} />}
          {step === 'firstPost' && (
            <FirstPostStep
              {...props}
              finish={(postId) =>
                run(async () => {
                  await write({}, { ...placeOf('firstPost', 'firstPost'), status: 'done' });
                  toast(t('setup.done'));
                  if (postId) navigate('posts', postId);
                  else navigate('home');
                })
              }
            />
          )}
        </div>
      </div>
    </section>
  );
}
