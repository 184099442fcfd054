import { afterEach, describe, expect, it, vi } from 'vitest';
import { boot, env } from '../../test/fakes/background';
import { compileRules } from '../core/rules';
import { createWakeChecks } from './wake';

vi.mock('webextension-polyfill', async () => ({ default: (await import('../../test/fakes/background')).fakeApi }));

const withoutIds = (rules: { id: number }[]) => rules.map(({ id: _id, ...r }) => r);

describe('wake', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("answers the command that woke the worker before the wake's own checks, with every rule in place", async () => {
    const bg = await boot();
    await bg.send({ type: 'setNamespace', namespace: 'alice' });
    await bg.send({ type: 'addDomain', domain: 'okteto.example.com', enabled: true });
    await bg.send({ type: 'addDomain', domain: 'b.example.org', enabled: true });
    // What an older version left behind, for the wake's own checks to move.
    await env.current.fake.storage.local.set({ oktetoToken: 'legacy-token' });
    // The woken worker's browser holds no rule (some Firefox versions lose them across a restart).
    const woken = await boot({ wake: true, woken: true });
    expect(await env.current.dynamic.get()).toEqual([]);
    expect(await woken.send({ type: 'setNamespace', namespace: 'bob' })).toMatchObject({ ok: true });
    // The reply came first: the checks have not run yet...
    expect(env.current.fake.storage.local.dump().oktetoToken).toBe('legacy-token');
    // ...and lost nothing for it: the command's commit put back every rule, not only its change.
    const settings = await woken.settings();
    expect(withoutIds(await env.current.dynamic.get())).toEqual(compileRules(settings, () => true));
    expect(compileRules(settings, () => true)).toHaveLength(1);
    // Then they run (here: as soon as the background is idle).
    await woken.tabsSettled();
    expect(env.current.fake.storage.local.dump().oktetoToken).toBeUndefined();
  });

  it('runs the checks once a command has answered, or at their moment when none comes, once per wake', async () => {
    vi.useFakeTimers();
    const ran: string[] = [];
    const stub = (name: string) => async () => void ran.push(name);
    const parts = {
      moveLegacyToken: stub('legacy'),
      reconcileStored: stub('rules'),
      scheduleTimeBox: stub('time box'),
      syncMenus: stub('menus'),
    };
    const quiet = createWakeChecks(parts);
    quiet.scheduleWakeChecks();
    await vi.advanceTimersByTimeAsync(499);
    expect(ran).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(ran).toEqual(['rules', 'legacy', 'time box', 'menus']);

    ran.length = 0;
    const asked = createWakeChecks(parts);
    asked.scheduleWakeChecks();
    asked.answered();
    expect(ran).toEqual([]);
    await vi.advanceTimersByTimeAsync(0);
    expect(ran).toEqual(['rules', 'legacy', 'time box', 'menus']);
    asked.answered();
    await vi.advanceTimersByTimeAsync(1000);
    expect(ran).toHaveLength(4);
  });
});
