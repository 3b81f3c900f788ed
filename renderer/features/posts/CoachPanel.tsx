import { memo, useState } from 'react';
import { groupFindings, type FindingGroup } from '@shared/posts/coach-groups';
import { RULES } from '@shared/posts/rules/catalog';
import type { CoachField, Finding } from '@shared/posts/types';
import { useI18n } from '@ui/i18n/i18n';

export interface FindingActions {
  apply(f: Finding, replacement?: string): void;
  dismiss(f: Finding): void;
  undismiss(f: Finding): void;
  addWord(f: Finding): void;
  locate(f: Finding): void;
  /** Apply the fixes of every finding of a group ("Perbaiki semua"). */
  applyAll(fs: Finding[]): void;
  /** Add every unknown capitalised word of the post to the workspace dictionary. */
  addNames(names: string[]): void;
}

const FIELD_KEY: Record<CoachField, 'posts.field.title' | 'posts.field.dateline' | 'posts.field.lead' | 'posts.field.body' | 'posts.field.author'> = {
  title: 'posts.field.title',
  dateline: 'posts.field.dateline',
  lead: 'posts.field.lead',
  bodyMd: 'posts.field.body',
  authorCredit: 'posts.field.author',
};

/** One finding with its actions: fix, suggestions, add to dictionary, dismiss, explanation. */
export function FindingCard({ f, actions, compact, group }: { f: Finding; actions: FindingActions; compact?: boolean; group?: Finding[] }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const rule = RULES[f.ruleId];
  return (
    <div className={`finding finding-${f.severity}`} data-rule={f.ruleId} data-testid="finding">
      <div className="finding-head">
        <span className={`sev sev-${f.severity}`}>{t(`posts.severity.${f.severity}`)}</span>
        <span className="finding-where muted">{t(FIELD_KEY[f.field])}</span>
        {group && group.length > 1 && <span className="finding-count muted">{t('posts.groupCount', { n: group.length })}</span>}
      </div>
      <p className="finding-message">
        {!compact && f.end > f.start ? (
          <button type="button" className="linklike" onClick={() => actions.locate(f)} title={t('posts.locate')}>
            {f.message}
          </button>
        ) : (
          f.message
        )}
      </p>
      <div className="row finding-actions">
        {group && group.length > 1 && group.some((g) => g.fix) && (
          <button type="button" className="primary small" onClick={() => actions.applyAll(group)}>
            {t('posts.fixAll', { n: group.filter((g) => g.fix).length })}
          </button>
        )}
        {f.fix && (
          <button type="button" className="primary small" onClick={() => actions.apply(f)}>
            {f.fix.label}
          </button>
        )}
        {f.suggestions?.map((s) => (
          <button type="button" key={s} className="small" onClick={() => actions.apply(f, s)}>
            {t('posts.useSuggestion', { word: s })}
          </button>
        ))}
        {f.ruleId === 'spell.unknown' && (
          <button type="button" className="small" onClick={() => actions.addWord(f)}>
            {t('posts.addToDictionary')}
          </button>
        )}
        <button type="button" className="ghost small" onClick={() => actions.dismiss(f)}>
          {t('posts.dismiss')}
        </button>
        <button type="button" className="ghost small" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? t('posts.hideWhy') : t('posts.why')}
        </button>
      </div>
      {open && rule && (
        <div className="finding-why">
          <p>
            <strong>{rule.title}.</strong> {rule.explanation}
          </p>
          <p className="muted">
            {t('posts.source')}: {rule.source}
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
  /** Capitalised words no list knows (from the speller), offered for the dictionary in one click. */
  names?: readonly string[];
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
export const CoachPanel = memo(
  CoachPanelView,
  (a, b) => signature(a.findings) === signature(b.findings) && signature(a.dismissed) === signature(b.dismissed) && (a.names ?? []).join('|') === (b.names ?? []).join('|'),
);

function GroupItem({ g, actions }: { g: FindingGroup; actions: FindingActions }) {
  const f = g.findings[0];
  return (
    <li>
      <FindingCard f={f} actions={actions} group={g.findings} />
    </li>
  );
}

function CoachPanelView({ findings, dismissed, actions, names = [] }: PanelProps) {
  const { t } = useI18n();
  const [showDismissed, setShowDismissed] = useState(false);
  const [showNotes, setShowNotes] = useState(false);
  const { main, notes } = groupFindings(findings);
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return (
    <section className="coach" aria-label={t('posts.coach')}>
      <p className="coach-summary" role="status">
        {findings.length === 0
          ? t('posts.noFindings')
          : t('posts.findingCounts', { error: counts.error, warning: counts.warning, info: counts.info })}
      </p>
      {names.length > 0 && (
        <div className="row">
          <button type="button" className="small" title={t('posts.namesHint', { names: names.join(', ') })} onClick={() => actions.addNames([...names])}>
            {t('posts.addAllNames', { n: names.length })}
          </button>
        </div>
      )}
      <ul className="finding-list">
        {main.map((g) => (
          <GroupItem key={`${g.key}@${g.findings[0].field}:${g.findings[0].start}`} g={g} actions={actions} />
        ))}
      </ul>
      {notes.length > 0 && (
        <div className="coach-notes">
          <button type="button" className="ghost small" aria-expanded={showNotes} onClick={() => setShowNotes(!showNotes)}>
            {t('posts.notes', { n: notes.reduce((n, g) => n + g.findings.length, 0) })}
          </button>
          {showNotes && (
            <ul className="finding-list">
              {notes.map((g) => (
                <GroupItem key={`${g.key}@${g.findings[0].field}:${g.findings[0].start}`} g={g} actions={actions} />
              ))}
            </ul>
          )}
        </div>
      )}
      {dismissed.length > 0 && (
        <div className="dismissed">
          <button type="button" className="ghost small" aria-expanded={showDismissed} onClick={() => setShowDismissed(!showDismissed)}>
            {t('posts.dismissedCount', { n: dismissed.length })}
          </button>
          {showDismissed && (
            <ul className="finding-list">
              {dismissed.map((f) => (
                <li key={`${f.key}@${f.start}`} className="finding finding-dismissed">
                  <span>{f.message}</span>
                  <button type="button" className="small" onClick={() => actions.undismiss(f)}>
                    {t('posts.undismiss')}
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
