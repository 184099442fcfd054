import { sharedNamespace } from '../core/share-link';
import { ITEMS } from '../core/storage-items';
import { divertFor, webHost } from '../core/tab-state';
import { browser, type Tabs } from '../platform/browser';
import { read, write } from '../platform/store';
import { commit } from './commit';
import { context } from './context';
import { enqueue } from './queue';

/** Tabs whose share link is being applied now (tab id → link): a link's repeated events act once. */
const applying = new Map<number, string>();

/**
 * A tab loaded a document whose URL is a share link (`#:~:okteto-divert=<ns>`,
 * core/share-link.ts): on a host the user already diverts, with access granted, the tab is pinned
 * to that namespace and reloaded, so the page comes from it; the saved namespace and other tabs are
 * untouched. Anything else changes nothing: a link never adds a domain or asks for access (the
 * popup says why it was ignored).
 * `url` is the main-frame request's, which both browsers report with its fragment: only a document
 * load counts. A page may change its own URL without one (location.hash, history.pushState), and
 * that must not switch its tab's namespace. Requests are reported only for hosts we may access,
 * which are exactly the ones a link may divert.
 */
export async function onShareLink(tabId: number, url: string): Promise<void> {
  if (!url.includes(':~:') || applying.get(tabId) === url) return;
  const shared = sharedNamespace(url);
  const host = webHost(url);
  if (!shared || shared.error !== undefined || !host) return;
  const namespace = shared.value;
  const ctx = await context();
  // Already applied to this tab (a reload, or the person changed the tab's namespace since).
  const done = ctx.shared[tabId];
  if (done?.url === url && done.namespace === namespace) return;
  if (!divertFor(ctx.settings, { [tabId]: namespace }, ctx.origins, tabId, host)) return;
  applying.set(tabId, url);
  try {
    // In the queue, so that two tabs' links never overwrite each other's record.
    const repinned = await commit(async (_settings, pins) => {
      await write(ITEMS.shared, { ...(await read(ITEMS.shared)), [tabId]: { namespace, url } });
      return { pins: { ...pins, [tabId]: namespace }, reply: pins[tabId] !== namespace };
    });
    // The document that brought the link went out before the pin existed: it is asked for again,
    // once the tab shows it (Chrome reports the request done before the page is committed, and a
    // reload then would reload the page before it).
    if (repinned && (await showing(tabId, url))) await browser.tabs.reload(tabId);
  } finally {
    applying.delete(tabId);
  }
}

/** Resolves true once the tab shows `url`, false when it does not within 10 s. */
function showing(tabId: number, url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const listener = (id: number, _change: unknown, tab: Tabs.Tab) => {
      if (id === tabId && tab.url === url) done(true);
    };
    const done = (shows: boolean) => {
      browser.tabs.onUpdated.removeListener(listener);
      clearTimeout(timer);
      resolve(shows);
    };
    const timer = setTimeout(() => done(false), 10_000);
    browser.tabs.onUpdated.addListener(listener);
    void browser.tabs.get(tabId).then(
      (tab) => tab.url === url && done(true),
      () => done(false),
    );
  });
}

/** A closed tab's share record goes with it. */
export const forgetShared = (tabId: number): Promise<void> =>
  enqueue(async () => {
    const { [tabId]: closed, ...rest } = await read(ITEMS.shared);
    if (closed) await write(ITEMS.shared, rest);
  });
