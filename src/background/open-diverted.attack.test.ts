import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type Background, boot, env } from '../../test/fakes/background';
import { SHARE_URL_MAX } from '../core/share-link';

vi.mock('webextension-polyfill', async () => ({ default: (await import('../../test/fakes/background')).fakeApi }));

// Found by the attack on the house-c merge (each failed on 41781f7, before the fixes beside them).
// "Open diverted to" now notes the new tab as showing the link's host before the link loads
// (c3ea012). The reconciler's `navigating` entry then outlived a link that never loads: a noted
// host was only ever replaced by another web host, never cleared by a failed update, a request that
// commits nothing (204, a download) or a move to a non-web page. The tab keeps counting as showing
// that host (it overrides tab.url), so the host's service and shared workers keep the pin's rule
// while no tab shows it (SECURITY.md row "Requests of no tab": "a worker rule exists only for a
// host a pinned tab shows").

afterEach(() => {
  vi.useRealTimers();
});

const APP = 'http://movies-staging.okteto.example.com/movies';
const HOST = new URL(APP).hostname;
const OTHER = 'other.okteto.example.com';
const pins = async () => ((await env.current.fake.storage.session.get('pins')).pins ?? {}) as Record<number, string>;
/** The hosts whose workers (requests of no tab) have a rule, with the value it sets. */
const workerRules = async () =>
  (await env.current.session.get())
    .filter((r) => r.condition.tabIds?.includes(-1))
    .map((r) => [r.condition.initiatorDomains, r.action.requestHeaders[0].value]);
const workersPlan = async () => (await env.current.fake.storage.session.get('workers')).workers ?? {};
/** Waits past the workers' 10 ms check, then for what it queued. */
const checked = async (bg: Background) => {
  for (let i = 0; i < 3; i++) {
    await new Promise((r) => setTimeout(r, 30));
    await bg.tabsSettled();
  }
};

describe('"Open diverted to": what the new tab counts as showing (attack/house-c)', () => {
  let bg: Background;
  beforeEach(async () => {
    bg = await boot();
    await bg.send({ type: 'addPreset', namespace: 'staging', label: 'Shared' });
    await bg.send({ type: 'setNamespace', namespace: 'alice' });
    await bg.send({ type: 'enableForHost', host: HOST });
    await bg.settle();
    // The tab whose page shows the link (not a diverted site).
    env.current.tabs.push({ id: 1, url: 'https://elsewhere.example.org/' });
  });

  it("a link that never loads (the browser refuses the tab's update) leaves no worker rule for its host", async () => {
    // Chrome refuses tabs.update while the user drags the tab strip; the tab stays blank.
    env.current.fake.tabs.update = async () => {
      throw new Error('Tabs cannot be edited right now (user may be dragging a tab).');
    };
    env.current.fake.contextMenus.onClicked.fire({ menuItemId: 'open-diverted:staging', linkUrl: `${APP}?id=1` }, { id: 1 });
    await bg.settle();
    await checked(bg);
    const opened = env.current.tabs.find((t) => t.id !== 1 && t.url === 'about:blank');
    expect(opened).toBeDefined();
    // No tab shows the host: its workers carry the site's namespace, not the blank tab's pin.
    expect(await workerRules()).toEqual([]);
    expect(await workersPlan()).toEqual({});
  });

  it('a pinned tab whose main-frame request commits nothing (204, a download) keeps counting as the host it shows', async () => {
    env.current.fake.contextMenus.onClicked.fire({ menuItemId: 'open-diverted:staging', linkUrl: `${APP}?id=2` }, { id: 1 });
    await bg.settle();
    await checked(bg);
    const tabId = Number(Object.keys(await pins())[0]);
    expect(await workerRules()).toEqual([[[HOST], 'okteto-divert=staging']]);
    // The page in the pinned tab sends it to another diverted host that answers 204: the request
    // leaves and completes, nothing commits, the tab still shows the link's page (no onUpdated url).
    const url = `http://${OTHER}/nothing`;
    env.current.fake.webRequest.onBeforeRequest.fire({ tabId, url, type: 'main_frame' });
    env.current.fake.webRequest.onCompleted.fire({ tabId, url, type: 'main_frame', fromCache: false, statusCode: 204 });
    await bg.settle();
    await checked(bg);
    // The shown host keeps its rule; the host the page only asked for (no tab shows it) gets none.
    expect(await workerRules()).toEqual([[[HOST], 'okteto-divert=staging']]);
    expect(Object.keys(await workersPlan())).toEqual([HOST]);
  });

  // Not the change's own code (core/rules-diff.ts), found through it: diffRules' key leaves out the
  // worker rule's initiatorDomains, so a rule for another host with the same namespace "is" the old one.
  it("a pinned tab that moves to another host takes its workers' rule along: the host it left keeps none", async () => {
    env.current.fake.contextMenus.onClicked.fire({ menuItemId: 'open-diverted:staging', linkUrl: `${APP}?id=5` }, { id: 1 });
    await bg.settle();
    await checked(bg);
    const tabId = Number(Object.keys(await pins())[0]);
    expect(await workerRules()).toEqual([[[HOST], 'okteto-divert=staging']]);
    const go = (id: number, url: string) => {
      const tab = env.current.tabs.find((t) => t.id === id);
      if (tab) tab.url = url;
      else env.current.tabs.push({ id, url });
      env.current.fake.webRequest.onBeforeRequest.fire({ tabId: id, url, type: 'main_frame' });
      env.current.fake.tabs.onUpdated.fire(id, { url }, { id, url });
    };
    // The pinned tab follows a link to another host of the diverted domain.
    go(tabId, `http://${OTHER}/`);
    await bg.settle();
    await checked(bg);
    expect(Object.keys(await workersPlan())).toEqual([OTHER]);
    expect(await workerRules()).toEqual([[[OTHER], 'okteto-divert=staging']]);
    // The person opens the first host in a tab of its own, unpinned (alice): its service worker's
    // calls must carry alice, not the other tab's pin.
    go(9, `${APP}?id=6`);
    await bg.settle();
    await checked(bg);
    const initiators = (await workerRules()).map(([domains]) => domains);
    expect(initiators).not.toContainEqual([HOST]);
  });

  it('a pinned tab that moves to a non-web page no longer counts as showing the link host', async () => {
    env.current.fake.contextMenus.onClicked.fire({ menuItemId: 'open-diverted:staging', linkUrl: `${APP}?id=3` }, { id: 1 });
    await bg.settle();
    await checked(bg);
    const tabId = Number(Object.keys(await pins())[0]);
    expect(await workerRules()).toEqual([[[HOST], 'okteto-divert=staging']]);
    // The person opens the browser's new-tab page (or a file:, data:, about: page) in that tab.
    const tab = env.current.tabs.find((t) => t.id === tabId);
    if (tab) tab.url = 'chrome://newtab/';
    env.current.fake.tabs.onUpdated.fire(tabId, { url: 'chrome://newtab/' }, { id: tabId, url: 'chrome://newtab/' });
    await bg.settle();
    await checked(bg);
    expect(await workerRules()).toEqual([]);
    expect(await workersPlan()).toEqual({});
  });

  it('a tab closed while it is still blank is not pinned after it is gone', async () => {
    // As the browsers do: tabs.get of a closed tab fails.
    env.current.fake.tabs.get = async (id: number) => {
      const tab = env.current.tabs.find((t) => t.id === id);
      if (!tab) throw new Error(`No tab with id: ${id}.`);
      return tab;
    };
    const create = env.current.fake.tabs.create;
    env.current.fake.tabs.create = async (props: { url: string }) => {
      const tab = await create(props);
      // The person closes it at once (Ctrl+W) before its blank page is reported loaded.
      env.current.tabs.splice(env.current.tabs.indexOf(tab), 1);
      env.current.fake.tabs.onRemoved.fire(tab.id);
      return tab;
    };
    env.current.fake.tabs.update = async (id: number) => {
      throw new Error(`No tab with id: ${id}.`);
    };
    env.current.fake.contextMenus.onClicked.fire({ menuItemId: 'open-diverted:staging', linkUrl: `${APP}?id=4` }, { id: 1 });
    await bg.settle();
    await checked(bg);
    expect(await pins()).toEqual({});
  });

  // Attack review s12b (failed at 822ca8c): withoutShare returned a URL past SHARE_URL_MAX as it
  // was, so the tab loaded with the page's directive; past the limit it is ignored, but a redirect
  // keeps the fragment (RFC 9110 §10.2.2), and at /login it counted again and re-pinned the tab.
  it('opens the namespace clicked, whatever share directive the page put in a link past the limit, even after a redirect', async () => {
    const onClicked = env.current.fake.contextMenus.onClicked.fire;
    const updates: string[] = [];
    const update = env.current.fake.tabs.update;
    env.current.fake.tabs.update = async (id: number, props: { url: string }) => {
      updates.push(props.url);
      return update(id, props);
    };
    const link = `${APP}?pad=${'a'.repeat(SHARE_URL_MAX)}#:~:okteto-divert=alice`;
    onClicked({ menuItemId: 'open-diverted:staging', linkUrl: link }, { id: 1 });
    await bg.settle();
    const [tabId] = Object.keys(await pins()).map(Number);
    expect(await pins()).toEqual({ [tabId]: 'staging' });
    // The server redirects the long URL to /login; the fragment the tab was sent with stays.
    const fragment = updates[0]?.slice(updates[0].indexOf('#')) ?? '';
    const landed = `http://movies-staging.okteto.example.com/login${fragment}`;
    const tab = env.current.tabs.find((t) => t.id === tabId);
    if (tab) tab.url = landed;
    env.current.fake.tabs.onUpdated.fire(tabId, { url: landed }, { id: tabId, url: landed });
    env.current.fake.webRequest.onCompleted.fire({ tabId, url: landed, type: 'main_frame', fromCache: false });
    await bg.settle();
    // The tab the person opened for staging stays on staging.
    expect(await pins()).toEqual({ [tabId]: 'staging' });
    expect(updates[0]?.includes('okteto-divert=')).toBe(false);
  });
});
