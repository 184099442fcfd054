import { useEffect, useState } from 'preact/hooks';
import { send } from '../platform/messaging';
import { KEYS, onStorageChange, readAside } from '../platform/store';
import { t } from '../ui/i18n';
import { downloadJson } from './download';

interface Aside {
  blob: unknown;
  reason: string;
  at: number;
}

/** Settings that could not be read (corrupt, or from a newer version) are kept aside: say so, offer them. */
export function SettingsAside() {
  const [aside, setAside] = useState<Aside>();
  useEffect(() => {
    const refresh = () => void readAside().then((a) => setAside(a as Aside | undefined));
    refresh();
    return onStorageChange((area, keys) => area === 'local' && keys.includes(KEYS.settingsAside) && refresh());
  }, []);
  if (!aside) return null;
  const download = () =>
    downloadJson(`divert-switch-settings-kept-aside-${new Date(aside.at).toISOString().slice(0, 10)}.json`, aside.blob);
  return (
    <div class="attention aside">
      <p>{t('asideNotice', aside.reason, new Date(aside.at).toLocaleString())}</p>
      <button type="button" onClick={download}>
        {t('asideExport')}
      </button>{' '}
      <button type="button" onClick={() => void send({ type: 'discardAside' })}>
        {t('asideDiscard')}
      </button>
    </div>
  );
}
