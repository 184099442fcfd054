import { validateNamespace } from '../core/namespace';
import { type OpenDivertedMenu, openDivertedMenu } from '../core/open-diverted';
import { domainsOf, listedAs, previewLink, previewSite } from '../core/previews';
import { withoutShare } from '../core/share-link';
import { webHost } from '../core/url';
import { browser, has, type Tabs } from '../platform/browser';
import { said, words } from '../platform/i18n';
import type { Committer } from './commit';
import type { ContextCache } from './context';
import type { LastPagesPart } from './last-pages';
import { blankLoaded, newTab } from './new-tab';
import type { Reconciler } from './reconcile';
import { serial } from './serial';
import type { Share } from './share';

const PARENT = 'open-diverted';
const CHILD = `${PARENT}:`;

/** "The preview in this link, on your site": on links to a connected instance's `/#/previews/<name>`. */
export const PREVIEW_ITEM = `${PARENT}-preview`;

const create = (props: Parameters<typeof browser.contextMenus.create>[0]) =>
  new Promise<void>((resolve, reject) => {
    browser.contextMenus.create(props, () => {
      const error = browser.runtime.lastError;
      if (error) reject(new Error(error.message));
      else resolve();
    });
  });

/** The id of the menu entry that opens a link diverted to `namespace`. */
export const menuItemId = (namespace: string) => `${CHILD}${namespace}`;

/** "Open diverted to" in the link menu. */
export function createOpenDiverted({
  commit,
  context,
  divertAt,
  lastPages,
  askPreview,
  noteNavigation,
  forgetNavigation,
}: Pick<Committer, 'commit'> &
  Pick<ContextCache, 'context' | 'divertAt'> &
  Pick<LastPagesPart, 'lastPages'> &
  Pick<Share, 'askPreview'> &
  Pick<Reconciler, 'noteNavigation' | 'forgetNavigation'>) {
  /** The menu as last built (JSON), so an unrelated change rebuilds nothing. */
  let built: string | undefined;

  const builds = serial<'menu'>();

  async function build(menu: OpenDivertedMenu | undefined): Promise<void> {
    // Firefox for Android has no context menus: nothing to build there.
    if (!has.contextMenus()) return;
    await browser.contextMenus.removeAll();
    if (!menu) return;
    const patterns = [...menu.patterns, ...menu.previews];
    await create({ id: PARENT, title: words('openDivertedTo'), contexts: ['link'], targetUrlPatterns: patterns });
    const on = { parentId: PARENT, contexts: ['link'] as ['link'] };
    for (const c of menu.choices)
      await create({ id: menuItemId(c.namespace), title: c.title, ...on, targetUrlPatterns: menu.patterns });
    if (menu.previews.length)
      await create({ id: PREVIEW_ITEM, title: words('openDivertedPreview'), ...on, targetUrlPatterns: menu.previews });
  }

  /**
   * Makes the link context menu match settings and granted access: at every wake (Firefox keeps no
   * menus across a restart) and whenever either changes. One build at a time.
   */
  function syncMenus(): Promise<void> {
    return builds('menu', async () => {
      const ctx = await context();
      const menu = openDivertedMenu(ctx.settings, ctx.origins, ctx.oktetos);
      const json = JSON.stringify(menu ?? null);
      if (json === built) return;
      built = json;
      await build(menu).catch(() => {
        built = undefined;
      });
    });
  }

  /**
   * What the menu offers now, for the e2e build (headless browsers cannot open a context menu):
   * after a build, so a question asked as the background wakes (Firefox's event page stops when
   * idle) is not answered before the wake's own build has run.
   */
  const builtMenu = async (): Promise<string> => {
    await syncMenus();
    return built ?? 'null';
  };

  /**
   * "Open diverted to ▸ alice" on a link: a new tab beside the current one, pinned to alice before
   * its first request leaves (it starts blank, gets its pin, then loads the link), so the page comes
   * from alice from the start. Only for links to hosts diverted now; the menu offers no other.
   */
  async function openDiverted(url: string | undefined, rawNamespace: string, from?: Tabs.Tab): Promise<string> {
    const ns = validateNamespace(rawNamespace);
    const host = webHost(url);
    if (ns.error !== undefined) return said(ns.error);
    if (!url || !host) return 'no web page';
    if (!(await divertAt(0, host, ns.value))) return `${host} is not diverted`;
    const tab = await newTab('about:blank', from);
    const tabId = tab.id as number;
    await blankLoaded(tabId);
    // Closed meanwhile (Ctrl+W on the blank tab): no pin for a tab that is gone.
    if (!(await browser.tabs.get(tabId).catch(() => undefined))) return 'closed';
    // The tab counts as showing the link's host now, so the pin's commit gives the site's workers
    // their rule too: the page's service worker answers its first calls before a navigation's check.
    noteNavigation(tabId, url);
    await commit((_settings, pins) => ({ pins: { ...pins, [tabId]: ns.value }, reply: undefined }));
    try {
      // The namespace is the one the person clicked: a share directive in the page's link does not
      // get to pin the new tab to another one once it loads.
      await browser.tabs.update(tabId, { url: withoutShare(url) });
    } catch (e) {
      // Refused (Chrome, while a tab is dragged) or closed since: the tab shows no link, so neither
      // it nor the link's workers keep the pin.
      forgetNavigation(tabId);
      await commit((_settings, { [tabId]: _unopened, ...pins }) => ({ pins, reply: undefined }));
      return `not opened: ${(e as Error).message}`;
    }
    return `opened ${tabId}`;
  }

  /**
   * "The preview in this link, on your site" on `<instance>/#/previews/<name>`: the user's site for that
   * instance (a domain they divert now that it owns), at the page they last used there, else its
   * root. The menu item does not show the name, and a link's text can differ from its href (or be
   * swapped as the menu opens), so the click chooses `<name>` only when the instance lists it as a
   * preview: then the tab opens pinned to it, as "Open diverted to" opens a link. Any other name (a
   * namespace of the instance, or one it does not list) opens the site unpinned, and the popup asks,
   * as for a share link naming a new namespace (background/share.ts). Nothing else changes: no
   * domain is added, no access asked, and the name must pass the namespace rule.
   */
  async function openPreview(url: string | undefined, from?: Tabs.Tab): Promise<string> {
    const ctx = await context();
    const link = previewLink(url, ctx.oktetos);
    if (!link) return 'no preview link';
    if (link.name.error !== undefined) return said(link.name.error);
    const site = previewSite(domainsOf(ctx.settings, ctx.origins, ctx.oktetos, link.instance), await lastPages());
    if (!site) return 'no diverted site';
    const listed = listedAs(link.instance, link.name.value);
    if (listed === 'preview') return openDiverted(site, link.name.value, from);
    const tabId = (await newTab(site, from)).id as number;
    await askPreview(tabId, link.name.value, site, listed ?? 'unlisted');
    return `asked ${tabId}`;
  }

  /** A click in the menu: the child's id names the namespace, or the preview the link names. */
  function onMenuClick(info: { menuItemId: string | number; linkUrl?: string }, tab?: Tabs.Tab): Promise<string> {
    const id = String(info.menuItemId);
    if (id === PREVIEW_ITEM) return openPreview(info.linkUrl, tab);
    if (!id.startsWith(CHILD)) return Promise.resolve('not ours');
    return openDiverted(info.linkUrl, id.slice(CHILD.length), tab);
  }
  return { syncMenus, builtMenu, onMenuClick };
}
export type OpenDiverted = ReturnType<typeof createOpenDiverted>;
