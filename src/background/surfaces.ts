import type { BadgeState } from '../core/served-messages';
import { tabServedItem } from '../core/storage-items';
import { tabView } from '../core/tab-view';
import { webHost } from '../core/url';
import { setActionLook } from '../platform/action';
import { injectBadge } from '../platform/content-scripts';
import { words } from '../platform/i18n';
import { remove, write } from '../platform/store';
import { allTabs, tabLoaded, tellTab } from '../platform/tabs';
import { BADGE_SCRIPT } from './badge-file';
import { type Context, type ContextCache, divertIn } from './context';
import { laterWork } from './later';
import type { TabStates } from './tab-states';

/** Each tab's toolbar button, page badge and the state the popup reads. */
export function createSurfaces({
  aimTab,
  context,
  inOrder,
  stateOf,
}: Pick<ContextCache, 'context'> & Pick<TabStates, 'aimTab' | 'inOrder' | 'stateOf'>) {
  const publishes = laterWork<number>();

  /**
   * Publishes a tab's state a moment later, once for a burst of events, in the tab's order: a
   * publish that read the context before a change must not land after the one that read it after
   * (a reload right after a change made the stale title the last one set).
   */
  function schedulePublish(tabId: number): void {
    publishes.later(tabId, 50, () => inOrder(tabId, () => publish(tabId)));
  }

  /** Tells storage (for the popup), the toolbar button and the page badge what the tab's state is now. */
  async function publish(tabId: number, ctx?: Context): Promise<void> {
    publishes.cancel(tabId);
    const state = await stateOf(tabId);
    const c = ctx ?? (await context());
    await write(tabServedItem(tabId), state);
    const view = tabView(c, tabId, state, words, Date.now());
    await setActionLook(tabId, view.look);
    await ensureBadge(tabId, view.badge);
  }

  /**
   * The one place the page badge comes from: told the tab's state, or, on a diverted page that has
   * none yet (every page once it has loaded, a page open since before divert was turned on), injected
   * there, but only once the page has loaded: the script world it needs then costs the page's own
   * loading nothing (npm run bench, served-by's own share).
   */
  async function ensureBadge(tabId: number, badge: BadgeState): Promise<void> {
    if ((await tellTab(tabId, badge)) || !badge.show) return;
    if (await tabLoaded(tabId)) await injectBadge(BADGE_SCRIPT, tabId);
  }

  async function badgeStateFor(tabId: number): Promise<BadgeState> {
    const [state, c] = await Promise.all([stateOf(tabId), context()]);
    return tabView(c, tabId, state, words, Date.now()).badge;
  }

  /** A closed tab: its pending publish and what storage held of it for the popup go. */
  function forgetSurfaces(tabId: number): void {
    publishes.cancel(tabId);
    void remove(tabServedItem(tabId));
  }

  const refreshes = laterWork<'tabs'>();

  /**
   * Tabs are refreshed a moment after the last change, once for a burst: the command queue need
   * not wait for every tab's button and badge (npm run bench and the burst test found it slow).
   */
  function scheduleRefreshTabs(): void {
    refreshes.later('tabs', 60, refreshTabs);
  }

  /**
   * After settings, pins or permissions change: every tab's requested namespace is worked out again,
   * and its toolbar button and page badge told. What was served stays known while the request is
   * the same. Each tab's update runs in its order with the observers' events, so none is lost.
   */
  async function refreshTabs(): Promise<void> {
    for (const tab of await allTabs()) {
      // A tab mid-navigation may report no URL yet: its own navigation events will set it right,
      // and wiping its state here would hide the page badge of the page that is arriving.
      const tabId = tab.id;
      if (tabId === undefined || tab.status === 'loading') continue;
      await inOrder(tabId, async () => {
        // The context as it is when this tab's turn comes, not when the loop began: a change made
        // meanwhile (a pin, then the tab reloading) must not be overwritten by the state before it.
        const ctx = await context();
        const host = webHost(tab.url);
        await aimTab(tabId, host, host ? divertIn(ctx, tabId, host)?.namespace : undefined, false);
        await publish(tabId, ctx);
      });
    }
  }
  /** Runs the refresh and publishes waiting for their moment now (unit tests wait on it). */
  async function runPendingSurfaces(): Promise<void> {
    await refreshes.runPending();
    await publishes.runPending();
  }
  return { schedulePublish, badgeStateFor, forgetSurfaces, scheduleRefreshTabs, runPendingSurfaces };
}
export type Surfaces = ReturnType<typeof createSurfaces>;
