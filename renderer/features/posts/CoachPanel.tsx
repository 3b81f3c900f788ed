import { memo, useState } from 'react';
import { RULES } from '../../../shared/news/rules/catalog';
import type { CoachField, Finding } from '../../../shared/news/types';
import { useI18n } from '../../i18n/i18n';

export interface FindingActions {
  apply(f: Finding, replacement?: string): void;
  dismiss(f: Finding): void;
  undismiss(f: Finding): void;
  addWord(f: Finding): void;
  locate(f: Finding): void;
}

const FIELD_KEY: Record<CoachField, 'news.field.title' | 'news.field.dateline' | 'news.field.lead' | 'news.field.body' | 'news.field.author'> = {
  title: 'news.field.title',
  dateline: 'news.field.dateline',
  lead: 'news.field.lead',
  bodyMd: 'news.field.body',
  authorCredit: 'news.field.author',
};

/** One finding with its actions: fix, suggestions, add to dictionary, dismiss, explanation. */
export function FindingCard({ f, actions, compact }: { f: Finding; actions: FindingActions; compact?: boolean }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const rule = RULES[f.ruleId];
  return (
    <div className={`finding finding-${f.severity}`} data-rule={f.ruleId} data-testid="finding">
      <div className="finding-head">
        <span className={`sev sev-${f.severity}`}>{t(`news.severity.${f.severity}`)}</span>
        <span className="finding-where muted">{t(FIELD_KEY[f.field])}</span>
      </div>
      <p className="finding-message">
        {!compact && f.end > f.start ? (
          <button type="button" className="linklike" onClick={() => actions.locate(f)} title={t('news.locate')}>
            {f.message}
          </button>
        ) : (
          f.message
        )}
      </p>
      <div className="row finding-actions">
        {f.fix && (
          <button type="button" className="primary small" onClick={() => actions.apply(f)}>
            {f.fix.label}
          </button>
        )}
        {f.suggestions?.map((s) => (
          <button type="button" key={s} className="small" onClick={() => actions.apply(f, s)}>
            {t('news.useSuggestion', { word: s })}
          </button>
        ))}
        {f.ruleId === 'spell.unknown' && (
          <button type="button" className="small" onClick={() => actions.addWord(f)}>
            {t('news.addToDictionary')}
          </button>
        )}
        <button type="button" className="ghost small" onClick={() => actions.dismiss(f)}>
          {t('news.dismiss')}
        </button>
        <button type="button" className="ghost small" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? t('news.hideWhy') : t('news.why')}
        </button>
      </div>
      {open && rule && (
        <div className="finding-why">
          <p>
            <strong>{rule.title}.</strong> {rule.explanation}
          </p>
          <p className="muted">
            {t('news.source')}: {rule.source}
          </p>
        </div>
      )}
    </div>
  );
}

interface PanelProps {
  findings: Finding[];
  dismissed: Finding[];
  actions: FindingActions;
}

/** What the list shows; offsets move while typing but do not change the list. */
function signature(fs: Finding[]): string {
  return fs.map((f) => `${f.key}\u0001${f.message}\u0001${f.fix?.replacement ?? ''}\u0001${f.suggestions?.join(',') ?? ''}`).join('\u0002');
}

/**
 * The side list of findings, most severe first, with dismissed ones
 * restorable. Re-renders only when the list itself changes (actions resolve
 * the current offsets by key), so typing in a long article stays cheap.
 */
export const CoachPanel = memo(CoachPanelView, (a, b) => signature(a.findings) === signature(b.findings) && signature(a.dismissed) === signature(b.dismissed));

function CoachPanelView({ findings, dismissed, actions }: PanelProps) {
  const { t } = useI18n();
  const [showDismissed, setShowDismissed] = useState(false);
  const order = { error: 0, warning: 1, info: 2 } as const;
  const sorted = [...findings].sort((a, b) => order[a.severity] - order[b.severity]);
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return (
    <section className="coach" aria-label={t('news.coach')}>
      <p className="coach-summary" role="status">
        {findings.length === 0
          ? t('news.noFindings')
          : t('news.findingCounts', { error: counts.error, warning: counts.warning, info: counts.info })}
      </p>
      <ul className="finding-list">
        {sorted.map((f) => (
          <li key={`${f.key}@${f.field}:${f.start}`}>
            <FindingCard f={f} actions={actions} />
          </li>
        ))}
      </ul>
      {dismissed.length > 0 && (
        <div className="dismissed">
          <button type="button" className="ghost small" aria-expanded={showDismissed} onClick={() => setShowDismissed(!showDismissed)}>
            {t('news.dismissedCount', { n: dismissed.length })}
          </button>
          {showDismissed && (
            <ul className="finding-list">
              {dismissed.map((f) => (
                <li key={`${f.key}@${f.start}`} className="finding finding-dismissed">
                  <span>{f.message}</span>
                  <button type="button" className="small" onClick={() => actions.undismiss(f)}>
                    {t('news.undismiss')}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
