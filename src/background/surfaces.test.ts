import { beforeEach, describe, expect, it, vi } from 'vitest';
import { type Background, boot, env } from '../../test/fakes/background';

vi.mock('webextension-polyfill', async () => ({ default: (await import('../../test/fakes/background')).fakeApi }));

// What tabs show: toolbar button, keyboard shortcut, page badge script, served-by observers.

describe('toolbar button and shortcut', () => {
  let bg: Background;
  beforeEach(async () => {
    bg = await boot();
    env.current.tabs.push(
      { id: 1, url: 'http://movies-staging.okteto.example.com/' },
      { id: 2, url: 'https://elsewhere.example.org/' },
    );
  });

  it('shows the namespace on diverted tabs only, and a tab pin on its own tab', async () => {
    await bg.send({ type: 'setNamespace', namespace: 'alice' });
    await bg.send({ type: 'enableForHost', host: 'movies-staging.okteto.example.com' });
    await bg.tabsSettled();
    expect(env.current.badges[1]).toEqual({
      text: `${'alice'.slice(0, 3)}…`,
      title: expect.stringContaining('okteto-divert=alice'),
    });
    expect(env.current.badges[2].text).toBe('');
    await bg.send({ type: 'pinTab', tabId: 1, namespace: 'bob' });
    await bg.tabsSettled();
    expect(env.current.badges[1]).toEqual({ text: 'bob', title: expect.stringContaining('okteto-divert=bob (this tab only)') });
    await bg.send({ type: 'setPaused', paused: true });
    await bg.tabsSettled();
    expect(env.current.badges[1]).toEqual({ text: '', title: 'Divert Switch: paused' });
  });

  it('the shortcut turns a granted site on and off, and opens the popup when access is needed', async () => {
    const [onCommand] = env.current.fake.commands.onCommand.listeners;
    const press = async (tab: object) => {
      (onCommand as (c: string, t: object) => void)('toggle-divert', tab);
      await bg.settle();
    };
    await bg.send({ type: 'setNamespace', namespace: 'alice' });
    await press(env.current.tabs[0]);
    expect((await bg.settings()).domains).toEqual([{ domain: 'okteto.example.com', enabled: true }]);
    await press(env.current.tabs[0]);
    expect((await bg.settings()).domains).toEqual([{ domain: 'okteto.example.com', enabled: false }]);
    expect(env.current.popups).toEqual([]);

    env.current.origins.length = 0; // no host access at all now
    await press(env.current.tabs[1]);
    expect(env.current.popups).toHaveLength(1);
    expect((await bg.settings()).domains).toHaveLength(1);
  });
});

describe('page badge script', () => {
  it('is injected into diverted pages once they have loaded, never registered, and not when off or paused', async () => {
    const bg = await boot();
    // What versions before 0.3 registered goes at the next reconcile.
    env.current.scripts.push({ id: 'divert-switch-badge', matches: ['*://*.okteto.example.com/*'] });
    env.current.tabs.push({ id: 1, url: 'http://movies.okteto.example.com/' });
    await bg.send({ type: 'setNamespace', namespace: 'alice' });
    expect(env.current.scripts).toEqual([]);
    await bg.send({ type: 'addDomain', domain: 'okteto.example.com', enabled: true });
    await bg.send({ type: 'addDomain', domain: 'off.example.org', enabled: false });
    await bg.tabsSettled();
    expect(env.current.injected).toEqual([1]); // the open page gets its badge at once
    const [onUpdated] = env.current.fake.tabs.onUpdated.listeners as unknown as ((id: number, c: object, t: object) => void)[];
    const complete = async (id: number, url: string) => {
      env.current.newPage(id);
      onUpdated(id, { status: 'complete' }, { id, url });
      await bg.tabsSettled();
    };
    await complete(1, 'http://movies.okteto.example.com/');
    expect(env.current.injected).toEqual([1, 1]); // a load completed: injected (the script runs once per page)
    await complete(2, 'http://other.off.example.org/');
    await complete(3, 'http://movies.example.net/');
    expect(env.current.injected).toEqual([1, 1]);
    await bg.send({ type: 'setShowPageBadge', show: false });
    await complete(1, 'http://movies.okteto.example.com/');
    expect(env.current.injected).toEqual([1, 1]);
    // Switched on again: the loaded page gets its badge then, not at its next load.
    await bg.send({ type: 'setShowPageBadge', show: true });
    await bg.tabsSettled();
    expect(env.current.injected).toEqual([1, 1, 1]);
    await bg.send({ type: 'setPaused', paused: true });
    await complete(1, 'http://movies.okteto.example.com/');
    expect(env.current.injected).toEqual([1, 1, 1]);
    expect(env.current.scripts.filter((s) => s.id === 'divert-switch-badge')).toEqual([]);
  });

  it('answers a page badge with its tab state, and accepts nothing else from pages', async () => {
    const bg = await boot();
    const fromPage = { id: 'fake-id', url: 'http://movies.okteto.example.com/', tab: { id: 4 } };
    const [onMessage] = env.current.fake.runtime.onMessage.listeners;
    const send = (m: unknown) => (onMessage as (m: unknown, s: unknown) => Promise<unknown>)(m, fromPage);
    expect(await send({ type: 'divert:hello' })).toMatchObject({ type: 'divert:state', show: false });
    expect(await send({ type: 'setPaused', paused: true })).toMatchObject({ ok: false });
    expect(await send({ type: 'divert:badge-place', x: 10, y: 20, collapsed: true })).toEqual({ ok: true });
    expect(await send({ type: 'divert:badge-place', x: -1, y: 20, collapsed: true })).toMatchObject({ ok: false });
    expect(await send({ type: 'divert:badge-place', x: 1e9, y: 20, collapsed: true })).toMatchObject({ ok: false });
    expect((await env.current.fake.storage.local.get('badgePlaces')).badgePlaces).toEqual({
      'movies.okteto.example.com': { x: 10, y: 20, collapsed: true },
    });
    expect((await bg.settings())?.paused ?? false).toBe(false);
  });
});

describe('served-by observers', () => {
  it('a background booted anew gets nothing of the last one: its waiting publish lands in its own profile', async () => {
    // Fake timers from the first boot: the last background's publish timer is one this test can fire.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const bg = await boot();
      env.current.tabs.push({ id: 7, url: 'http://movies.okteto.example.com/' });
      await bg.send({ type: 'setNamespace', namespace: 'alice' });
      await bg.send({ type: 'addDomain', domain: 'okteto.example.com', enabled: true });
      env.current.fake.webRequest.onBeforeRequest.fire({ tabId: 7, url: 'http://movies.okteto.example.com/' });
      await bg.settle();
      const last = env.current;
      await boot();
      await vi.advanceTimersByTimeAsync(10_000);
      expect(await env.current.fake.storage.session.get('served:7')).toEqual({});
      expect((await last.fake.storage.session.get('served:7'))['served:7']).toMatchObject({ requested: 'alice' });
    } finally {
      vi.useRealTimers();
    }
  });

  it('loses no event when responses and sent headers arrive at once', async () => {
    const bg = await boot();
    env.current.tabs.push({ id: 7, url: 'http://movies.okteto.example.com/' });
    await bg.send({ type: 'setNamespace', namespace: 'alice' });
    await bg.send({ type: 'addDomain', domain: 'okteto.example.com', enabled: true });
    const wr = env.current.fake.webRequest;
    const url = 'http://movies.okteto.example.com/';
    wr.onBeforeRequest.fire({ tabId: 7, url });
    await bg.settle();
    const header = (value: string, requestId: string) => ({
      tabId: 7,
      url,
      requestId,
      responseHeaders: [{ name: 'X-Okteto-Namespace', value }],
    });
    const sent = (requestId: string) => ({
      tabId: 7,
      url,
      requestId,
      requestHeaders: [{ name: 'baggage', value: 'okteto-divert=alice' }],
    });
    wr.onSendHeaders.fire(sent('1'));
    wr.onSendHeaders.fire(sent('2'));
    wr.onHeadersReceived.fire(header('staging', '1'));
    wr.onHeadersReceived.fire(header('alice', '2'));
    await bg.tabsSettled();
    const state = (await env.current.fake.storage.session.get('served:7'))['served:7'];
    expect(state).toMatchObject({ requested: 'alice', served: 'alice', requests: 2, carried: 2 });
    expect(env.current.badges[7].title).toContain('Served by alice.');
    // The page had no badge: it got one (which asks for its state itself); from then on it is told.
    expect(env.current.injected).toEqual([7]);
    wr.onHeadersReceived.fire(header('alice', '3'));
    wr.onSendHeaders.fire(sent('3'));
    wr.onHeadersReceived.fire(header('alice', '3'));
    await bg.tabsSettled();
    expect(env.current.injected).toEqual([7]);
    expect(env.current.messages.at(-1)).toMatchObject({ tabId: 7, message: { type: 'divert:state', verdict: 'match' } });
  });

  it('a response counts only for the namespace its own request carried (one sent before a change says nothing now)', async () => {
    const bg = await boot();
    env.current.tabs.push({ id: 7, url: 'http://movies.okteto.example.com/' });
    await bg.send({ type: 'setNamespace', namespace: 'alice' });
    await bg.send({ type: 'addDomain', domain: 'okteto.example.com', enabled: true });
    const wr = env.current.fake.webRequest;
    const url = 'http://movies.okteto.example.com/api';
    wr.onBeforeRequest.fire({ tabId: 7, url: 'http://movies.okteto.example.com/' });
    await bg.settle();
    // Left before divert was on (no header), answered after: staging answered a request alice never got.
    wr.onSendHeaders.fire({ tabId: 7, url, requestId: 'old', requestHeaders: [] });
    wr.onHeadersReceived.fire({
      tabId: 7,
      url,
      requestId: 'old',
      responseHeaders: [{ name: 'x-okteto-namespace', value: 'staging' }],
    });
    // A response whose request was never seen leaving.
    wr.onHeadersReceived.fire({
      tabId: 7,
      url,
      requestId: 'unseen',
      responseHeaders: [{ name: 'x-okteto-namespace', value: 'bob' }],
    });
    await bg.tabsSettled();
    const state = (await env.current.fake.storage.session.get('served:7'))['served:7'];
    expect(state).toMatchObject({ requested: 'alice', requests: 1, carried: 0 });
    expect(state).not.toHaveProperty('served');
  });

  it("keeps the probe's answer when Firefox delivers the page's navigation after tabs.onUpdated said complete", async () => {
    const probes: RequestInit[] = [];
    vi.stubGlobal('fetch', async (_url: string, init: RequestInit) => {
      probes.push(init);
      return new Response('{"namespace":"alice"}', { headers: { 'content-type': 'application/json' } });
    });
    try {
      const bg = await boot();
      const url = 'http://movies.okteto.example.com/';
      env.current.tabs.push({ id: 7, url });
      await bg.send({ type: 'setNamespace', namespace: 'alice' });
      await bg.send({ type: 'addDomain', domain: 'okteto.example.com', enabled: true });
      await bg.send({ type: 'setDomainSource', domain: 'okteto.example.com', namespaceFrom: { probe: '/healthz' } });
      const [onUpdated] = env.current.fake.tabs.onUpdated.listeners as ((id: number, c: object, t: object) => void)[];
      const wr = env.current.fake.webRequest;
      // The order seen in Firefox: the tab says complete, then the page's own request events arrive.
      onUpdated(7, { status: 'loading' }, { id: 7, url });
      onUpdated(7, { status: 'complete' }, { id: 7, url });
      await bg.settle();
      wr.onBeforeRequest.fire({ tabId: 7, url });
      wr.onCompleted.fire({ tabId: 7, url, type: 'main_frame', fromCache: false });
      await bg.settle();
      await bg.tabsSettled();
      const state = (await env.current.fake.storage.session.get('served:7'))['served:7'];
      expect(state).toMatchObject({ requested: 'alice', served: 'alice', source: 'probe' });
      expect(probes).toHaveLength(1);
      expect(probes[0].credentials).toBe('omit'); // no cookies unless the user switched them on
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
