import { describe, expect, it, vi } from 'vitest';
import { boot, env } from '../../test/fakes/background';

vi.mock('webextension-polyfill', async () => ({ default: (await import('../../test/fakes/background')).fakeApi }));

// A pinned tab's site workers (service and shared workers: requests of no tab) carry its pin while
// every tab of the site agrees, and the site's namespace when they do not.

const APP = 'http://movies.okteto.example.com/';
const workerRules = async () => (await env.current.session.get()).filter((r) => r.condition.tabIds?.[0] === -1);
const plan = async () => (await env.current.fake.storage.session.get('workers')).workers;

describe('worker rules follow the tabs of a pinned site', () => {
  it('a rule for the site’s requests of no tab while its tabs agree; none once another tab of the site disagrees', async () => {
    const bg = await boot();
    await bg.send({ type: 'setNamespace', namespace: 'alice' });
    await bg.send({ type: 'addDomain', domain: 'okteto.example.com', enabled: true });
    env.current.tabs.push({ id: 3, url: APP });
    await bg.send({ type: 'pinTab', tabId: 3, namespace: 'bob' });
    const [rule] = await workerRules();
    expect(rule.condition).toMatchObject({ tabIds: [-1], initiatorDomains: ['movies.okteto.example.com'] });
    expect(rule.action.requestHeaders[0].value).toBe('okteto-divert=bob');
    expect(await plan()).toEqual({ 'movies.okteto.example.com': { carries: 'bob', follows: true } });

    // Another tab of the site starts loading: its main-frame request counts before its URL does.
    env.current.tabs.push({ id: 4, url: 'about:blank' });
    env.current.fake.webRequest.onBeforeRequest.fire({ tabId: 4, url: `${APP}other` });
    await bg.tabsSettled();
    expect(await workerRules()).toEqual([]);
    expect(await plan()).toEqual({ 'movies.okteto.example.com': { carries: 'alice', follows: false } });

    // It closes: the workers follow the pin again.
    env.current.tabs.splice(1, 1);
    env.current.fake.tabs.onRemoved.fire(4);
    await bg.tabsSettled();
    expect((await workerRules()).map((r) => r.action.requestHeaders[0].value)).toEqual(['okteto-divert=bob']);
    // Unpinned: nothing for workers any more.
    await bg.send({ type: 'pinTab', tabId: 3, namespace: null });
    expect(await workerRules()).toEqual([]);
    expect(await plan()).toEqual({});
  });

  it('the popup’s page check says what the workers of a pinned tab’s site carry', async () => {
    const bg = await boot();
    await bg.send({ type: 'setNamespace', namespace: 'alice' });
    await bg.send({ type: 'addDomain', domain: 'okteto.example.com', enabled: true });
    env.current.tabs.push({ id: 3, url: APP }, { id: 4, url: APP });
    await bg.send({ type: 'pinTab', tabId: 3, namespace: 'bob' });
    await bg.settle();
    const check = (await bg.send({ type: 'inspectPage', tabId: 3 })) as { ok: boolean; value: { worker?: unknown } };
    expect(check.value.worker).toEqual({ carries: 'alice', follows: false });
    const unpinned = (await bg.send({ type: 'inspectPage', tabId: 4 })) as { value: { worker?: unknown } };
    expect(unpinned.value.worker).toBeUndefined();
  });
});
