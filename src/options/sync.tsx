import { useEffect, useState } from 'preact/hooks';
import { send } from '../platform/messaging';
import { onStorageChange, readSyncState, SYNC_STATE, type SyncState } from '../platform/store';
import { t } from '../ui/i18n';
import { Switch } from '../ui/switch';

/** Opt-in sync of domains, presets and choices (never tokens or tab pins) through the browser's account. */
export function Sync({ onError }: { onError: (message: string | undefined) => void }) {
  const [state, setState] = useState<SyncState>();
  useEffect(() => {
    const refresh = () => void readSyncState().then(setState);
    refresh();
    return onStorageChange((area, keys) => area === 'local' && keys.includes(SYNC_STATE) && refresh());
  }, []);
  const toggle = async (enabled: boolean) => {
    const reply = await send({ type: 'setSync', enabled });
    onError(reply.ok ? undefined : reply.error);
  };
  return (
    <div class="sync">
      <Switch label={t('syncLabel')} checked={!!state?.enabled} onChange={(on) => void toggle(on)} />
      <p class="muted">{t('syncIntro')}</p>
      {state?.enabled && state.lastSync && <p class="muted">{t('syncLast', new Date(state.lastSync).toLocaleString())}</p>}
      {state?.enabled && state.error && <p class="attention">{state.error}</p>}
    </div>
  );
}
