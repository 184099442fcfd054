import { useEffect, useState } from 'preact/hooks';
import { countsOf, isOlderInstance, type OktetoState, readContextShow, validateInstanceUrl } from '../core/okteto';
import { ITEMS } from '../core/storage-items';
import { browser } from '../platform/browser';
import { requestOrigins } from '../platform/permissions';
import { t } from '../ui/i18n';
import { useCommand } from '../ui/use-command';
import { useStored } from '../ui/use-stored';

interface Props {
  okteto?: OktetoState;
  onError: (message: string | undefined) => void;
}

const patternOf = (instance: string) => `*://${new URL(instance).hostname}/*`;

/** Connect to an Okteto instance so the popup offers the user's namespaces from it. */
/** "Connected to <url>: 3 namespaces" (and its preview environments, when it has any). */
const connected = (url: string, state: OktetoState) => {
  const { namespaces, previews } = countsOf(state);
  return previews > 0
    ? t('oktetoConnectedPreviews', url, String(namespaces), String(previews))
    : t('oktetoConnected', url, String(namespaces));
};

export function Okteto({ okteto, onError }: Props) {
  const [url, setUrl] = useState(okteto?.url ?? '');
  const [token, setToken] = useState('');
  const [done, setDone] = useState<string>();
  const managed = useStored(ITEMS.managedStatus);
  const { run } = useCommand(onError);
  useEffect(() => {
    if (okteto?.url) setUrl(okteto.url);
    // An administrator may preset the instance URL; the token is always the user's own.
    else if (managed?.oktetoInstanceUrl) setUrl((u) => u || (managed.oktetoInstanceUrl as string));
  }, [okteto?.url, managed?.oktetoInstanceUrl]);

  /**
   * What `okteto context show --include-token` prints, pasted into either field, fills both. Any
   * other text is taken as typed.
   */
  const paste = (value: string, set: (v: string) => void) => {
    if (!value.trim().startsWith('{')) return set(value);
    const context = readContextShow(value);
    if (context.error !== undefined) {
      set('');
      return onError(context.error);
    }
    onError(undefined);
    setUrl(context.value.url);
    setToken(context.value.token);
    setDone(t('oktetoPasted', context.value.url));
  };

  const connect = (e: Event) => {
    e.preventDefault();
    setDone(undefined);
    const instance = validateInstanceUrl(url);
    if (instance.error !== undefined) return onError(instance.error);
    // Access to the instance, asked inside the click: the API answers the extension without CORS.
    void requestOrigins([patternOf(instance.value)]).then(async (granted) => {
      if (!granted) return onError(t('accessRefused', new URL(instance.value).hostname));
      const reply = await run<OktetoState>({ type: 'connectOkteto', url: instance.value, token });
      if (!reply.ok) return;
      setToken('');
      setDone(connected(instance.value, reply.value as OktetoState));
    });
  };
  const refresh = async () => {
    const reply = await run<OktetoState>({ type: 'refreshOkteto' });
    if (!reply.ok) return;
    const state = reply.value as OktetoState | undefined;
    setDone(state ? connected(state.url, state) : t('oktetoConnected', okteto?.url ?? '', '0'));
  };
  const forget = async () => {
    if (okteto?.url) await browser.permissions.remove({ origins: [patternOf(okteto.url)] }).catch(() => false);
    const reply = await run({ type: 'forgetOkteto' });
    setDone(reply.ok ? t('oktetoForgotten') : undefined);
  };

  return (
    <section aria-labelledby="okteto-h">
      <h2 id="okteto-h">{t('oktetoTitle')}</h2>
      <p class="muted">{t('oktetoIntro')}</p>
      <p class="muted">{t('oktetoPasteHint')}</p>
      <form class="okteto" onSubmit={connect}>
        <label for="okteto-url">{t('oktetoUrlLabel')}</label>
        <input
          id="okteto-url"
          type="url"
          placeholder="https://okteto.example.com"
          value={url}
          onInput={(e) => paste((e.currentTarget as HTMLInputElement).value, setUrl)}
        />
        <label for="okteto-token">{t('oktetoTokenLabel')}</label>
        <input
          id="okteto-token"
          type="password"
          autocomplete="off"
          placeholder={okteto ? t('tokenSaved') : ''}
          value={token}
          onInput={(e) => paste((e.currentTarget as HTMLInputElement).value, setToken)}
        />
        <button type="submit" class="primary">
          {t('oktetoConnect')}
        </button>
      </form>
      {okteto && (
        <p class="muted">
          {t('oktetoState', okteto.url, String(countsOf(okteto).namespaces))}{' '}
          <button type="button" onClick={() => void refresh()}>
            {t('oktetoRefresh')}
          </button>{' '}
          <button type="button" onClick={() => void forget()}>
            {t('forgetToken')}
          </button>
        </p>
      )}
      {okteto && isOlderInstance(okteto) && <p class="muted">{t('oktetoOlder', okteto.url)}</p>}
      {okteto?.error && <p class="attention">{okteto.error}</p>}
      {done && (
        <p role="status" class="done">
          {done}
        </p>
      )}
    </section>
  );
}
