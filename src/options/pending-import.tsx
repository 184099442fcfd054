import type { ComponentChildren } from 'preact';
import { t } from '../ui/i18n';

interface Props {
  /** The preview's heading; none: no import is waiting. */
  title?: string;
  /** What the last applied import did (role status). */
  done?: string;
  onApply: () => void;
  onCancel: () => void;
  children: ComponentChildren;
}

/** An import waiting for the user's word: what it will change, Apply import or Cancel; then what it did. */
export function PendingImport({ title, done, onApply, onCancel, children }: Props) {
  return (
    <>
      {title !== undefined && (
        <section class="preview" aria-label={t('importPreview')}>
          <h3>{title}</h3>
          {children}
          <button type="button" class="primary" onClick={onApply}>
            {t('applyImport')}
          </button>{' '}
          <button type="button" onClick={onCancel}>
            {t('cancel')}
          </button>
        </section>
      )}
      {done && (
        <p role="status" class="done">
          {done}
        </p>
      )}
    </>
  );
}
