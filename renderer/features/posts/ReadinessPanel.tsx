import { useMemo } from 'react';
import type { Post, PostContent } from '@shared/domain/post';
import type { Workspace } from '@shared/domain/workspace';
import { readinessChecklist } from '@shared/posts/checklist';
import { useI18n } from '@ui/i18n/i18n';

/** "Siap ditinjau?": the same checklist the review desk sees. */
export function ReadinessPanel({ post, draft, workspace, misspelled }: { post: Post; draft: PostContent; workspace: Workspace; misspelled: ReadonlyMap<string, readonly string[]> }) {
  const { t } = useI18n();
  const items = useMemo(() => readinessChecklist({ ...post, ...draft }, workspace, { misspelled }), [post, draft, workspace, misspelled]);
  const ready = items.every((i) => i.ok);
  return (
    <section className="readiness" aria-label={t('posts.readiness')}>
      <p className={ready ? 'ready-yes' : 'ready-no'} role="status">
        {ready ? t('posts.readyYes') : t('posts.readyNo', { n: items.filter((i) => !i.ok).length })}
      </p>
      <ul className="checklist">
        {items.map((i) => (
          <li key={i.id} className={i.ok ? 'ok' : 'todo'}>
            <span aria-hidden="true">{i.ok ? '✓' : '✗'}</span> {i.label}
            <span className="sr-only">{i.ok ? t('posts.checkOk') : t('posts.checkTodo')}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
