import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createFakeBrowser } from '../../test/fakes/browser';
import { compileRules, compileSessionRules } from '../core/rules';
import type { Settings } from '../core/settings';

const env = vi.hoisted(() => ({ current: undefined as unknown as ReturnType<typeof createFakeBrowser> }));
// The native API object the platform reads, and the polyfill the background's listener uses.
const fakeApi = vi.hoisted(
  () => new Proxy({}, { get: (_t, key) => (env.current.fake as Record<string | symbol, unknown>)[key] }),
);
vi.hoisted(() => {
  (globalThis as Record<string, unknown>).browser = fakeApi;
});
vi.mock('webextension-polyfill', () => ({ default: fakeApi }));

const page = { id: 'fake-id', url: 'chrome-extension://fake-id/src/popup/index.html' };

async function boot() {
  env.current = createFakeBrowser();
  vi.resetModules();
  // The fresh module graph gets the list the setup file parsed (the worker would fetch it).
  const [{ usePublicSuffixList }, { default: psl }] = await Promise.all([
    import('../core/public-suffix'),
    import('@gorhill/publicsuffixlist'),
  ]);
  usePublicSuffixList(psl);
  await import('./index');
  const [onMessage] = env.current.fake.runtime.onMessage.listeners;
  const send = (msg: unknown, sender = page) => (onMessage as (m: unknown, s: unknown) => Promise<unknown>)(msg, sender);
  const settings = async () => (await env.current.fake.storage.local.get('settings')).settings as Settings;
  const { enqueue } = await import('./queue');
  /**
   * Waits until what the last event started has run: work that reads first (policy, the shortcut's
   * tab, sync state) queues its commit a few ticks later, so the queue is drained twice.
   */
  const settle = async () => {
    for (let i = 0; i < 3; i++) {
      await new Promise((r) => setTimeout(r, 10));
      await enqueue(async () => undefined);
    }
  };
  /** Toolbar buttons and page badges follow a moment after a change (debounced). */
  const tabsSettled = async () => {
    await settle();
    await new Promise((r) => setTimeout(r, 150));
  };
  return { send, settings, settle, tabsSettled };
}

describe('background', () => {
  let bg: Awaited<ReturnType<typeof boot>>;
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
});

describe('toolbar button and shortcut', () => {
  let bg: Awaited<ReturnType<typeof boot>>;
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
  it('is registered for diverted domains only, and not at all when off or paused', async () => {
    const bg = await boot();
    env.current.tabs.push({ id: 1, url: 'http://movies.okteto.example.com/' });
    await bg.send({ type: 'setNamespace', namespace: 'alice' });
    expect(env.current.scripts).toEqual([]);
    await bg.send({ type: 'addDomain', domain: 'okteto.example.com', enabled: true });
    await bg.send({ type: 'addDomain', domain: 'off.example.org', enabled: false });
    expect(env.current.scripts.map((s) => s.matches)).toEqual([['*://*.okteto.example.com/*']]);
    await bg.tabsSettled();
    expect(env.current.injected).toEqual([1]); // the open page gets its badge at once
    await bg.send({ type: 'setShowPageBadge', show: false });
    expect(env.current.scripts).toEqual([]);
    await bg.send({ type: 'setShowPageBadge', show: true });
    await bg.send({ type: 'setPaused', paused: true });
    expect(env.current.scripts).toEqual([]);
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
  it('loses no event when responses and sent headers arrive at once', async () => {
    const bg = await boot();
    env.current.tabs.push({ id: 7, url: 'http://movies.okteto.example.com/' });
    await bg.send({ type: 'setNamespace', namespace: 'alice' });
    await bg.send({ type: 'addDomain', domain: 'okteto.example.com', enabled: true });
    const wr = env.current.fake.webRequest;
    const url = 'http://movies.okteto.example.com/';
    wr.onBeforeRequest.fire({ tabId: 7, url });
    await bg.settle();
    const header = (value: string) => ({ tabId: 7, url, responseHeaders: [{ name: 'X-Okteto-Namespace', value }] });
    const sent = { tabId: 7, url, requestHeaders: [{ name: 'baggage', value: 'okteto-divert=alice' }] };
    wr.onHeadersReceived.fire(header('staging'));
    wr.onSendHeaders.fire(sent);
    wr.onHeadersReceived.fire(header('alice'));
    wr.onSendHeaders.fire(sent);
    await new Promise((r) => setTimeout(r, 120));
    const state = (await env.current.fake.storage.session.get('served:7'))['served:7'];
    expect(state).toMatchObject({ requested: 'alice', served: 'alice', requests: 2, carried: 2 });
    expect(env.current.badges[7].title).toContain('Served by alice.');
    expect(env.current.messages.at(-1)).toMatchObject({ tabId: 7, message: { type: 'divert:state', verdict: 'match' } });
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
      wr.onCompleted.fire({ tabId: 7, url });
      await bg.settle();
      await new Promise((r) => setTimeout(r, 120));
      const state = (await env.current.fake.storage.session.get('served:7'))['served:7'];
      expect(state).toMatchObject({ requested: 'alice', served: 'alice', source: 'probe' });
      expect(probes).toHaveLength(1);
      expect(probes[0].credentials).toBe('omit'); // no cookies unless the user switched them on
    } finally {
      vi.unstubAllGlobals();
    }
  });
});

describe('team presets', () => {
  it('refuses every bad file and leaves stored settings byte-identical', async () => {
    const { BAD_PRESET_FILES } = await import('../../test/fixtures/bad-presets');
    const bg = await boot();
    await bg.send({ type: 'setNamespace', namespace: 'alice' });
    await bg.send({ type: 'addDomain', domain: 'okteto.example.com', enabled: true });
    const before = JSON.stringify(await env.current.fake.storage.local.get('settings'));
    for (const [name, file, where] of BAD_PRESET_FILES) {
      const reply = (await bg.send({ type: 'importPresets', text: typeof file === 'string' ? file : JSON.stringify(file) })) as {
        ok: boolean;
        error?: string;
      };
      expect(reply.ok, name).toBe(false);
      expect(reply.error, name).toContain(where);
      expect(JSON.stringify(await env.current.fake.storage.local.get('settings')), name).toBe(before);
    }
  });

  it('merges managed presets from policy, marks them, and drops a team the policy no longer names', async () => {
    const bg = await boot();
    const movies = (await import('../../test/fixtures/presets/movies.json')).default;
    env.current.managed.presets = [movies];
    env.current.fake.runtime.onInstalled.fire();
    await bg.settle();
    let s = await bg.settings();
    expect(s.domains).toEqual([
      expect.objectContaining({ domain: 'okteto.example.com', team: 'movies', managed: true, enabled: true }),
    ]);
    expect(s.presets.every((p) => p.managed)).toBe(true);
    expect(((await bg.send({ type: 'removeDomain', domain: 'okteto.example.com' })) as { error: string }).error).toMatch(
      /administrator/,
    );
    await bg.send({ type: 'setDomainEnabled', domain: 'okteto.example.com', enabled: false });
    env.current.fake.storage.onChanged.fire({}, 'managed');
    await bg.settle();
    expect((await bg.settings()).domains[0].enabled).toBe(false); // the user's choice survives
    env.current.managed.presets = [];
    env.current.fake.storage.onChanged.fire({}, 'managed');
    await bg.settle();
    s = await bg.settings();
    expect(s.domains).toEqual([]);
    expect(s.presets).toEqual([]);
  });
});

describe('subscriptions (against a loopback server)', () => {
  it('fetches at once, updates with ETag, keeps the last good copy when the server fails, and unsubscribes', async () => {
    const { createServer } = await import('node:http');
    const movies = (await import('../../test/fixtures/presets/movies.json')).default;
    let body = JSON.stringify(movies);
    let etag = '"v1"';
    let fail = false;
    const seen: (string | undefined)[] = [];
    const server = createServer((req, res) => {
      seen.push(req.headers['if-none-match'] as string | undefined);
      if (fail) return res.writeHead(500).end('down');
      if (req.headers['if-none-match'] === etag) return res.writeHead(304).end();
      res.writeHead(200, { 'content-type': 'application/json', etag }).end(body);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/movies.json`;
    try {
      const bg = await boot();
      const sub = (await bg.send({ type: 'subscribe', url })) as { ok: boolean; value: { domains: { added: string[] } } };
      expect(sub.ok).toBe(true);
      expect(sub.value.domains.added).toContain('okteto.example.com');
      expect((await bg.settings()).subscriptions).toEqual([{ url, team: 'movies' }]);

      expect(await bg.send({ type: 'refreshSubscription', url })).toEqual({ ok: true, value: { unchanged: true } });
      expect(seen.at(-1)).toBe('"v1"');

      body = JSON.stringify({ ...movies, namespaces: [...movies.namespaces, { namespace: 'bob' }] });
      etag = '"v2"';
      expect(((await bg.send({ type: 'refreshSubscription', url })) as { ok: boolean }).ok).toBe(true);
      expect((await bg.settings()).presets.map((p) => p.namespace)).toEqual(['staging', 'alice', 'bob']);

      fail = true;
      const before = JSON.stringify(await bg.settings());
      const failed = (await bg.send({ type: 'refreshSubscription', url })) as { ok: boolean; error: string };
      expect(failed.error).toMatch(/HTTP 500.*last good copy is kept/);
      expect(JSON.stringify(await bg.settings())).toBe(before);
      const status = (await env.current.fake.storage.local.get('subscriptionStatus')).subscriptionStatus as Record<
        string,
        { lastError: string; lastSuccess: number }
      >;
      expect(status[url].lastError).toMatch(/HTTP 500/);
      expect(status[url].lastSuccess).toBeGreaterThan(0);

      expect(await bg.send({ type: 'unsubscribe', url })).toEqual({ ok: true });
      const after = await bg.settings();
      expect(after.subscriptions).toEqual([]);
      expect(after.domains).toEqual([]);
      expect(((await bg.send({ type: 'subscribe', url: 'http://example.com/x.json' })) as { error: string }).error).toMatch(
        /https/,
      );
    } finally {
      server.close();
    }
  });
});

describe('sync through storage.sync', () => {
  it('pushes entries when on, takes newer entries from other browsers, and never syncs tokens', async () => {
    const bg = await boot();
    await env.current.fake.storage.local.set({ oktetoToken: 'secret-token-123' });
    await bg.send({ type: 'setNamespace', namespace: 'alice' });
    await bg.send({ type: 'addDomain', domain: 'okteto.example.com', enabled: true });
    expect(await bg.send({ type: 'setSync', enabled: true })).toEqual({ ok: true });
    const area = () => env.current.fake.storage.sync.get(null) as Promise<Record<string, { v: unknown; at: number }>>;
    expect(Object.keys(await area()).sort()).toEqual(['c:choices', 'd:okteto.example.com']);
    expect(JSON.stringify(await area())).not.toContain('secret-token-123');

    // a later local change goes out (the storage listener pushes it)
    await bg.send({ type: 'addDomain', domain: 'apps.example.org', enabled: false });
    await bg.settle();
    expect((await area())['d:apps.example.org'].v).toEqual({ domain: 'apps.example.org', enabled: false });

    // another browser switches okteto.example.com off, later than us
    const remote = { 'd:okteto.example.com': { v: { domain: 'okteto.example.com', enabled: false }, at: Date.now() + 60_000 } };
    await env.current.fake.storage.sync.set(remote);
    await bg.settle();
    expect((await bg.settings()).domains.find((d) => d.domain === 'okteto.example.com')?.enabled).toBe(false);
    expect(await env.current.dynamic.get()).toEqual([]); // rules follow
  });
});

describe('fuzz through the background (seeded)', () => {
  it('preset imports: each accepted into valid settings or refused, with stored settings byte-identical', async () => {
    const fc = (await import('fast-check')).default;
    const { presetFiles, SEED } = await import('../../test/fixtures/fuzz-presets');
    const { validateSettings } = await import('../core/settings-schema');
    const bg = await boot();
    await bg.send({ type: 'setNamespace', namespace: 'alice' });
    await bg.send({ type: 'addDomain', domain: 'mine.example.org', enabled: true });
    const files = fc.sample(presetFiles, { seed: SEED + 1, numRuns: 2000 });
    let refused = 0;
    for (const text of files) {
      const before = JSON.stringify(await env.current.fake.storage.local.get('settings'));
      const reply = (await bg.send({ type: 'importPresets', text })) as { ok: boolean; error?: string };
      const after = await env.current.fake.storage.local.get('settings');
      if (!reply.ok) {
        refused++;
        expect(reply.error?.length).toBeGreaterThan(10);
        expect(JSON.stringify(after)).toBe(before);
      } else {
        expect(validateSettings(after.settings).error).toBeUndefined();
      }
    }
    expect(refused).toBeGreaterThan(0);
    expect(refused).toBeLessThan(files.length);
  }, 60_000);

  it('every message: a reply, never a throw; refused ones change nothing', async () => {
    const fc = (await import('fast-check')).default;
    const { validateSettings } = await import('../core/settings-schema');
    const bg = await boot();
    await bg.send({ type: 'setNamespace', namespace: 'alice' });
    await bg.send({ type: 'addDomain', domain: 'okteto.example.com', enabled: true });
    // Every command but those that go to the network (subscribe, refreshSubscription, connectOkteto, refreshOkteto).
    const types = [
      'enableForHost',
      'setDomainEnabled',
      'addDomain',
      'removeDomain',
      'replaceDomain',
      'setNamespace',
      'setDomainNamespace',
      'pinTab',
      'setPaused',
      'setShowPageBadge',
      'addPreset',
      'renamePreset',
      'removePreset',
      'movePreset',
      'importPresets',
      'unsubscribe',
      'forgetOkteto',
      'setSync',
      'setDomainSource',
      'planForHost',
      'nope',
    ];
    const value = fc.oneof(
      fc.anything({ maxDepth: 2 }),
      fc.constantFrom(
        'okteto.example.com',
        'alice',
        'Bad Name',
        'com',
        '',
        '*',
        -1,
        1.5,
        7,
        true,
        null,
        '__proto__',
        'x'.repeat(5000),
      ),
    );
    const message = fc.oneof(
      fc.record(
        {
          type: fc.constantFrom(...types),
          host: value,
          domain: value,
          enabled: value,
          namespace: value,
          tabId: value,
          paused: value,
          show: value,
          label: value,
          index: value,
          text: value,
          from: value,
          to: value,
          url: value,
          namespaceFrom: value,
        },
        { requiredKeys: ['type'] },
      ),
      fc.anything({ maxDepth: 3 }),
    );
    let refused = 0;
    const samples = fc.sample(message, { seed: 777, numRuns: 3000 });
    for (const msg of samples) {
      const before = JSON.stringify(await env.current.fake.storage.local.get('settings'));
      const reply = (await bg.send(msg)) as { ok: boolean; error?: string };
      expect(typeof reply.ok).toBe('boolean');
      const after = await env.current.fake.storage.local.get('settings');
      if (!reply.ok) {
        refused++;
        expect(typeof reply.error).toBe('string');
        expect(JSON.stringify(after)).toBe(before);
      }
      expect(validateSettings(after.settings).error).toBeUndefined();
      const rules = await env.current.dynamic.get();
      expect(rules.every((r) => r.condition.requestDomains.length > 0)).toBe(true);
    }
    expect(refused).toBeGreaterThan(samples.length / 2);
  }, 60_000);
});
