import type { Command } from '../core/messages';
import { isGoing, type OktetoState } from '../core/okteto';
import type { PopupView } from '../core/popup-view';
import type { Settings } from '../core/settings';
import { t } from '../ui/i18n';

interface NoticeProps {
  host?: string;
  view: PopupView;
  settings: Settings;
  okteto?: OktetoState;
  /** More than one Okteto instance is connected: say which one this site's facts come from. */
  instances: number;
  pinOn: boolean;
  run: (cmd: Command) => Promise<boolean>;
  change: (cmd: Command) => Promise<boolean>;
  askAccessThen: (domain: string, cmd: Command) => void;
}

/** What stands between the tab and its divert, each with its way out: an override, pause, access. */
export function SiteNotices({ host, view, settings, okteto, instances, pinOn, run, change, askAccessThen }: NoticeProps) {
  const { entry, namespace, diverted, granted, target } = view;
  return (
    <>
      {entry?.namespace && !pinOn && host && (
        <p class="entry">
          {t('overrideNote', view.where ?? host, entry.namespace)}
          <button
            type="button"
            class="link"
            onClick={() => void change({ type: 'setDomainNamespace', domain: entry.domain, namespace: null })}
          >
            {settings.activeNamespace ? t('useDefaultNs', settings.activeNamespace) : t('useDefault')}
          </button>
        </p>
      )}
      {instances > 1 && okteto && <p class="muted">{t('fromInstance', new URL(okteto.url).host)}</p>}
      {view.missing && !isGoing(okteto?.statuses?.[namespace]) && <p class="attention">{t('notInOkteto', namespace)}</p>}
      {settings.paused && (
        <p class="attention">
          {t('pausedKept')}{' '}
          <button type="button" onClick={() => void run({ type: 'setPaused', paused: false })}>
            {t('resume')}
          </button>
        </p>
      )}
      {diverted && !granted && target && (
        <p class="attention">
          {t('needsAccess', target)}{' '}
          <button
            type="button"
            onClick={() => askAccessThen(target, { type: 'setDomainEnabled', domain: target, enabled: true })}
          >
            {t('grantAccess')}
          </button>
        </p>
      )}
    </>
  );
}
