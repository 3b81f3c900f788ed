import { SETUP_STEPS, setupProgress } from '@shared/setup/guide';
import { useApp } from '@ui/app/AppContext';
import { useI18n } from '@ui/i18n/i18n';
import { href, parseRoute } from '@ui/lib/router';
import { useSetupFacts } from './use-setup-facts';
import './setup.css';

export const SETUP_HREF = `${href('settings')}/setup`;

/** The guide opens by itself once per launch while setup waits; once seen (however reached), Beranda stays Beranda. */
let guideShown = false;
export function markGuideShown(): void {
  guideShown = true;
}
export function openGuideOnce(): void {
  if (guideShown) return;
  guideShown = true;
  // Only from Beranda itself: a person who already went elsewhere is never pulled back.
  if (parseRoute(window.location.hash).section !== 'home') return;
  window.location.replace(SETUP_HREF);
}

/** Beranda while setup waits: where the guide stands and the way back into it. */
export function SetupCard() {
  const { t } = useI18n();
  const { workspace } = useApp();
  const facts = useSetupFacts();
  const { done } = setupProgress(workspace, facts);
  const step = workspace.setup?.step ?? 'profile';
  const fresh = workspace.setup?.status === 'new';
  return (
    <section className="card setup-card" aria-labelledby="setup-card-h">
      <h2 id="setup-card-h">{t('setup.card.title')}</h2>
      <p>{t('setup.card.progress', { done: done.length, total: SETUP_STEPS.length })}</p>
      <ol className="setup-card-steps">
        {SETUP_STEPS.map((s) => (
          <li key={s} className={done.includes(s) ? 'done' : undefined}>
            <span aria-hidden="true">{done.includes(s) ? '✓' : '○'}</span> {t(`setup.step.${s}`)}
            <span className="sr-only"> ({done.includes(s) ? t('setup.stepDone') : t('setup.stepTodo')})</span>
          </li>
        ))}
      </ol>
      <p className="muted">{t('setup.card.reminderHeld')}</p>
      <a className="button primary" href={SETUP_HREF}>
        {fresh ? t('setup.card.start') : t('setup.card.resume', { step: t(`setup.step.${step}`) })}
      </a>
    </section>
  );
}
