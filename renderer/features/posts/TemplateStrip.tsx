import type { PostContent } from '@shared/domain/post';
import { TEMPLATES } from '@shared/posts/templates';
import { useI18n } from '@ui/i18n/i18n';

/** Offered while a new post is still empty: start from a template with guiding placeholders. */
export function TemplateStrip({ onPick }: { onPick(patch: Partial<PostContent>): void }) {
  const { t } = useI18n();
  return (
    <section className="template-strip card" aria-label={t('posts.templates')}>
      <h2>{t('posts.templatesTitle')}</h2>
      <p className="muted">{t('posts.templatesHint')}</p>
      <div className="template-grid">
        {TEMPLATES.map((tp) => (
          <button key={tp.id} type="button" className="template-card" onClick={() => onPick({ ...tp.content, template: tp.id })}>
            <strong>{t(`posts.tpl.${tp.id}`)}</strong>
            <span className="muted">{t(`posts.tpl.${tp.id}.desc`)}</span>
          </button>
        ))}
      </div>
    </section>
  );
}
