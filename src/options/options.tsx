import { useState } from 'preact/hooks';
import { fetchHosts } from '../core/callers';
import { browser } from '../platform/browser';
import { canMergeHeaders } from '../platform/requests';
import { t } from '../ui/i18n';
import { Switch } from '../ui/switch';
import { useCommand } from '../ui/use-command';
import { useExtensionState } from '../ui/use-settings';
import { SettingsAside } from './aside';
import { Callers } from './callers';
import { Domains } from './domains';
import { HeaderImportSection } from './header-import';
import { Okteto } from './okteto';
import { Presets } from './presets';
import { Sync } from './sync';
import { Team } from './team';

export function Options() {
  const { settings, origins, loaded, oktetos } = useExtensionState();
  const [error, setError] = useState<string>();
  const { run } = useCommand(setError);
  /** "Tell me when my namespace changes": the notifications permission is asked for in the click, and given back when off. */
  const notifyChanges = async (notify: boolean) => {
    if (notify && !(await browser.permissions.request({ permissions: ['notifications'] }).catch(() => false)))
      return setError(t('notifyRefused'));
    await run({ type: 'setNotifyChanges', notify });
    if (!notify) await browser.permissions.remove({ permissions: ['notifications'] }).catch(() => false);
  };

  return (
    <div class="options" aria-busy={!loaded}>
      <header>
        <img src="/icons/icon-48.png" alt="" width={32} height={32} />
        <h1>{t('extShortName')}</h1>
      </header>
      <p class="muted">{t('optionsIntro')}</p>
      <p>
        <code>baggage: okteto-divert=&lt;namespace&gt;</code>
      </p>
      <SettingsAside onError={setError} />
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      <Domains settings={settings} origins={origins} onError={setError} />
      <Presets settings={settings} onError={setError} />
      <Okteto oktetos={oktetos} onError={setError} />
      <Team settings={settings} onError={setError} />
      <HeaderImportSection settings={settings} onError={setError} />
      <Callers
        origins={origins}
        fetched={fetchHosts(
          settings,
          oktetos.map((i) => i.url),
        )}
        onError={setError}
      />
      <section aria-labelledby="general-h">
        <h2 id="general-h">{t('general')}</h2>
        <div class="rows">
          <Switch label={t('pause')} checked={settings.paused} onChange={(paused) => void run({ type: 'setPaused', paused })} />
          <Switch
            label={t('showPageBadge')}
            checked={settings.showPageBadge}
            onChange={(show) => void run({ type: 'setShowPageBadge', show })}
          />
          <div>
            <Switch
              label={t('reloadAfterChange')}
              checked={settings.reloadAfterChange !== false}
              onChange={(reload) => void run({ type: 'setReloadAfterChange', reload })}
            />
            <p class="muted">{t('reloadAfterChangeHint')}</p>
          </div>
          <div>
            <Switch
              label={t('notifyChanges')}
              checked={settings.notifyChanges === true}
              onChange={(notify) => void notifyChanges(notify)}
            />
            <p class="muted">{t('notifyChangesHint')}</p>
          </div>
          <div>
            <Switch
              label={t('bypassWorker')}
              checked={settings.bypassWorkerInPinnedTabs === true}
              onChange={(bypass) => void run({ type: 'setBypassWorker', bypass })}
            />
            <p class="muted">{t('bypassWorkerHint')}</p>
          </div>
          {canMergeHeaders() ? (
            <p class="muted">{t('keepPageBaggageFirefox')}</p>
          ) : (
            <div>
              <Switch
                label={t('keepPageBaggage')}
                checked={settings.keepPageBaggage === true}
                onChange={(keep) => void run({ type: 'setKeepPageBaggage', keep })}
              />
              <p class="muted">{t('keepPageBaggageHint')}</p>
            </div>
          )}
          <Sync onError={setError} />
        </div>
      </section>
    </div>
  );
}
