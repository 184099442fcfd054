import { afterEach, describe, expect, it, vi } from 'vitest';
import { env } from '../../test/fakes/background';
import { createFakeBrowser } from '../../test/fakes/browser';
import { settingsWith } from '../../test/fixtures/settings';
import { compileRules, compileSessionRules, PRIORITY, RULE_IDS, type TabPins } from '../core/rules';
import type { Settings } from '../core/settings';
import { BADGE_SCRIPT } from './badge-file';
import { createCommit } from './commit';
import type { Context } from './context';
import { createHeldRules } from './keep-page-baggage-rules';
import { createQueue } from './queue';
import { createReconciler } from './reconcile';
import { createWakeChecks } from './wake';

vi.mock('webextension-polyfill', async () => ({ default: (await import('../../test/fakes/background')).fakeApi }));

// The reconcile part alone: a stub context stands in for the context cache, the real queue and
// held rules beside it; the wake's checks are the real ones with stub neighbours but the rules'.
// Clock-driven work (the wake's moment, the workers' check) runs by moving a fake clock.
const HOST = 'movies-staging.okteto.example.com';
const URL_OF_HOST = `http://${HOST}/`;
const SETTINGS = settingsWith(['okteto.example.com', { domain: 'b.example.org', namespace: 'bob' }]);
const withoutIds = (rules: { id: number }[]) => rules.map(({ id: _id, ...r }) => r);
const noop = async () => undefined;

async function reconcileOver(settings: Settings, pins: TabPins = {}, { firefox = false } = {}) {
  (globalThis as { divertFake?: unknown }).divertFake = createFakeBrowser(undefined, { firefox });
  await env.current.fake.storage.local.set({ settings });
  await env.current.fake.storage.session.set({ pins });
  const context: Context = { settings, stored: settings, oktetos: [], pins, workers: {}, shared: {}, origins: ['*://*/*'] };
  const queue = createQueue();
  const held = createHeldRules();
  const rules = createReconciler({ context: async () => context, ...held, ...queue });
  const { reconcileStored } = createCommit({ committed: () => undefined, ...queue, ...rules });
  const wake = createWakeChecks({ reconcileStored, moveLegacyToken: noop, scheduleTimeBox: noop, syncMenus: noop });
  return { held, rules, reconcileStored, wake };
}

describe('reconcile, alone with a stub context', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('puts back the rules the browser lost from what storage says, touching only the difference', async () => {
    const { reconcileStored } = await reconcileOver(SETTINGS);
    await reconcileStored();
    const wanted = compileRules(SETTINGS, () => true);
    expect(wanted).toHaveLength(2);
    expect(withoutIds(await env.current.dynamic.get())).toEqual(wanted);
    // Everything lost (some Firefox versions, across a restart): all of it comes back.
    env.current.dynamic.wipe();
    await reconcileStored();
    expect(withoutIds(await env.current.dynamic.get())).toEqual(wanted);
    // One rule lost: only that one is added again; nothing lost: nothing is written.
    const update = vi.spyOn(env.current.fake.declarativeNetRequest, 'updateDynamicRules');
    const [first] = await env.current.dynamic.get();
    await env.current.dynamic.update({ removeRuleIds: [first.id] });
    update.mockClear();
    await reconcileStored();
    expect(update).toHaveBeenCalledTimes(1);
    expect(update.mock.calls[0][0]).toMatchObject({ addRules: [first], removeRuleIds: [] });
    await reconcileStored();
    expect(update).toHaveBeenCalledTimes(1);
  });

  it("a time box's rules live in session rules, put back there after a restart; a running compare's rule stays", async () => {
    const boxed = { ...SETTINGS, divertUntil: Date.now() + 3_600_000 };
    const { reconcileStored } = await reconcileOver(boxed);
    const compare = { ...compileRules(SETTINGS, () => true)[0], id: RULE_IDS.compare.first, priority: PRIORITY.compare };
    await env.current.session.update({ addRules: [compare] });
    await reconcileStored();
    const inSession = async () => withoutIds((await env.current.session.get()).filter((r) => r.id !== compare.id));
    expect(await env.current.dynamic.get()).toEqual([]);
    expect(await inSession()).toEqual(compileRules(boxed, () => true));
    env.current.session.wipe();
    await env.current.session.update({ addRules: [compare] });
    await reconcileStored();
    expect(await inSession()).toEqual(compileRules(boxed, () => true));
    expect((await env.current.session.get()).map((r) => r.id)).toContain(compare.id);
  });

  it("registers only Chrome's keep-page-baggage scripts: the page badge is surfaces', never registered here", async () => {
    const keep = { ...SETTINGS, keepPageBaggage: true };
    const { reconcileStored } = await reconcileOver(keep);
    env.current.tabs.push({ id: 1, url: URL_OF_HOST });
    // What versions before 0.3 registered: the badge on every diverted page.
    env.current.scripts.push({ id: 'divert-switch-badge', matches: ['*://*.okteto.example.com/*'], js: [BADGE_SCRIPT] });
    await reconcileStored();
    const ids = env.current.scripts.map((s) => s.id).sort();
    expect(ids).toEqual(['divert-switch-keep-bridge', 'divert-switch-keep-page']);
    expect(env.current.scripts.flatMap((s) => s.js)).not.toContain(BADGE_SCRIPT);
    expect(env.current.scripts[0].matches).toContain('*://*.okteto.example.com/*');
    expect(env.current.injected).toEqual([]);
    // Switched off, and in Firefox (its blocking listener merges): none at all.
    await env.current.fake.storage.local.set({ settings: SETTINGS });
    await reconcileStored();
    expect(env.current.scripts).toEqual([]);
    const firefox = await reconcileOver(keep, {}, { firefox: true });
    await firefox.reconcileStored();
    expect(env.current.scripts).toEqual([]);
  });

  it("on a wake, at its moment: the lost rules come back and the last wake's held rules go", async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { held, wake } = await reconcileOver(SETTINGS);
    const url = `${URL_OF_HOST}api/catalog/movies`;
    const kept = {
      tabId: 1,
      method: 'GET',
      url,
      initiator: HOST,
      origin: URL_OF_HOST.slice(0, -1),
      value: 's=1,okteto-divert=alice',
    };
    expect(await held.hold(kept)).toBe(RULE_IDS.merged.first);
    wake.scheduleWakeChecks();
    await vi.advanceTimersByTimeAsync(499);
    expect(await env.current.dynamic.get()).toEqual([]);
    expect(held.isKept(1, 'GET', url)).toBe(true);
    await vi.advanceTimersByTimeAsync(1);
    expect(withoutIds(await env.current.dynamic.get())).toEqual(compileRules(SETTINGS, () => true));
    expect(await env.current.session.get()).toEqual([]);
    expect(held.isKept(1, 'GET', url)).toBe(false);
  });

  it("a pinned site's workers follow the pin until another tab of the site asks otherwise, checked 10 ms after", async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const pins = { 1: 'bob' };
    const { rules } = await reconcileOver(SETTINGS, pins);
    env.current.tabs.push({ id: 1, url: URL_OF_HOST });
    await rules.reconcile(SETTINGS, pins);
    const workersRule = async () => (await env.current.session.get()).find((r) => r.condition.tabIds?.includes(-1));
    expect(withoutIds(await env.current.session.get())).toEqual(
      compileSessionRules(SETTINGS, pins, () => true, undefined, { [HOST]: 'bob' }),
    );
    expect((await workersRule())?.condition.initiatorDomains).toEqual([HOST]);
    // A second tab, still blank, starts loading the site unpinned ("Open diverted to" has not pinned it).
    env.current.tabs.push({ id: 2, url: 'about:blank' });
    rules.noteNavigation(2, URL_OF_HOST);
    await vi.advanceTimersByTimeAsync(9);
    expect(await workersRule()).toBeDefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(await workersRule()).toBeUndefined();
    expect((await env.current.fake.storage.session.get('workers')).workers).toEqual({
      [HOST]: { carries: 'alice', follows: false },
    });
    // It closes (the browser lists it no more): the workers follow the pin again.
    env.current.tabs.splice(1, 1);
    rules.scheduleWorkerSync(2);
    await vi.advanceTimersByTimeAsync(10);
    expect((await workersRule())?.action.requestHeaders[0].value).toBe('okteto-divert=bob');
  });
});
