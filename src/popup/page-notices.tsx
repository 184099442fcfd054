import { useEffect, useState } from 'preact/hooks';
import type { Command, PageCheck, Reply } from '../core/messages';
import { browser } from '../platform/browser';
import { t } from '../ui/i18n';

/**
 * After a switch, what the page shows can still come from the browser's HTTP cache or a service
 * worker, which no header reaches. Says so when it happened on this page, and offers a reload
 * without the cache, or clearing the origin's service worker and caches.
 */
export function PageNotices({
  tabId,
  namespace,
  fromCache,
  ask,
  run,
  onError,
}: {
  tabId: number;
  namespace: string;
  fromCache: number;
  ask: <T>(cmd: Command) => Promise<Reply<T>>;
  run: (cmd: Command) => Promise<boolean>;
  onError: (message: string) => void;
}) {
  const [worker, setWorker] = useState(false);
  useEffect(() => {
    void ask<PageCheck>({ type: 'inspectPage', tabId }).then((r) => setWorker(r.ok && !!r.value?.serviceWorker));
  }, [tabId]);
  const reloadWithoutCache = () => void browser.tabs.reload(tabId, { bypassCache: true });
  // The permission is asked for first thing in the click (Firefox prompts only inside it); the
  // background gives it back once the data is gone.
  const clear = () =>
    void browser.permissions.request({ permissions: ['browsingData'] }).then((granted) => {
      if (!granted) return onError(t('clearRefused'));
      void run({ type: 'clearSiteData', tabId }).then((ok) => ok && setWorker(false));
    });
  if (fromCache === 0 && !worker) return null;
  return (
    <section class="attention" aria-label={t('pageNotices')}>
      {fromCache > 0 && <p>{t('fromCacheNotice', String(fromCache), namespace)}</p>}
      {worker && <p>{t('serviceWorkerNotice', namespace)}</p>}
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
