import { describe, expect, it, vi } from 'vitest';
import { boot, env } from '../../test/fakes/background';
import { originPatterns } from '../core/permissions';
import { TIME_BOX_ALARM } from './time-box';

vi.mock('webextension-polyfill', async () => ({ default: (await import('../../test/fakes/background')).fakeApi }));

// The page's own baggage (contract): Firefox merges in a blocking listener; Chrome says what it replaced.

type Listener = (d: object) => Promise<{ requestHeaders?: { name: string; value?: string }[] }> | undefined;
const url = 'http://catalog-staging.okteto.example.com/api/movies';
const page = 'http://movies-staging.okteto.example.com/';
const request = (baggage: string | undefined, extra: object = {}) => ({
  tabId: 3,
  url,
  originUrl: page,
  requestHeaders: [{ name: 'Accept', value: '*/*' }, ...(baggage === undefined ? [] : [{ name: 'Baggage', value: baggage }])],
  ...extra,
});
const baggageOf = (r: { requestHeaders?: { name: string; value?: string }[] }) =>
  r.requestHeaders?.filter((h) => h.name.toLowerCase() === 'baggage').map((h) => h.value);

describe('Firefox: okteto-divert merged into the page’s own baggage', () => {
  async function firefox() {
    const bg = await boot({ firefox: true });
    await bg.send({ type: 'setNamespace', namespace: 'alice' });
    await bg.send({ type: 'addDomain', domain: 'okteto.example.com', enabled: true });
    const [listener] = env.current.fake.webRequest.onBeforeSendHeaders.listeners as unknown as Listener[];
    return { bg, merge: (d: object) => listener(d) as Promise<{ requestHeaders?: { name: string; value?: string }[] }> };
  }

  it('keeps every member the page sent and sets ours; alone when the page sent none', async () => {
    const { merge } = await firefox();
    expect(baggageOf(await merge(request('sentry-trace_id=4bf92f3577b34da6,userId=alice%40example.com')))).toEqual([
      'sentry-trace_id=4bf92f3577b34da6,userId=alice%40example.com,okteto-divert=alice',
    ]);
    expect(baggageOf(await merge(request(undefined)))).toEqual(['okteto-divert=alice']);
    expect(baggageOf(await merge(request('okteto-divert=someone-else')))).toEqual(['okteto-divert=alice']);
    expect((await merge(request(undefined))).requestHeaders?.[0]).toEqual({ name: 'Accept', value: '*/*' });
  });

  it('the rules leave fetch/XHR to it: one mechanism per request', async () => {
    await firefox();
    const rules = await env.current.dynamic.get();
    expect(rules[0].condition.resourceTypes).not.toContain('xmlhttprequest');
    expect(rules[0].condition.resourceTypes).toContain('main_frame');
  });

  it('as the rules do: tab pins, pause, switched-off entries, other hosts and ungranted callers', async () => {
    const { bg, merge } = await firefox();
    await bg.send({ type: 'pinTab', tabId: 3, namespace: 'bob' });
    expect(baggageOf(await merge(request('a=1')))).toEqual(['a=1,okteto-divert=bob']);
    // a worker's request (no tab) follows the domain, not the pin
    expect(baggageOf(await merge(request('a=1', { tabId: -1 })))).toEqual(['a=1,okteto-divert=alice']);
    expect(await merge(request('a=1', { url: 'http://other.example.org/x' }))).toEqual({});
    // a page on a host we may not access calls a diverted host: not ours to change
    env.current.origins.splice(0, env.current.origins.length, ...originPatterns('okteto.example.com'));
    env.current.fake.permissions.onRemoved.fire({});
    expect(await merge(request('a=1', { originUrl: 'http://localhost:3000/' }))).toEqual({});
    expect(baggageOf(await merge(request('a=1')))).toEqual(['a=1,okteto-divert=bob']);
    await bg.send({ type: 'setPaused', paused: true });
    expect(await merge(request('a=1'))).toEqual({});
  });

  it('tells the tab what became of the page’s members', async () => {
    const { bg, merge } = await firefox();
    await merge(request(`sentry-trace_id=1,${Array.from({ length: 63 }, (_, i) => `m${i}=v`).join(',')}`));
    await bg.tabsSettled();
    const state = (await env.current.fake.storage.session.get('served:3'))['served:3'] as {
      pageBaggage: { kept: string[]; dropped: string[]; tooLarge?: true };
    };
    expect(state.pageBaggage.kept[0]).toBe('sentry-trace_id');
    expect(state.pageBaggage.dropped).toEqual(['m62']); // 64 of the page's and ours: 64 fit
    expect(state.pageBaggage.tooLarge).toBeUndefined();
  });

  it('a page baggage over the W3C limits is never parsed: it leaves as okteto-divert alone, and the tab is told', async () => {
    const { bg, merge } = await firefox();
    // 64 KiB of members took minutes to merge before (quadratic): now one bounded look.
    expect(baggageOf(await merge(request('a=1,'.repeat(16_384))))).toEqual(['okteto-divert=alice']);
    expect(baggageOf(await merge(request(`OKTETO-DIVERT=mallory,${'x'.repeat(9000)}`)))).toEqual(['okteto-divert=alice']);
    expect(baggageOf(await merge(request('a=1,OKTETO-DIVERT=mallory')))).toEqual(['a=1,okteto-divert=alice']);
    await bg.tabsSettled();
    const state = (await env.current.fake.storage.session.get('served:3'))['served:3'] as { pageBaggage: { tooLarge?: true } };
    expect(state.pageBaggage.tooLarge).toBe(true);
  });
});

describe('Chrome: the page’s own baggage replaced, and said', () => {
  it('records the members the rules replaced on a diverted call', async () => {
    const bg = await boot();
    await bg.send({ type: 'setNamespace', namespace: 'alice' });
    await bg.send({ type: 'addDomain', domain: 'okteto.example.com', enabled: true });
    const [observe] = env.current.fake.webRequest.onBeforeSendHeaders.listeners as unknown as ((d: object) => void)[];
    observe(request('sentry-trace_id=1,userId=x,okteto-divert=bob'));
    observe(request('other=1', { url: 'http://other.example.org/' }));
    await bg.tabsSettled();
    const state = (await env.current.fake.storage.session.get('served:3'))['served:3'] as { pageBaggage: unknown };
    expect(state.pageBaggage).toEqual({ kept: [], replaced: ['sentry-trace_id', 'userId'], dropped: [] });
    expect((await env.current.dynamic.get())[0].condition.resourceTypes).toContain('xmlhttprequest');
  });
});

describe('Chrome, “Keep the page’s own baggage”: one held rule per request', () => {
  const tab = { id: 3 };
  // A page of the API's own origin (an app served with its API): only such calls keep their baggage.
  const fromPage = { id: 'fake-id', tab, url: 'http://catalog-staging.okteto.example.com/app' };
  const ask = (extra: object = {}) => ({
    type: 'divert:keep-page-baggage',
    url,
    method: 'GET',
    baggage: 'sentry-trace_id=1,userId=x',
    ...extra,
  });
  async function chrome(keep = true) {
    const bg = await boot();
    await bg.send({ type: 'setNamespace', namespace: 'alice' });
    await bg.send({ type: 'addDomain', domain: 'okteto.example.com', enabled: true });
    if (keep) await bg.send({ type: 'setKeepPageBaggage', keep: true });
    return {
      bg,
      ask: (m: object, sender: object = fromPage) => bg.send(m, sender as never) as Promise<{ token?: number; error?: string }>,
    };
  }
  const held = async () => (await env.current.session.get()).filter((r) => r.id >= 9000);

  it('registers the page script and its bridge only while the switch is on, at document start on granted pages', async () => {
    const { bg } = await chrome(false);
    expect(env.current.scripts.map((s) => s.id)).toEqual([]);
    await bg.send({ type: 'setKeepPageBaggage', keep: true });
    const page = env.current.scripts.find((s) => s.id === 'divert-switch-keep-page');
    expect(page).toMatchObject({ world: 'MAIN', runAt: 'document_start', allFrames: true });
    expect(env.current.scripts.find((s) => s.id === 'divert-switch-keep-bridge')?.world).toBeUndefined();
    await bg.send({ type: 'setPaused', paused: true });
    expect(env.current.scripts).toEqual([]);
    await bg.send({ type: 'setPaused', paused: false });
    await bg.send({ type: 'setKeepPageBaggage', keep: false });
    expect(env.current.scripts.map((s) => s.id)).toEqual([]);
  });

  it('page scripts go on the diverted domains and calling pages, never on fetch-only hosts, however broad the grant', async () => {
    const { bg } = await chrome();
    const matches = () => env.current.scripts.find((s) => s.id === 'divert-switch-keep-page')?.matches;
    const granted = async (origins: string[]) => {
      env.current.origins.splice(0, env.current.origins.length, ...origins);
      env.current.fake.permissions.onAdded.fire({});
      await bg.settle();
    };
    // The Okteto instance and a subscribed preset file are granted so the extension can fetch them.
    await env.current.fake.storage.local.set({ okteto: { url: 'https://okteto.cloud.example', namespaces: ['alice'] } });
    const s = await bg.settings();
    await env.current.fake.storage.local.set({
      settings: { ...s, subscriptions: [{ url: 'https://presets.example.net/team.json', team: 'movies' }] },
    });
    await granted([
      ...originPatterns('okteto.example.com'),
      '*://okteto.cloud.example/*',
      '*://presets.example.net/*',
      '*://localhost/*',
    ]);
    expect(matches()).toEqual(['*://*.okteto.example.com/*', '*://localhost/*']);
    // Chrome's "On all sites": the diverted domains all the same (none was registered before).
    await granted(['<all_urls>']);
    expect(matches()).toEqual(['*://*.okteto.example.com/*']);
    await granted(['*://*/*', 'ws://*/*', 'wss://*/*']);
    expect(matches()).toEqual(['*://*.okteto.example.com/*']);
  });

  it('holds a rule above the domain and pin rules for that tab, method and URL, with the merged value; letting go removes it', async () => {
    const { bg, ask: send } = await chrome();
    const answer = await send(ask());
    expect(answer.token).toBe(9000);
    const [rule] = await held();
    expect(rule).toMatchObject({
      priority: 3,
      action: {
        requestHeaders: [{ header: 'baggage', operation: 'set', value: 'sentry-trace_id=1,userId=x,okteto-divert=alice' }],
      },
      condition: {
        urlFilter: `|${url}|`,
        isUrlFilterCaseSensitive: true,
        requestDomains: ['catalog-staging.okteto.example.com'],
        initiatorDomains: ['catalog-staging.okteto.example.com'],
        requestMethods: ['get'],
        resourceTypes: ['xmlhttprequest'],
        tabIds: [3],
      },
    });
    // The observer does not call a kept request replaced.
    const [observe] = env.current.fake.webRequest.onBeforeSendHeaders.listeners as unknown as ((d: object) => Promise<void>)[];
    await observe({ ...request('sentry-trace_id=1,userId=x'), method: 'GET' });
    await send({ type: 'divert:keep-page-baggage-done', token: answer.token });
    expect(await held()).toEqual([]);
    await bg.tabsSettled();
    const state = (await env.current.fake.storage.session.get('served:3'))['served:3'] as { pageBaggage: unknown };
    expect(state.pageBaggage).toEqual({ kept: ['sentry-trace_id', 'userId'], replaced: [], dropped: [] });
  });

  // Issue 33 (8): a no-cors call cannot carry the page's baggage to another origin; a held rule would set it there.
  it('holds rules only for the asking page’s own origin; a frame of another origin cannot let go of them', async () => {
    const { ask: send } = await chrome();
    const other = { ...fromPage, url: page }; // movies-staging: diverted too, another origin
    const refused = await send(ask(), other);
    expect(refused.token).toBeUndefined();
    expect(refused.error).toMatch(/own origin/);
    // Another port or scheme of the same host is another origin as well.
    expect((await send(ask({ url: 'http://catalog-staging.okteto.example.com:8080/api' }))).token).toBeUndefined();
    expect((await send(ask({ url: 'https://catalog-staging.okteto.example.com/api' }))).token).toBeUndefined();
    expect(await held()).toEqual([]);
    const { token } = await send(ask());
    expect(token).toBeDefined();
    await send({ type: 'divert:keep-page-baggage-done', token }, other);
    expect(await held()).toHaveLength(1);
  });

  it('the namespace is the background’s: a tab pin wins, and a page cannot choose it', async () => {
    const { bg, ask: send } = await chrome();
    await bg.send({ type: 'pinTab', tabId: 3, namespace: 'bob' });
    await send(ask({ baggage: 'okteto-divert=mallory,a=1' }));
    expect((await held())[0].action.requestHeaders?.[0].value).toBe('okteto-divert=bob,a=1');
  });

  it('holds nothing for what the rules would not divert, or with the switch off', async () => {
    const { bg, ask: send } = await chrome();
    expect((await send(ask({ url: 'http://other.example.org/x' }))).token).toBeUndefined();
    expect((await send(ask({ method: 'PROPFIND' }))).token).toBeUndefined();
    // a calling page the user did not grant
    env.current.origins.splice(0, env.current.origins.length, ...originPatterns('okteto.example.com'));
    env.current.fake.permissions.onRemoved.fire({});
    expect((await send(ask(), { ...fromPage, url: 'http://localhost:3000/' })).token).toBeUndefined();
    await bg.send({ type: 'setKeepPageBaggage', keep: false });
    expect((await send(ask())).token).toBeUndefined();
    expect(await held()).toEqual([]);
  });

  it('refuses malformed asks, and a tab cannot let go of another tab’s rule', async () => {
    const { ask: send } = await chrome();
    for (const bad of [
      { url: 'javascript:alert(1)' },
      { url: `${url}\r\nx: y` },
      { method: 'get' },
      { baggage: 'a=1\r\nx-evil: 1' },
      { baggage: 'x'.repeat(20_000) },
    ]) {
      const answer = await send(ask(bad));
      expect(answer.error, JSON.stringify(bad)).toBeDefined();
    }
    const { token } = await send(ask());
    await send({ type: 'divert:keep-page-baggage-done', token }, { ...fromPage, tab: { id: 4 } });
    expect(await held()).toHaveLength(1);
  });

  it('the same request twice with the same baggage shares one rule; each tab is bounded', async () => {
    const { ask: send } = await chrome();
    const [a, b] = await Promise.all([send(ask()), send(ask())]);
    expect(a.token).toBe(b.token);
    await send({ type: 'divert:keep-page-baggage-done', token: a.token });
    expect(await held()).toHaveLength(1);
    await send({ type: 'divert:keep-page-baggage-done', token: b.token });
    expect(await held()).toHaveLength(0);
    // Another tab (its own budget of asks) holds at most 64 rules at once.
    const many = await Promise.all(
      Array.from({ length: 70 }, (_, i) => send(ask({ url: `${url}?${i}` }), { ...fromPage, tab: { id: 5 } })),
    );
    expect(many.filter((m) => m.token !== undefined)).toHaveLength(64);
    expect(await held()).toHaveLength(64);
  });

  it('with other baggage, a second request to the same URL waits for the first to leave', async () => {
    const { ask: send, bg } = await chrome();
    const first = await send(ask());
    const second = send(ask({ baggage: 'other=2' }));
    // Everything the ask could do by itself has run (the queue drained, what waits ran), not a time.
    await bg.tabsSettled();
    expect(await held()).toHaveLength(1);
    await send({ type: 'divert:keep-page-baggage-done', token: first.token });
    expect((await second).token).toBeDefined();
    expect((await held())[0].action.requestHeaders?.[0].value).toBe('other=2,okteto-divert=alice');
  });

  it('requests to two URLs, each with its own baggage, hold their rules at once: neither waits', async () => {
    const { ask: send } = await chrome();
    const [a, b] = await Promise.all([send(ask({ url: `${url}?a` })), send(ask({ url: `${url}?b`, baggage: 'other=2' }))]);
    expect(a.token).toBeDefined();
    expect(b.token).toBeDefined();
    expect(a.token).not.toBe(b.token);
    expect((await held()).map((r) => r.action.requestHeaders?.[0].value).sort()).toEqual([
      'other=2,okteto-divert=alice',
      'sentry-trace_id=1,userId=x,okteto-divert=alice',
    ]);
  });

  // ---- a hostile page sends the asks itself (issue 22: each of these held a wider rule before) ----

  it('a held rule matches one URL only: wildcards, separators, anchors and userinfo are refused', async () => {
    const { ask: send } = await chrome();
    for (const wide of [
      'http://catalog-staging.okteto.example.com/*',
      'http://catalog-staging.okteto.example.com/api^',
      'http://catalog-staging.okteto.example.com/a|b',
      'http://*@okteto.example.com/x',
      'http://user:pw@catalog-staging.okteto.example.com/api/movies',
      'http://*@okteto.example.com:8080/*',
    ]) {
      expect((await send(ask({ url: wide }))).token, wide).toBeUndefined();
    }
    expect(await held()).toEqual([]);
  });

  it("the page's own okteto-divert in any letter case never leaves, and the namespace stays the background's", async () => {
    const { ask: send } = await chrome();
    await send(ask({ baggage: 'OKTETO-DIVERT=mallory,a=1,Okteto-Divert=eve' }));
    expect((await held())[0].action.requestHeaders?.[0].value).toBe('okteto-divert=alice,a=1');
  });

  it('an ask over the W3C limits holds nothing and is said; a flood of asks is cut off at once', async () => {
    const { bg, ask: send } = await chrome();
    expect((await send(ask({ baggage: 'a=1,'.repeat(3000) }))).error).toMatch(/W3C/);
    await bg.tabsSettled();
    const state = (await env.current.fake.storage.session.get('served:3'))['served:3'] as { pageBaggage: { tooLarge?: true } };
    expect(state.pageBaggage.tooLarge).toBe(true);
    // The clock stands still while the flood comes (only Date is faked: the fake's promises and
    // timers run as ever), so no ask is let in by a bucket refilled while a loaded machine is slow.
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      const flood = await Promise.all(
        Array.from({ length: 300 }, (_, i) => send(ask({ url: `${url}?f${i}` }), { ...fromPage, tab: { id: 7 } })),
      );
      const refused = flood.filter((a) => a.error === 'Too many asks from this tab.');
      expect(refused).toHaveLength(300 - 64);
      expect((await held()).length).toBeLessThanOrEqual(64);
    } finally {
      vi.useRealTimers();
    }
    // Another tab is not held up by it.
    expect((await send(ask())).token).toBeDefined();
  });

  it('pause, "Divert this site" off, the end of a time box and a wake drop every held rule', async () => {
    const { bg, ask: send } = await chrome();
    const hold = async () => expect((await send(ask({ url: `${url}?${Math.random()}` }))).token).toBeDefined();
    await hold();
    await bg.send({ type: 'setPaused', paused: true });
    expect(await held()).toEqual([]);
    await bg.send({ type: 'setPaused', paused: false });
    await hold();
    await bg.send({ type: 'setDomainEnabled', domain: 'okteto.example.com', enabled: false });
    expect(await held()).toEqual([]);
    await bg.send({ type: 'setDomainEnabled', domain: 'okteto.example.com', enabled: true });
    await bg.send({ type: 'setDivertUntil', until: Date.now() + 60_000 });
    await hold();
    await bg.settings().then((s) => env.current.fake.storage.local.set({ settings: { ...s, divertUntil: Date.now() - 1 } }));
    await bg.onAlarm({ name: TIME_BOX_ALARM });
    expect(await held()).toEqual([]);
    expect((await bg.settings()).paused).toBe(true);
    await bg.send({ type: 'setPaused', paused: false });
    await hold();
    // The worker stops with a rule held: the next wake removes it before anything else.
    await (await boot({ wake: true })).tabsSettled();
    expect(await held()).toEqual([]);
  });

  it('a held rule lives seconds, whether or not the page lets go', async () => {
    const { ask: send } = await chrome();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      expect((await send(ask())).token).toBeDefined();
      await vi.advanceTimersByTimeAsync(4_000);
      expect(await held()).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(1_100);
      expect(await held()).toEqual([]);
    } finally {
      vi.useRealTimers();
    }
  });
});
