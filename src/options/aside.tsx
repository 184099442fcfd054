import { ITEMS } from '../core/storage-items';
import { t } from '../ui/i18n';
import { useCommand } from '../ui/use-command';
import { useStored } from '../ui/use-stored';
import { downloadJson } from './download';

/**
 * Settings kept aside (unreadable, from a newer version, or as they were before sync was turned
 * on): say so, and offer them for export.
 */
export function SettingsAside({ onError }: { onError: (message: string | undefined) => void }) {
  const aside = useStored(ITEMS.settingsAside);
  const { run } = useCommand(onError);
  if (!aside) return null;
  const download = () =>
    downloadJson(`divert-switch-settings-kept-aside-${new Date(aside.at).toISOString().slice(0, 10)}.json`, aside.blob);
  return (
    <div class="attention aside">
      <p>{t('asideNotice', aside.reason, new Date(aside.at).toLocaleString())}</p>
      <button type="button" onClick={download}>
        {t('asideExport')}
      </button>{' '}
      <button type="button" onClick={() => void run({ type: 'discardAside' })}>
        {t('asideDiscard')}
      </button>
    </div>
  );
}
