import { ITEMS } from '../core/storage-items';
import { refusedMessage } from '../core/sync';
import { t, words } from '../ui/i18n';
import { Switch } from '../ui/switch';
import { useCommand } from '../ui/use-command';
import { useStored } from '../ui/use-stored';

/** Opt-in sync of domains, presets and choices (never tokens or tab pins) through the browser's account. */
export function Sync({ onError }: { onError: (message: string | undefined) => void }) {
  const state = useStored(ITEMS.syncState);
  const { run } = useCommand(onError);
  return (
    <div class="sync">
      <Switch label={t('syncLabel')} checked={!!state?.enabled} onChange={(enabled) => void run({ type: 'setSync', enabled })} />
      <p class="muted">{t('syncIntro')}</p>
      {state?.enabled && state.lastSync && <p class="muted">{t('syncLast', new Date(state.lastSync).toLocaleString())}</p>}
      {state?.enabled && state.error && <p class="attention">{state.error}</p>}
      {state?.enabled && refusedMessage(words, state.refused) && <p class="attention">{refusedMessage(words, state.refused)}</p>}
    </div>
  );
}
