import type { Reply } from '../core/messages';
import { chosenBefore, knownFrom, sharedNamespace } from '../core/share-link';
import { ITEMS, type SharedTab } from '../core/storage-items';
import { webHost } from '../core/url';
import { browser } from '../platform/browser';
import { words } from '../platform/i18n';
import { read, write } from '../platform/store';
import { chosenHere } from './chosen-here';
import type { Committer } from './commit';
import { type ContextCache, divertIn } from './context';
import type { Queue } from './queue';
import { tabReaches } from './tab-wait';

/** How the browser loaded a main-frame document (webRequest.onCompleted's details). */
export interface DocumentLoad {
  tabId: number;
  url: string;
  /** Chrome: 'prerender' for a document loaded ahead of a navigation that may never come. */
  documentLifecycle?: string;
  fromCache?: boolean;
}

/** Share links: a tab opened from one asks, then opens diverted. */
export function createShare({
  commit,
  context,
  enqueue,
}: Pick<Committer, 'commit'> & Pick<ContextCache, 'context'> & Pick<Queue, 'enqueue'>) {
  /** Tabs whose share link is being applied now (tab id → link): a link's repeated events act once. */
  const applying = new Map<number, string>();

  /**
   * A tab loaded a document whose URL is a share link (`#:~:okteto-divert=<ns>`,
   * core/share-link.ts), on a host the user already diverts, with access granted:
   * - for a namespace the user chose before (chosenBefore), the tab is pinned to it and reloaded,
   *   so the page comes from it; the saved namespace and other tabs are untouched;
   * - for any other, nothing changes: the tab loads as without the link, its toolbar button is
   *   marked, and the popup asks (answerShareLink). Any page can navigate a tab to a link.
   * Anything else changes nothing: a link never adds a domain or asks for access (the popup says
   * why it was ignored). A prerendered document or one from the cache applies nothing: the person
   * did not open it now.
   * `url` is the main-frame request's, which both browsers report with its fragment: only a document
   * load counts. A page may change its own URL without one (location.hash, history.pushState), and
   * that must not switch its tab's namespace. Requests are reported only for hosts we may access,
   * which are exactly the ones a link may divert.
   */
  async function onShareLink({ tabId, url, documentLifecycle, fromCache }: DocumentLoad): Promise<void> {
    if (documentLifecycle !== undefined && documentLifecycle !== 'active') return;
    const ctx = await context();
    const done = ctx.shared[tabId];
    // A question is about the document that asked it: the tab went elsewhere, the question goes.
    if (done?.status === 'asking' && done.url !== url) await record(tabId, undefined);
    if (fromCache || !url.includes(':~:') || applying.get(tabId) === url) return;
    const shared = sharedNamespace(url);
    const host = webHost(url);
    if (!shared || shared.error !== undefined || !host) return;
    const namespace = shared.value;
    // Already applied, asked or answered for this tab (a reload, or the person changed it since).
    if (done?.url === url && done.namespace === namespace) return;
    if (!divertIn(ctx, tabId, host, namespace)) return;
    const here = await chosenHere(ctx.stored);
    if (!chosenBefore(ctx.settings, here, namespace)) {
      const from = knownFrom(ctx.stored, ctx.oktetos, here, namespace);
      await record(tabId, { namespace, url, status: 'asking', ...(from.length ? { from } : {}) });
      return;
    }
    await apply(tabId, namespace, url);
  }

  /**
   * The popup's answer to a link's question: open the tab diverted to its namespace, or leave it.
   * The answer names the namespace and link the popup showed: when the tab's question changed since
   * (the page sent it to another link meanwhile), the answer is to a question no longer asked.
   */
  async function answerShareLink(tabId: number, open: boolean, namespace: string, url: string): Promise<Reply> {
    const asked = (await read(ITEMS.shared))[tabId];
    if (asked?.status !== 'asking') return { ok: false, error: words('shareNothingAsked') };
    if (asked.namespace !== namespace || asked.url !== url) return { ok: false, error: words('shareQuestionChanged') };
    if (!open) {
      await record(tabId, { namespace: asked.namespace, url: asked.url, status: 'ignored' });
      return { ok: true };
    }
    await apply(tabId, asked.namespace, asked.url);
    return { ok: true };
  }

  /** Pins the tab to the link's namespace, records it, and reloads the page so it comes from it. */
  async function apply(tabId: number, namespace: string, url: string): Promise<void> {
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

  /** Sets (or, with undefined, removes) a tab's share record, in the queue with every other write. */
  const record = (tabId: number, value: SharedTab | undefined): Promise<void> =>
    enqueue(async () => {
      const { [tabId]: old, ...rest } = await read(ITEMS.shared);
      if (old || value) await write(ITEMS.shared, value ? { ...rest, [tabId]: value } : rest);
    });

  /** Resolves true once the tab shows `url`, false when it does not within 10 s. */
  const showing = (tabId: number, url: string) => tabReaches(tabId, (tab) => tab.url === url, 10_000);

  /**
   * A preview link named a name its instance does not list as a preview: the tab it opened (at
   * `url`, unpinned) asks in the popup, as a share link for a new namespace does.
   */
  const askPreview = (tabId: number, namespace: string, url: string, preview: 'namespace' | 'unlisted'): Promise<void> =>
    record(tabId, { namespace, url, status: 'asking', preview });

  /** A closed tab's share record goes with it. */
  const forgetShared = (tabId: number): Promise<void> => record(tabId, undefined);
  return { onShareLink, answerShareLink, askPreview, forgetShared };
}
export type Share = ReturnType<typeof createShare>;
