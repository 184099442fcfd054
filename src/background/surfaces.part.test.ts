import { beforeEach, describe, expect, it, vi } from 'vitest';
import { env } from '../../test/fakes/background';
import { createFakeBrowser } from '../../test/fakes/browser';
import { settingsWith } from '../../test/fixtures/settings';
import type { Context } from './context';
import { createSurfaces } from './surfaces';
import { createTabStates } from './tab-states';

vi.mock('webextension-polyfill', async () => ({ default: (await import('../../test/fakes/background')).fakeApi }));

// The surfaces part alone: a stub context stands in for the context cache (no storage, no
// reconcile, no commands), the real tab-states part beside it; waits on its own pending work.
const HOST = 'movies-staging.okteto.example.com';

function surfacesOver(context: Context) {
  (globalThis as { divertFake?: unknown }).divertFake = createFakeBrowser();
  const tabs = createTabStates();
  const surfaces = createSurfaces({ ...tabs, context: async () => context });
  return { tabs, surfaces };
}

const contextWith = (settings = settingsWith(['okteto.example.com']), pins = {}): Context => ({
  settings,
  stored: settings,
  oktetos: [],
  pins,
  workers: {},
  shared: {},
  origins: ['<all_urls>'],
});

describe('surfaces, alone with a stub context', () => {
  let ctx: Context;
  beforeEach(() => {
    ctx = contextWith();
  });

  it("a refresh aims each tab at what the context says and draws its toolbar button; another tab's stays empty", async () => {
    const { tabs, surfaces } = surfacesOver(ctx);
    env.current.tabs.push({ id: 1, url: `http://${HOST}/` }, { id: 2, url: 'https://elsewhere.example.org/' });
    surfaces.scheduleRefreshTabs();
    await surfaces.runPendingSurfaces();
    expect(await tabs.stateOf(1)).toMatchObject({ host: HOST, requested: 'alice' });
    expect((await tabs.stateOf(2)).requested).toBeUndefined();
    expect(env.current.badges[1].title).toContain('okteto-divert=alice');
    expect(env.current.badges[2].text).toBe('');
  });

  it('after a change the refresh aims the tab again; with nothing changed, what was served is kept', async () => {
    const { tabs, surfaces } = surfacesOver(ctx);
    env.current.tabs.push({ id: 1, url: `http://${HOST}/` });
    surfaces.scheduleRefreshTabs();
    await surfaces.runPendingSurfaces();
    await tabs.inOrder(1, () => tabs.record(1, { type: 'header', value: 'alice', known: ['alice'] }));
    surfaces.scheduleRefreshTabs();
    await surfaces.runPendingSurfaces();
    expect((await tabs.stateOf(1)).served).toBe('alice');
    // A pin (the stub context changes as the cache would after the command).
    Object.assign(ctx, contextWith(ctx.settings, { 1: 'bob' }));
    surfaces.scheduleRefreshTabs();
    await surfaces.runPendingSurfaces();
    const after = await tabs.stateOf(1);
    expect([after.requested, after.served]).toEqual(['bob', undefined]);
    expect(env.current.badges[1].text).toBe('bob');
  });
});
