import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type Background, boot, env } from '../../test/fakes/background';

vi.mock('webextension-polyfill', async () => ({ default: (await import('../../test/fakes/background')).fakeApi }));

// A test that moved the clock on gives it back.
afterEach(() => {
  vi.useRealTimers();
});

// Share links, "Open diverted to", time boxes and the page checks, through the background's listeners.

const APP = 'http://movies-staging.okteto.example.com/movies';
const pins = async () => ((await env.current.fake.storage.session.get('pins')).pins ?? {}) as Record<number, string>;

/** The tab shows `url`: the page changed it itself (no document load) unless `load`. */
async function show(bg: Background, tabId: number, url: string, { load = true, details = {} } = {}) {
  const tab = env.current.tabs.find((t) => t.id === tabId);
  if (tab) tab.url = url;
  else env.current.tabs.push({ id: tabId, url });
  env.current.fake.tabs.onUpdated.fire(tabId, { url }, { id: tabId, url });
  // A document load ends with its main-frame request (both browsers report its URL with the fragment).
  if (load) env.current.fake.webRequest.onCompleted.fire({ tabId, url, type: 'main_frame', fromCache: false, ...details });
  await bg.settle();
}
const load = (bg: Background, tabId: number, url: string, details: object = {}) => show(bg, tabId, url, { details });
const shared = async () =>
  ((await env.current.fake.storage.session.get('shared')).shared ?? {}) as Record<number, { status?: string } | undefined>;

describe('share links', () => {
  let bg: Background;
  beforeEach(async () => {
    bg = await boot();
    await bg.send({ type: 'setNamespace', namespace: 'bob' });
    await bg.send({ type: 'enableForHost', host: 'movies-staging.okteto.example.com' });
  });

  it('for a namespace chosen before: pin the tab to it and reload it once; the saved namespace stays', async () => {
    await bg.send({ type: 'addPreset', namespace: 'alice', label: 'Alice' });
    await load(bg, 5, `${APP}#:~:okteto-divert=alice`);
    expect(await pins()).toEqual({ 5: 'alice' });
    expect(env.current.reloads).toEqual([{ tabId: 5 }]);
    expect((await bg.settings()).activeNamespace).toBe('bob');
    expect((await env.current.fake.storage.session.get('shared')).shared).toEqual({
      5: { namespace: 'alice', url: `${APP}#:~:okteto-divert=alice` },
    });
    // The reload brings the same link again: nothing more happens.
    await load(bg, 5, `${APP}#:~:okteto-divert=alice`);
    expect(env.current.reloads).toHaveLength(1);
    // The person unpins the tab: the link in its address bar does not pin it again.
    await bg.send({ type: 'pinTab', tabId: 5, namespace: null });
    await load(bg, 5, `${APP}#:~:okteto-divert=alice`);
    expect(await pins()).toEqual({});
  });

  it('change nothing on a domain not diverted, while paused, or with a bad namespace', async () => {
    const before = JSON.stringify(await bg.settings());
    await load(bg, 6, 'https://elsewhere.example.org/#:~:okteto-divert=alice');
    await load(bg, 7, `${APP}#:~:okteto-divert=Not_Valid`);
    await bg.send({ type: 'setPaused', paused: true });
    await load(bg, 8, `${APP}#:~:okteto-divert=alice`);
    expect(await pins()).toEqual({});
    expect(env.current.reloads).toEqual([]);
    expect(JSON.stringify({ ...(await bg.settings()), paused: false })).toBe(before);
    expect(env.current.origins).toEqual(['*://*/*']);
  });

  it('are not read from a URL the page changed itself (location.hash, history.pushState)', async () => {
    await load(bg, 5, APP);
    await show(bg, 5, `${APP}#:~:okteto-divert=evil`, { load: false });
    await show(bg, 5, 'http://movies-staging.okteto.example.com/other#:~:okteto-divert=evil', { load: false });
    // A later request of the page (not its document) does not count either.
    env.current.fake.webRequest.onCompleted.fire({
      tabId: 5,
      url: `${APP}#:~:okteto-divert=evil`,
      type: 'xmlhttprequest',
      fromCache: false,
    });
    await bg.settle();
    expect(await pins()).toEqual({});
    expect(env.current.reloads).toEqual([]);
  });

  it('go with their tab', async () => {
    await load(bg, 5, `${APP}#:~:okteto-divert=alice`);
    env.current.fake.tabs.onRemoved.fire(5);
    await bg.settle();
    expect(await shared()).toEqual({});
  });

  // Any page can navigate a tab to a link (issue 22): a namespace the user never chose is a question.
  it('for a namespace never chosen: nothing changes, the toolbar is marked, and only the popup’s answer pins', async () => {
    const link = `${APP}#:~:okteto-divert=mallory`;
    await load(bg, 5, link);
    await bg.tabsSettled();
    expect(await pins()).toEqual({});
    expect(env.current.reloads).toEqual([]);
    expect(await shared()).toEqual({ 5: { namespace: 'mallory', url: link, status: 'asking' } });
    expect(env.current.badges[5]).toMatchObject({ text: '?' });
    expect(env.current.badges[5]?.title).toContain('A link asks to open this tab diverted to mallory');
    // Loaded again (a reload), it asks nothing more and still pins nothing.
    await load(bg, 5, link);
    expect(await pins()).toEqual({});
    // A page's content script cannot answer: only our pages send commands.
    const fromPage = { id: 'fake-id', tab: { id: 5 }, url: link };
    await bg.send({ type: 'answerShareLink', tabId: 5, open: true, namespace: 'mallory', url: link }, fromPage as never);
    expect(await pins()).toEqual({});
    // The popup says yes: the tab is pinned and reloaded; the saved namespace stays.
    expect(await bg.send({ type: 'answerShareLink', tabId: 5, open: true, namespace: 'mallory', url: link })).toEqual({
      ok: true,
    });
    await bg.settle();
    expect(await pins()).toEqual({ 5: 'mallory' });
    expect(env.current.reloads).toEqual([{ tabId: 5 }]);
    expect(await shared()).toEqual({ 5: { namespace: 'mallory', url: link } });
    expect((await bg.settings()).activeNamespace).toBe('bob');
    // Asked once only.
    expect(
      (await bg.send({ type: 'answerShareLink', tabId: 5, open: true, namespace: 'mallory', url: link })) as { ok: boolean },
    ).toMatchObject({ ok: false });
  });

  it('"Ignore" leaves the tab as it was; a question goes when its tab loads another page', async () => {
    await load(bg, 5, `${APP}#:~:okteto-divert=mallory`);
    await bg.send({
      type: 'answerShareLink',
      tabId: 5,
      open: false,
      namespace: 'mallory',
      url: `${APP}#:~:okteto-divert=mallory`,
    });
    expect(await pins()).toEqual({});
    expect((await shared())[5]?.status).toBe('ignored');
    await load(bg, 5, `${APP}#:~:okteto-divert=mallory`);
    expect((await shared())[5]?.status).toBe('ignored');
    await load(bg, 6, `${APP}#:~:okteto-divert=eve`);
    await load(bg, 6, APP);
    expect((await shared())[6]).toBeUndefined();
  });

  it('a namespace from the saved one, a domain, an own preset or a recent choice made here applies by itself', async () => {
    await bg.send({ type: 'setNamespace', namespace: 'carol' });
    await bg.send({ type: 'setNamespace', namespace: 'bob' });
    await load(bg, 5, `${APP}#:~:okteto-divert=carol`);
    expect(await pins()).toEqual({ 5: 'carol' });
    await bg.send({ type: 'setDomainNamespace', domain: 'okteto.example.com', namespace: 'dave' });
    await bg.send({ type: 'addPreset', namespace: 'erin', label: '' });
    await load(bg, 6, `${APP}#:~:okteto-divert=erin`);
    expect(await pins()).toEqual({ 5: 'carol', 6: 'erin' });
  });

  // Issue 33 (1): anyone who can deploy a preview names one an instance lists; it must not pin a tab.
  it('names an Okteto instance lists (a global preview, someone else’s namespace) pin nothing: they ask, saying where from', async () => {
    await env.current.fake.storage.local.set({
      oktetoInstances: [
        {
          url: 'https://okteto.example.com',
          namespaces: ['bob', 'mallory', 'pr-42'],
          previews: { 'pr-42': { scope: 'global', branch: 'evil' } },
        },
        { url: 'https://second.example.net', namespaces: ['mallory'] },
      ],
    });
    await load(bg, 5, `${APP}#:~:okteto-divert=pr-42`);
    await load(bg, 6, `${APP}#:~:okteto-divert=mallory`);
    await load(bg, 5, `${APP}#:~:okteto-divert=pr-42`);
    await load(bg, 6, `${APP}#:~:okteto-divert=mallory`);
    expect(await pins()).toEqual({});
    expect(env.current.reloads).toEqual([]);
    expect(await shared()).toEqual({
      5: {
        namespace: 'pr-42',
        url: `${APP}#:~:okteto-divert=pr-42`,
        status: 'asking',
        from: [{ kind: 'preview', by: 'okteto.example.com' }],
      },
      6: {
        namespace: 'mallory',
        url: `${APP}#:~:okteto-divert=mallory`,
        status: 'asking',
        from: [
          { kind: 'listed', by: 'okteto.example.com' },
          { kind: 'listed', by: 'second.example.net' },
        ],
      },
    });
    // The saved namespace, chosen here, still applies though the instance lists it too.
    await load(bg, 7, `${APP}#:~:okteto-divert=bob`);
    expect(await pins()).toEqual({ 7: 'bob' });
  });

  it('names from a team file, the policy or another browser’s sync ask too', async () => {
    const team = JSON.stringify({ version: 1, team: 'movies', domains: [], namespaces: [{ namespace: 'teamname' }] });
    expect(await bg.send({ type: 'importPresets', text: team })).toMatchObject({ ok: true });
    await load(bg, 5, `${APP}#:~:okteto-divert=teamname`);
    expect(await shared()).toMatchObject({ 5: { status: 'asking', from: [{ kind: 'team', by: 'movies' }] } });
    // Sync on, then another browser's choices arrive: its saved and recent names were not chosen here.
    await bg.send({ type: 'addPreset', namespace: 'bob', label: '' });
    expect(await bg.send({ type: 'setSync', enabled: true })).toMatchObject({ ok: true });
    const choices = { activeNamespace: 'synced', paused: false, showPageBadge: true, recent: ['synced', 'other'] };
    await env.current.fake.storage.sync.set({ 'c:choices': { v: choices, at: Date.now() + 60_000 } });
    await bg.settle();
    expect((await bg.settings()).activeNamespace).toBe('synced');
    await load(bg, 6, `${APP}#:~:okteto-divert=synced`);
    await load(bg, 7, `${APP}#:~:okteto-divert=other`);
    expect(await pins()).toEqual({});
    expect(await shared()).toMatchObject({ 6: { status: 'asking', from: [{ kind: 'sync' }] }, 7: { status: 'asking' } });
    // bob, chosen here before sync was on (and still an own preset), still applies.
    await load(bg, 8, `${APP}#:~:okteto-divert=bob`);
    expect(await pins()).toEqual({ 8: 'bob' });
  });

  // Issue 33 (2): the page sends the tab to another link between the popup's render and the click.
  it('an answer binds to the question it showed: a changed question refuses it', async () => {
    const first = `${APP}#:~:okteto-divert=mallory`;
    const second = `${APP}#:~:okteto-divert=eve`;
    await load(bg, 5, first);
    await load(bg, 5, second);
    const reply = await bg.send({ type: 'answerShareLink', tabId: 5, open: true, namespace: 'mallory', url: first });
    expect(reply).toMatchObject({ ok: false, error: expect.stringContaining('changed since') });
    // Same namespace, another URL: refused as well.
    expect(await bg.send({ type: 'answerShareLink', tabId: 5, open: true, namespace: 'eve', url: first })).toMatchObject({
      ok: false,
    });
    expect(await pins()).toEqual({});
    expect((await shared())[5]).toMatchObject({ namespace: 'eve', status: 'asking' });
    expect(await bg.send({ type: 'answerShareLink', tabId: 5, open: true, namespace: 'eve', url: second })).toEqual({ ok: true });
    await bg.settle();
    expect(await pins()).toEqual({ 5: 'eve' });
  });

  it('a prerendered document or one from the cache never applies a link', async () => {
    await bg.send({ type: 'addPreset', namespace: 'alice', label: 'Alice' });
    await load(bg, 5, `${APP}#:~:okteto-divert=alice`, { documentLifecycle: 'prerender' });
    await load(bg, 6, `${APP}#:~:okteto-divert=alice`, { fromCache: true });
    await load(bg, 7, `${APP}#:~:okteto-divert=mallory`, { documentLifecycle: 'prerender' });
    expect(await pins()).toEqual({});
    expect(await shared()).toEqual({});
    await load(bg, 8, `${APP}#:~:okteto-divert=alice`, { documentLifecycle: 'active' });
    expect(await pins()).toEqual({ 8: 'alice' });
  });
});

describe('"Open diverted to"', () => {
  let bg: Background;
  beforeEach(async () => {
    bg = await boot();
    await bg.send({ type: 'addPreset', namespace: 'staging', label: 'Shared' });
    await bg.send({ type: 'setNamespace', namespace: 'alice' });
    await bg.send({ type: 'enableForHost', host: 'movies-staging.okteto.example.com' });
    await bg.settle();
  });

  it('lists presets and recent namespaces on links to diverted domains, and follows the settings', async () => {
    const targetUrlPatterns = ['*://okteto.example.com/*', '*://*.okteto.example.com/*'];
    expect(env.current.menus).toEqual([
      {
        id: 'open-diverted',
        title: 'Open diverted to',
        contexts: ['link'],
        targetUrlPatterns,
      },
      {
        id: 'open-diverted:staging',
        parentId: 'open-diverted',
        title: 'staging (Shared)',
        contexts: ['link'],
        targetUrlPatterns,
      },
      { id: 'open-diverted:alice', parentId: 'open-diverted', title: 'alice', contexts: ['link'], targetUrlPatterns },
    ]);
    await bg.send({ type: 'setPaused', paused: true });
    await bg.settle();
    expect(env.current.menus).toEqual([]);
  });

  it('opens the link in a new tab that is pinned before it loads the link', async () => {
    const onClicked = env.current.fake.contextMenus.onClicked.fire;
    const updates: unknown[] = [];
    const update = env.current.fake.tabs.update;
    env.current.fake.tabs.update = async (id: number, props: { url: string }) => {
      updates.push({ pinned: (await pins())[id], url: props.url });
      return update(id, props);
    };
    onClicked({ menuItemId: 'open-diverted:staging', linkUrl: `${APP}?id=1` }, { id: 1, index: 0, windowId: 1 });
    await bg.settle();
    expect(updates).toEqual([{ pinned: 'staging', url: `${APP}?id=1` }]);
    // Not a diverted host, or not one of our entries: no tab.
    onClicked({ menuItemId: 'open-diverted:staging', linkUrl: 'https://elsewhere.example.org/' }, { id: 1 });
    onClicked({ menuItemId: 'someone-else', linkUrl: `${APP}?id=2` }, { id: 1 });
    await bg.settle();
    expect(updates).toHaveLength(1);
    expect((await bg.settings()).activeNamespace).toBe('alice');
  });

  // Chromium's kinds e2e once saw the page's service worker call out with the site's namespace: its
  // rule only came with the navigation's check, after the worker had answered the page.
  it("gives the new tab's site workers the pin before it loads the link", async () => {
    const onClicked = env.current.fake.contextMenus.onClicked.fire;
    const workers: unknown[] = [];
    const update = env.current.fake.tabs.update;
    env.current.fake.tabs.update = async (id: number, props: { url: string }) => {
      for (const r of await env.current.session.get())
        if (r.condition.tabIds?.includes(-1)) workers.push([r.condition.initiatorDomains, r.action.requestHeaders[0].value]);
      return update(id, props);
    };
    onClicked({ menuItemId: 'open-diverted:staging', linkUrl: `${APP}?id=4` }, { id: 1 });
    await bg.settle();
    expect(workers).toEqual([[[new URL(APP).hostname], 'okteto-divert=staging']]);
  });

  // The page writes the link: a share directive in it must not re-pin the tab the person opened.
  it('opens the namespace clicked, whatever share directive the page put in its link', async () => {
    const onClicked = env.current.fake.contextMenus.onClicked.fire;
    const updates: string[] = [];
    const update = env.current.fake.tabs.update;
    env.current.fake.tabs.update = async (id: number, props: { url: string }) => {
      updates.push(props.url);
      return update(id, props);
    };
    onClicked({ menuItemId: 'open-diverted:staging', linkUrl: `${APP}?id=3#top:~:okteto-divert=alice&text=x` }, { id: 1 });
    await bg.settle();
    expect(updates).toEqual([`${APP}?id=3#top:~:text=x`]);
    const [tabId] = Object.keys(await pins()).map(Number);
    // The new tab loads what it was sent to: still staging, the namespace clicked.
    await load(bg, tabId, updates[0]);
    expect(await pins()).toEqual({ [tabId]: 'staging' });
  });
});

describe('time-boxed divert', () => {
  let bg: Background;
  beforeEach(async () => {
    bg = await boot();
  });

  it('starts (resuming a pause), sets its alarm and tick, and ends by itself in a pause', async () => {
    await bg.send({ type: 'setPaused', paused: true });
    const until = Date.now() + 3_600_000;
    expect(await bg.send({ type: 'setDivertUntil', until })).toEqual({ ok: true });
    await bg.settle();
    expect(await bg.settings()).toMatchObject({ paused: false, divertUntil: until });
    expect(env.current.alarms.get('divert-until')).toEqual({ when: until });
    expect(env.current.alarms.get('divert-until-tick')).toEqual({ periodInMinutes: 1 });

    // An early alarm (a clock change) ends nothing.
    const onAlarm = (alarm: { name: string }) => Promise.all(env.current.fake.alarms.onAlarm.fire(alarm));
    await onAlarm({ name: 'divert-until' });
    expect((await bg.settings()).paused).toBe(false);

    await bg.send({ type: 'setDivertUntil', until: Date.now() + 20 });
    // The time is up: the clock is moved on, not waited for.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 40);
    await onAlarm({ name: 'divert-until' });
    await bg.settle();
    const s = await bg.settings();
    expect(s.paused).toBe(true);
    expect(s.divertUntil).toBeUndefined();
    expect(env.current.alarms.has('divert-until')).toBe(false);
  });

  it('refuses a time in the past or beyond a week with a message, and changes nothing', async () => {
    const before = JSON.stringify(await bg.settings());
    for (const until of [Date.now() - 1, Date.now() + 8 * 24 * 3_600_000]) {
      const reply = (await bg.send({ type: 'setDivertUntil', until })) as { ok: boolean; error: string };
      expect(reply.ok).toBe(false);
      expect(reply.error).toMatch(/already passed|within a week/);
    }
    expect(JSON.stringify(await bg.settings())).toBe(before);
  });

  it('is ended by pausing or resuming by hand, and when it ended while the browser was closed', async () => {
    await bg.send({ type: 'setDivertUntil', until: Date.now() + 60_000 });
    await bg.send({ type: 'setPaused', paused: false });
    expect((await bg.settings()).divertUntil).toBeUndefined();
    await bg.send({ type: 'setDivertUntil', until: Date.now() + 30 });
    // The browser closed past the end: the clock is moved on, not waited for.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 50);
    bg = await boot({ wake: true });
    await bg.settle();
    expect(await bg.settings()).toMatchObject({ paused: true });
    expect((await bg.settings()).divertUntil).toBeUndefined();
  });

  it('lives in session rules, which end with the browser: an ended box sends nothing at the next start', async () => {
    await bg.send({ type: 'setNamespace', namespace: 'alice' });
    await bg.send({ type: 'enableForHost', host: 'movies-staging.okteto.example.com' });
    expect(await env.current.dynamic.get()).toHaveLength(1);
    await bg.send({ type: 'setDivertUntil', until: Date.now() + 60_000 });
    expect(await env.current.dynamic.get()).toEqual([]);
    const session = await env.current.session.get();
    expect(session.map((r) => r.action.requestHeaders?.[0].value)).toEqual(['okteto-divert=alice']);
    expect(session[0].condition.tabIds).toBeUndefined();
    // No time limit any more: back to dynamic rules, which outlive a restart.
    await bg.send({ type: 'setDivertUntil', until: null });
    expect(await env.current.dynamic.get()).toHaveLength(1);
    expect(await env.current.session.get()).toEqual([]);
  });
});

describe('page checks', () => {
  it('look only at diverted tabs, and give browsingData back even when they refuse', async () => {
    const bg = await boot();
    env.current.optional.push('browsingData');
    env.current.tabs.push({ id: 3, url: 'https://elsewhere.example.org/' });
    expect(await bg.send({ type: 'inspectPage', tabId: 3 })).toEqual({ ok: false, error: 'This tab is not diverted.' });
    expect(await bg.send({ type: 'clearSiteData', tabId: 3 })).toEqual({ ok: false, error: 'This tab is not diverted.' });
    expect(env.current.injected).toEqual([]);
    expect(env.current.reloads).toEqual([]);
    expect(env.current.optional).toEqual([]);
  });
});
