import { useState } from 'preact/hooks';
import { callerHost, callingPageHosts } from '../core/callers';
import { initiatorPattern } from '../core/permissions';
import { browser } from '../platform/browser';
import { requestOrigins } from '../platform/permissions';
import { t } from '../ui/i18n';

interface Props {
  origins: string[];
  /** Hosts the extension fetches from (preset files, Okteto): granted, but no calling pages. */
  fetched: string[];
  onError: (message: string | undefined) => void;
}

/**
 * Pages on other hosts that call your diverted domains (a frontend on localhost, say): browsers add
 * the header to their calls only when Divert Switch may access the page's host too.
 */
export function Callers({ origins, fetched, onError }: Props) {
  const [text, setText] = useState('');
  const add = (e: Event) => {
    e.preventDefault();
    const host = callerHost(text);
    if (!host) return onError(t('callerInvalid'));
    // Asked inside the click: Firefox shows no prompt after an await.
    void requestOrigins([initiatorPattern(host)]).then((ok) => {
      onError(ok ? undefined : t('accessRefused', host));
      if (ok) setText('');
    });
  };
  const remove = (host: string) =>
    void browser.permissions
      .remove({ origins: [initiatorPattern(host)] })
      .then((ok) => onError(ok ? undefined : t('callerRemoveFailed', host)))
      .catch((e: Error) => onError(`${t('callerRemoveFailed', host)} (${e.message})`));

  return (
    <section aria-labelledby="callers-h">
      <h2 id="callers-h">{t('callers')}</h2>
      <p class="muted">{t('callersIntro')}</p>
      <ul class="callers">
        {callingPageHosts(origins, fetched).map((host) => (
          <li key={host}>
            <code>{host}</code>
            <button type="button" aria-label={t('callerRemove', host)} onClick={() => remove(host)}>
              {t('remove')}
            </button>
          </li>
        ))}
      </ul>
      <form class="add" onSubmit={add}>
        <label for="caller-input">{t('callerHost')}</label>
        <input
          id="caller-input"
          type="text"
          placeholder="localhost:3000"
          value={text}
          onInput={(e) => setText((e.currentTarget as HTMLInputElement).value)}
        />
        <button type="submit">{t('callerAdd')}</button>
      </form>
    </section>
  );
}
