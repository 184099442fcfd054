import { describe, expect, it, vi } from 'vitest';
import { boot, env } from '../../test/fakes/background';
import { originPatterns } from '../core/permissions';

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
    await merge(request(`sentry-trace_id=1,${Array.from({ length: 70 }, (_, i) => `m${i}=v`).join(',')}`));
    await bg.tabsSettled();
    const state = (await env.current.fake.storage.session.get('served:3'))['served:3'] as {
      pageBaggage: { kept: string[]; dropped: string[] };
    };
    expect(state.pageBaggage.kept[0]).toBe('sentry-trace_id');
    expect(state.pageBaggage.dropped).toHaveLength(8); // 71 of the page's and ours: 64 fit
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
