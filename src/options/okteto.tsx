import { useEffect, useState } from 'preact/hooks';
import { countsOf, type OktetoState } from '../core/okteto';
import { isOlderInstance } from '../core/okteto-api';
import { readContextShow, validateInstanceUrl } from '../core/okteto-connect';
import { ITEMS } from '../core/storage-items';
import { browser } from '../platform/browser';
import { requestOrigins } from '../platform/permissions';
import { said, t } from '../ui/i18n';
import { useCommand } from '../ui/use-command';
import { useStored } from '../ui/use-stored';

interface Props {
  oktetos: OktetoState[];
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

export function Okteto({ oktetos, onError }: Props) {
  // One instance: the form is its own (reconnect with a new token); more: the form adds or updates one.
  const okteto = oktetos.length === 1 ? oktetos[0] : undefined;
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
      return onError(said(context.error));
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
    if (instance.error !== undefined) return onError(said(instance.error));
    // Access to the instance, asked inside the click: the API answers the extension without CORS.
    void requestOrigins([patternOf(instance.value)]).then(async (granted) => {
      if (!granted) return onError(t('accessRefused', new URL(instance.value).hostname));
      const reply = await run<OktetoState>({ type: 'connectOkteto', url: instance.value, token });
      if (!reply.ok) return;
      setToken('');
      setDone(connected(instance.value, reply.value as OktetoState));
    });
  };
  const refresh = async (instance: string) => {
    const reply = await run<OktetoState[]>({ type: 'refreshOkteto' });
    const state = reply.ok ? (reply.value as OktetoState[] | undefined)?.find((i) => i.url === instance) : undefined;
    if (state) setDone(connected(state.url, state));
  };
  const forget = async (instance: string) => {
    await browser.permissions.remove({ origins: [patternOf(instance)] }).catch(() => false);
    const reply = await run({ type: 'forgetOkteto', instance });
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
      {oktetos.map((i) => (
        <Instance
          key={i.url}
          state={i}
          several={oktetos.length > 1}
          onRefresh={() => void refresh(i.url)}
          onForget={() => void forget(i.url)}
          onDomains={(domains) => void run({ type: 'setOktetoDomains', instance: i.url, domains })}
        />
      ))}
      {done && (
        <p role="status" class="done">
          {done}
        </p>
      )}
    </section>
  );
}

/**
 * One connected instance: what it listed, what it cannot tell (an older one), the domains it owns
 * (guessed from its endpoints; the user's word wins), Refresh and Forget.
 */
function Instance(p: {
  state: OktetoState;
  several: boolean;
  onRefresh: () => void;
  onForget: () => void;
  onDomains: (domains: string[]) => void;
}) {
  const { state } = p;
  const host = new URL(state.url).host;
  const [domains, setDomains] = useState((state.domains ?? []).join(', '));
  const guessed = state.owns ?? [];
  // With several instances each control names its instance.
  const named = (label: string) => (p.several ? `${label} (${host})` : undefined);
  return (
    <div class="instance">
      <p class="muted">
        {t('oktetoState', state.url, String(countsOf(state).namespaces))}{' '}
        <button type="button" aria-label={named(t('oktetoRefresh'))} onClick={p.onRefresh}>
          {t('oktetoRefresh')}
        </button>{' '}
        <button type="button" aria-label={named(t('forgetToken'))} onClick={p.onForget}>
          {t('forgetToken')}
        </button>
      </p>
      {isOlderInstance(state) && <p class="muted">{t('oktetoOlder', state.url)}</p>}
      {state.error && <p class="attention">{state.error}</p>}
      {p.several && (
        <form
          class="owns"
          onSubmit={(e) => {
            e.preventDefault();
            p.onDomains(domains.split(/[\s,]+/).filter(Boolean));
          }}
        >
          <label>
            {t('oktetoDomains', host)}{' '}
            <input
              type="text"
              value={domains}
              placeholder={guessed.join(', ')}
              onInput={(e) => setDomains(e.currentTarget.value)}
            />
          </label>{' '}
          <button type="submit" aria-label={named(t('oktetoDomainsSave'))}>
            {t('oktetoDomainsSave')}
          </button>
          <span class="muted">
            {' '}
            {guessed.length > 0 ? t('oktetoDomainsGuessed', guessed.join(', ')) : t('oktetoDomainsNone')}
          </span>
        </form>
      )}
    </div>
  );
}
