import { useEffect, useState } from 'preact/hooks';
import type { Command, PageCheck, Reply } from '../core/messages';
import { browser } from '../platform/browser';
import { t } from '../ui/i18n';
import { Switch } from '../ui/switch';

/**
 * After a switch, what the page shows can still come from the browser's HTTP cache or a service
 * worker, which no header reaches. Says so when it happened on this page, and offers a reload
 * without the cache, or clearing the origin's service worker and caches.
 */
export function PageNotices({
  tabId,
  namespace,
  bypass,
  fromCache,
  ask,
  run,
  onError,
}: {
  tabId: number;
  namespace: string;
  /** "Bypass the service worker in pinned tabs" is on (shown for pinned tabs only). */
  bypass: boolean;
  fromCache: number;
  ask: <T>(cmd: Command) => Promise<Reply<T>>;
  run: (cmd: Command) => Promise<boolean>;
  onError: (message: string) => void;
}) {
  const [check, setCheck] = useState<PageCheck>();
  useEffect(() => {
    void ask<PageCheck>({ type: 'inspectPage', tabId }).then((r) => setCheck(r.ok ? r.value : undefined));
  }, [tabId, namespace, bypass]);
  const worker = !!check?.serviceWorker;
  const setWorker = (on: boolean) => setCheck((c) => (c ? { ...c, serviceWorker: on } : c));
  // A pinned tab's page under a worker that other tabs of the site use: it cannot carry the pin.
  const split = check?.worker && !check.worker.follows ? check.worker.carries : undefined;
  const reloadWithoutCache = () => void browser.tabs.reload(tabId, { bypassCache: true });
  // The permission is asked for first thing in the click (Firefox prompts only inside it); the
  // background gives it back once the data is gone.
  const clear = () =>
    void browser.permissions.request({ permissions: ['browsingData'] }).then((granted) => {
      if (!granted) return onError(t('clearRefused'));
      void run({ type: 'clearSiteData', tabId }).then((ok) => ok && setWorker(false));
    });
  if (fromCache === 0 && !worker && !bypass) return null;
  return (
    <section class="attention" aria-label={t('pageNotices')}>
      {fromCache > 0 && <p>{t('fromCacheNotice', String(fromCache), namespace)}</p>}
      {worker && split && <p>{t('serviceWorkerSplit', split, namespace)}</p>}
      {worker && !split && <p>{t('serviceWorkerNotice', namespace)}</p>}
      {(split || bypass) && (
        <Switch label={t('bypassWorker')} checked={bypass} onChange={(on) => void run({ type: 'setBypassWorker', bypass: on })} />
      )}
      <div class="row">
        <button type="button" onClick={reloadWithoutCache}>
          {t('reloadWithoutCache')}
        </button>
        {worker && (
          <button type="button" onClick={clear}>
            {t('clearServiceWorker')}
          </button>
        )}
      </div>
    </section>
  );
}
