import type { PageCheck, Reply } from '../core/messages';
import { webHost } from '../core/url';
import { browser } from '../platform/browser';
import { words } from '../platform/i18n';
import type { ContextCache } from './context';

const BYPASS_AGAIN_MS = 10_000;

/** What a diverted page keeps of its own (cache, service worker, site data), looked at and cleared. */
export function createPageData({ context, divertAt }: Pick<ContextCache, 'context' | 'divertAt'>) {
  /** The tab's page, when it is diverted now (the only pages these checks may touch). */
  async function divertedPage(tabId: number): Promise<URL | undefined> {
    const tab = await browser.tabs.get(tabId).catch(() => undefined);
    const host = webHost(tab?.url);
    if (!tab?.url || !host) return undefined;
    return (await divertAt(tabId, host)) ? new URL(tab.url) : undefined;
  }

  /** True when a service worker controls the tab's page (asked in the content-script world). */
  async function controlled(tabId: number): Promise<boolean> {
    try {
      const [result] = await browser.scripting.executeScript({
        target: { tabId },
        func: () => !!navigator.serviceWorker?.controller,
      });
      return result?.result === true;
    } catch {
      return false;
    }
  }

  /**
   * Whether a service worker controls a diverted tab's page: what it answers from its own caches
   * never reaches the namespace. A one-line check in the content-script world (the page cannot fake
   * its navigator there), run when the popup opens on that tab, and only on diverted hosts.
   */
  async function inspectPage(tabId: number): Promise<Reply<PageCheck>> {
    const page = await divertedPage(tabId);
    if (!page) return { ok: false, error: words('tabNotDiverted') };
    const serviceWorker = await controlled(tabId);
    const ctx = await context();
    const worker = ctx.pins[tabId] !== undefined ? ctx.workers[page.hostname] : undefined;
    return { ok: true, value: worker ? { serviceWorker, worker } : { serviceWorker } };
  }

  /**
   * "Bypass the service worker in pinned tabs": a pinned tab whose page came from a service worker
   * that cannot carry its pin (other tabs of the site use it) is loaded again past the worker, as a
   * hard reload does; that page and its calls then reach the network themselves, with the pin. Run
   * when a tab has loaded, and for every pinned tab when the switch is turned on.
   */
  async function bypassWorker(tabId: number): Promise<void> {
    const ctx = await context();
    if (!ctx.settings.bypassWorkerInPinnedTabs || ctx.pins[tabId] === undefined) return;
    const page = await divertedPage(tabId);
    if (!page || ctx.workers[page.hostname]?.follows !== false || !(await controlled(tabId))) return;
    // Should a browser not bypass the worker on this reload, no loop follows: the same page is not
    // reloaded again within seconds (a person's own reload later is bypassed again).
    const last = bypassed.get(tabId);
    if (last?.href === page.href && Date.now() - last.at < BYPASS_AGAIN_MS) return;
    bypassed.set(tabId, { href: page.href, at: Date.now() });
    await browser.tabs.reload(tabId, { bypassCache: true }).catch(() => undefined);
  }

  /** Tab → the page it was last reloaded past its worker, and when (a closed tab's goes with it). */
  const bypassed = new Map<number, { href: string; at: number }>();

  const forgetBypass = (tabId: number): void => void bypassed.delete(tabId);

  /**
   * Removes a diverted tab's service worker and caches, then reloads it without the cache. Chrome:
   * browsingData scoped to the page's origin (service workers, Cache API storage, HTTP cache).
   * Firefox's browsingData scopes only service workers and the HTTP cache to a host, and has no
   * Cache API type at all, so the page's Cache API storage is emptied from its own origin (the
   * content-script world shares it) before its worker goes. The browsingData permission was asked
   * for in the popup's click and is given back here.
   */
  async function clearSiteData(tabId: number): Promise<Reply> {
    try {
      return await clearDiverted(tabId);
    } finally {
      // On every path, refusals included: the permission was asked for this one click.
      await browser.permissions.remove({ permissions: ['browsingData'] }).catch(() => false);
    }
  }

  async function clearDiverted(tabId: number): Promise<Reply> {
    const page = await divertedPage(tabId);
    if (!page) return { ok: false, error: words('tabNotDiverted') };
    if (!(await browser.permissions.contains({ permissions: ['browsingData'] }))) {
      return { ok: false, error: words('clearDataNeedsPermission') };
    }
    if (typeof browser.runtime.getBrowserInfo === 'function') {
      await browser.scripting
        .executeScript({
          target: { tabId },
          func: () => caches.keys().then((keys) => Promise.all(keys.map((k) => caches.delete(k)))),
        })
        .catch(() => undefined);
      await browser.browsingData.remove({ hostnames: [page.hostname] }, { serviceWorkers: true, cache: true });
    } else {
      await browser.browsingData.remove(
        { origins: [page.origin] } as Parameters<typeof browser.browsingData.remove>[0],
        { serviceWorkers: true, cacheStorage: true, cache: true } as Parameters<typeof browser.browsingData.remove>[1],
      );
    }
    await browser.tabs.reload(tabId, { bypassCache: true });
    return { ok: true };
  }

  /** Every pinned tab, as when each has just loaded. */
  async function bypassPinned(): Promise<void> {
    const ctx = await context();
    if (!ctx.settings.bypassWorkerInPinnedTabs) return;
    await Promise.all(Object.keys(ctx.pins).map((tab) => bypassWorker(Number(tab))));
  }
  return { inspectPage, bypassWorker, forgetBypass, clearSiteData, bypassPinned };
}
export type PageData = ReturnType<typeof createPageData>;
