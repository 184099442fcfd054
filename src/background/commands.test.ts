import { beforeEach, describe, expect, it, vi } from 'vitest';
import { type Background, boot, env } from '../../test/fakes/background';
import { compileRules, compileSessionRules } from '../core/rules';

vi.mock('webextension-polyfill', async () => ({ default: (await import('../../test/fakes/background')).fakeApi }));

// Commands through the background: validated, committed in order, rules rebuilt from settings.

describe('background', () => {
  let bg: Background;
  beforeEach(async () => {
    bg = await boot();
  });

  it('turns divert on for a site and installs the rule', async () => {
    expect(await bg.send({ type: 'setNamespace', namespace: 'alice' })).toEqual({ ok: true, value: 'alice' });
    expect(await bg.send({ type: 'enableForHost', host: 'movies-staging.okteto.example.com' })).toEqual({
      ok: true,
      value: 'okteto.example.com',
    });
    const rules = await env.current.dynamic.get();
    expect(rules).toHaveLength(1);
    expect(rules[0].condition.requestDomains).toEqual(['okteto.example.com']);
    expect(rules[0].action.requestHeaders[0].value).toBe('okteto-divert=alice');
  });

  it('refuses bad payloads with a message and changes nothing', async () => {
    await bg.send({ type: 'setNamespace', namespace: 'alice' });
    const before = JSON.stringify(await bg.settings());
    for (const bad of [
      { type: 'setNamespace', namespace: 'Not Valid' },
      { type: 'x' },
      'junk',
      { type: 'addDomain', domain: '*', enabled: true },
    ]) {
      const reply = (await bg.send(bad)) as { ok: boolean; error: string };
      expect(reply.ok).toBe(false);
      expect(reply.error.length).toBeGreaterThan(10);
    }
    expect(JSON.stringify(await bg.settings())).toBe(before);
  });

  it('ignores messages from anywhere but its own pages', async () => {
    expect(bg.send({ type: 'setPaused', paused: true }, { id: 'other', url: 'https://evil.test/' })).toBeUndefined();
    expect(bg.send({ type: 'setPaused', paused: true }, { id: 'fake-id', url: 'https://okteto.example.com/' })).toBeUndefined();
  });

  it('ends a burst of 100 commands in the state of the last one', async () => {
    await bg.send({ type: 'addDomain', domain: 'okteto.example.com', enabled: true });
    // Odd i: a namespace change; even i: a toggle (on when i % 4 === 0); a last toggle turns it on.
    const burst = Array.from({ length: 99 }, (_, i) =>
      bg.send(
        i % 2
          ? { type: 'setNamespace', namespace: `ns${i}` }
          : { type: 'setDomainEnabled', domain: 'okteto.example.com', enabled: i % 4 === 0 },
      ),
    );
    burst.push(bg.send({ type: 'setDomainEnabled', domain: 'okteto.example.com', enabled: true }));
    await Promise.all(burst);
    const s = await bg.settings();
    expect(s.activeNamespace).toBe('ns97');
    expect(s.domains[0].enabled).toBe(true);
    const installed = (await env.current.dynamic.get()).map(({ id: _id, ...r }) => r);
    expect(installed).toEqual(compileRules(s, () => true));
    expect(installed[0].action.requestHeaders[0].value).toBe('okteto-divert=ns97');
  });

  it('rebuilds lost rules from settings at browser start, and drops tab pins', async () => {
    await bg.send({ type: 'setNamespace', namespace: 'alice' });
    await bg.send({ type: 'addDomain', domain: 'okteto.example.com', enabled: true });
    await bg.send({ type: 'pinTab', tabId: 4, namespace: 'bob' });
    expect(await env.current.session.get()).toHaveLength(1);
    env.current.dynamic.wipe();
    env.current.session.wipe();
    env.current.fake.runtime.onStartup.fire();
    await bg.settle();
    const s = await bg.settings();
    const dynamic = await env.current.dynamic.get();
    expect(dynamic.map(({ id: _id, ...r }) => r)).toEqual(compileRules(s, () => true));
    expect(await env.current.session.get()).toEqual([]);
  });

  it('keeps a tab pin in a session rule until the tab closes', async () => {
    await bg.send({ type: 'setNamespace', namespace: 'alice' });
    await bg.send({ type: 'addDomain', domain: 'okteto.example.com', enabled: true });
    await bg.send({ type: 'pinTab', tabId: 9, namespace: 'staging' });
    const s = await bg.settings();
    expect((await env.current.session.get()).map(({ id: _id, ...r }) => r)).toEqual(
      compileSessionRules(s, { 9: 'staging' }, () => true),
    );
    env.current.fake.tabs.onRemoved.fire(9);
    await bg.settle();
    expect(await env.current.session.get()).toEqual([]);
  });

  it('keeps an unreadable settings blob aside instead of overwriting it', async () => {
    await env.current.fake.storage.local.set({ settings: { schemaVersion: 99, domains: 'from the future' } });
    await bg.send({ type: 'setPaused', paused: true });
    const aside = (await env.current.fake.storage.local.get('settingsAside')).settingsAside as { blob: unknown; reason: string };
    expect(aside.blob).toEqual({ schemaVersion: 99, domains: 'from the future' });
    expect(aside.reason).toMatch(/newer Divert Switch/);
    expect((await bg.settings()).paused).toBe(true);
    // a second unreadable blob does not overwrite the first: it moves to the older ones
    await env.current.fake.storage.local.set({ settings: 'garbage' });
    await bg.send({ type: 'setPaused', paused: false });
    const kept = await env.current.fake.storage.local.get(['settingsAside', 'settingsAsideOlder']);
    expect((kept.settingsAside as { blob: unknown }).blob).toBe('garbage');
    expect((kept.settingsAsideOlder as { blob: unknown }[])[0].blob).toEqual({ schemaVersion: 99, domains: 'from the future' });
  });

  it('repairs settings with one bad entry: only that entry goes, the rest is kept, the whole original kept aside', async () => {
    const good = { domain: 'okteto.example.com', enabled: true, namespace: 'alice' };
    const blob = {
      schemaVersion: 2,
      domains: [good, { domain: '*', enabled: true }, { domain: 'other.example.org', enabled: false }, good],
      presets: [{ namespace: 'alice', label: 'Alice' }, { namespace: 'Not Valid' }],
      activeNamespace: 'bob',
      paused: 'yes',
      showPageBadge: false,
      recent: ['bob'],
      subscriptions: [],
    };
    await env.current.fake.storage.local.set({ settings: blob });
    expect(await bg.send({ type: 'setNamespace', namespace: 'carol' })).toMatchObject({ ok: true });
    const s = await bg.settings();
    expect(s.domains).toEqual([good, { domain: 'other.example.org', enabled: false }]);
    expect(s.presets).toEqual([{ namespace: 'alice', label: 'Alice' }]);
    expect(s).toMatchObject({ activeNamespace: 'carol', paused: false, showPageBadge: false, recent: ['carol', 'bob'] });
    const aside = (await env.current.fake.storage.local.get('settingsAside')).settingsAside as { blob: unknown; reason: string };
    expect(aside.blob).toEqual(blob);
    expect(aside.reason).toContain('Only what could not be read was set aside (domains[1], domains[3], presets[1], paused)');
    // The rules follow what was kept.
    expect((await env.current.dynamic.get()).map((r) => r.action.requestHeaders[0].value)).toEqual(['okteto-divert=alice']);
  });
});

// "Reload the page after a change" is decided in one place: a change made for a tab reloads it
// when, and only when, that tab's divert changed.
describe('reload after a change', () => {
  let bg: Background;
  const APP = 'https://movies-staging.okteto.example.com/';
  beforeEach(async () => {
    bg = await boot();
    env.current.tabs.push({ id: 7, url: APP }, { id: 8, url: 'https://other.example.org/' });
    await bg.send({ type: 'setNamespace', namespace: 'alice' });
  });

  it('reloads the acting tab once its divert changed, before the reply', async () => {
    await bg.send({ type: 'enableForHost', host: 'movies-staging.okteto.example.com', actingTab: 7 });
    expect(env.current.reloads).toEqual([{ tabId: 7 }]);
    await bg.send({ type: 'setNamespace', namespace: 'bob', actingTab: 7 });
    await bg.send({ type: 'pinTab', tabId: 7, namespace: 'carol' });
    await bg.send({ type: 'setDomainEnabled', domain: 'okteto.example.com', enabled: false, actingTab: 7 });
    expect(env.current.reloads).toEqual([{ tabId: 7 }, { tabId: 7 }, { tabId: 7 }, { tabId: 7 }]);
  });

  it('reloads nothing when the change was refused, changed nothing there, or came without a tab', async () => {
    await bg.send({ type: 'enableForHost', host: 'movies-staging.okteto.example.com' });
    expect(await bg.send({ type: 'setNamespace', namespace: 'Not Valid', actingTab: 7 })).toMatchObject({ ok: false });
    await bg.send({ type: 'setNamespace', namespace: 'alice', actingTab: 7 });
    // The tab shows another site: its divert did not change.
    await bg.send({ type: 'setNamespace', namespace: 'bob', actingTab: 8 });
    // A tab that does not exist (closed since): nothing to reload, and the change still takes.
    expect(await bg.send({ type: 'setNamespace', namespace: 'carol', actingTab: 99 })).toMatchObject({ ok: true });
    expect(env.current.reloads).toEqual([]);
  });

  it('reloads nothing when the person switched the reload off', async () => {
    await bg.send({ type: 'setReloadAfterChange', reload: false });
    await bg.send({ type: 'enableForHost', host: 'movies-staging.okteto.example.com', actingTab: 7 });
    expect(env.current.reloads).toEqual([]);
  });
});
