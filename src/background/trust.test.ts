import { describe, expect, it, vi } from 'vitest';
import { boot, env } from '../../test/fakes/background';
import { originPatterns } from '../core/permissions';

vi.mock('webextension-polyfill', async () => ({ default: (await import('../../test/fakes/background')).fakeApi }));

// What the background guarantees about untrusted input and least privilege (README: Security).

const fromPage = { id: 'fake-id', url: 'http://movies.okteto.example.com/', tab: { id: 4 } };

describe('trust', () => {
  it('gives back the host access of a removed domain, keeping what remaining entries and calling pages need', async () => {
    const granted = [...originPatterns('okteto.example.com'), ...originPatterns('b.example.org'), '*://localhost/*'];
    const bg = await boot();
    env.current.origins.splice(0, env.current.origins.length, ...granted);
    await bg.send({ type: 'addDomain', domain: 'okteto.example.com', enabled: true });
    await bg.send({ type: 'addDomain', domain: 'b.example.org', enabled: true });
    await bg.send({ type: 'removeDomain', domain: 'okteto.example.com' });
    expect(env.current.origins).toEqual([...originPatterns('b.example.org'), '*://localhost/*']);
  });

  it("a page badge's unchanged place writes nothing; a changed one is kept, and only its own", async () => {
    const bg = await boot();
    const [onMessage] = env.current.fake.runtime.onMessage.listeners as ((m: unknown, s: unknown) => Promise<unknown>)[];
    const place = { type: 'divert:badge-place', x: 10, y: 20, collapsed: true };
    await onMessage(place, fromPage);
    const writes: unknown[] = [];
    env.current.fake.storage.onChanged.addListener(((changes: object) => writes.push(changes)) as never);
    for (let i = 0; i < 20; i++) await onMessage(place, fromPage);
    await bg.settle();
    expect(writes).toEqual([]);
    const hello = (await onMessage({ type: 'divert:hello' }, fromPage)) as { place: unknown; state?: unknown };
    expect(hello.place).toEqual({ x: 10, y: 20, collapsed: true });
    expect(hello.state).toBeUndefined(); // the badge gets namespaces and words, not the tab's raw state
  });

  it('sends the token only to the instance it was stored for', async () => {
    const calls: string[] = [];
    vi.stubGlobal('fetch', async (url: string) => {
      calls.push(url);
      const data = { spaces: [{ id: 'alice' }], previews: [], space: { id: 'alice', deployments: [], statefulsets: [] } };
      return new Response(JSON.stringify({ data }), { headers: { 'content-type': 'application/json' } });
    });
    try {
      const bg = await boot();
      expect(await bg.send({ type: 'connectOkteto', url: 'https://okteto.example.com', token: 'okteto-token-1' })).toMatchObject({
        ok: true,
      });
      expect(await bg.send({ type: 'refreshOkteto' })).toMatchObject({ ok: true });
      const before = calls.length;
      // Something rewrites the stored instance (an old version, a bug): the token does not follow it.
      await env.current.fake.storage.local.set({ oktetoInstances: [{ url: 'https://evil.example.net', namespaces: [] }] });
      const refused = (await bg.send({ type: 'refreshOkteto' })) as { ok: boolean; error: string };
      expect(refused.ok).toBe(false);
      expect(refused.error).toMatch(/No token is saved for https:\/\/evil\.example\.net: nothing was sent/);
      expect(calls.length).toBe(before);
      expect(calls.every((c) => c === 'https://okteto.example.com/graphql')).toBe(true);
      expect(JSON.stringify(env.current.fake.storage.local.dump())).not.toContain('okteto-token-1');
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('two instances: each token goes to its own instance only, and each forgets alone', async () => {
    const seen: [string, string][] = [];
    vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
      seen.push([url, (init.headers as Record<string, string>).authorization]);
      const ns = url.includes('dev.example.com') ? 'dev-alice' : 'stage-bob';
      const data = { spaces: [{ id: ns }], previews: [], space: { id: ns, deployments: [], statefulsets: [] } };
      return new Response(JSON.stringify({ data }), { headers: { 'content-type': 'application/json' } });
    });
    try {
      const bg = await boot();
      await bg.send({ type: 'connectOkteto', url: 'https://okteto.dev.example.com', token: 'token-of-dev-1' });
      await bg.send({ type: 'connectOkteto', url: 'https://okteto.stage.example.com', token: 'token-of-stage-2' });
      expect(await bg.send({ type: 'refreshOkteto' })).toMatchObject({ ok: true });
      const list = (await env.current.fake.storage.local.get('oktetoInstances')).oktetoInstances as {
        url: string;
        namespaces: string[];
      }[];
      expect(list.map((i) => [i.url, i.namespaces])).toEqual([
        ['https://okteto.dev.example.com', ['dev-alice']],
        ['https://okteto.stage.example.com', ['stage-bob']],
      ]);
      for (const [url, auth] of seen)
        expect(auth, url).toBe(url.includes('dev.example.com') ? 'Bearer token-of-dev-1' : 'Bearer token-of-stage-2');
      expect(await bg.send({ type: 'forgetOkteto', instance: 'https://okteto.dev.example.com' })).toMatchObject({ ok: true });
      const { readSecret } = await import('../platform/secrets');
      expect(await readSecret('https://okteto.dev.example.com')).toBeUndefined();
      expect((await readSecret('https://okteto.stage.example.com'))?.token).toBe('token-of-stage-2');
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('moves a token an older version kept in storage.local into the secret store, bound to its instance', async () => {
    await boot();
    await env.current.fake.storage.local.set({
      oktetoToken: 'legacy-token-123',
      okteto: { url: 'https://okteto.example.com', namespaces: ['alice'] },
    });
    // The next wake (an update, a browser start) moves it.
    const again = await boot({ wake: true });
    await again.settle();
    expect(env.current.fake.storage.local.dump().oktetoToken).toBeUndefined();
    const { readSecret } = await import('../platform/secrets');
    expect(await readSecret('https://okteto.example.com')).toEqual({
      token: 'legacy-token-123',
      origin: 'https://okteto.example.com',
    });
    // And the one instance becomes the first of the list, unchanged.
    expect(env.current.fake.storage.local.dump().oktetoInstances).toEqual([
      { url: 'https://okteto.example.com', namespaces: ['alice'] },
    ]);
    expect(env.current.fake.storage.local.dump().okteto).toBeUndefined();
  });

  it('0.2 → 0.3: the one instance and its token move to the list and the instance’s own key, unchanged', async () => {
    await boot();
    const one = {
      url: 'https://okteto.example.com',
      namespaces: ['alice', 'bob'],
      statuses: { alice: 'Sleeping' },
      fetchedAt: 7,
    };
    await env.current.fake.storage.local.set({ okteto: one });
    // 0.2 kept the token under one key, with its origin.
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('divert-switch-secrets', 1);
      req.onupgradeneeded = () => req.result.createObjectStore('secrets');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    await new Promise((r) => {
      const tx = db.transaction('secrets', 'readwrite');
      tx.objectStore('secrets').put({ token: 'token-0.2', origin: one.url }, 'okteto');
      tx.oncomplete = r;
    });
    db.close();
    const again = await boot({ wake: true });
    await again.settle();
    expect(env.current.fake.storage.local.dump().oktetoInstances).toEqual([one]);
    const { readSecret } = await import('../platform/secrets');
    expect(await readSecret(one.url)).toEqual({ token: 'token-0.2', origin: one.url });
    expect(await readSecret('https://evil.example.net')).toBeUndefined();
  });

  it('turning sync on keeps a copy of the local settings aside before the first pull', async () => {
    const bg = await boot();
    await bg.send({ type: 'addDomain', domain: 'okteto.example.com', enabled: true });
    const before = await bg.settings();
    await env.current.fake.storage.sync.set({ 'd:okteto.example.com': { v: null, at: 1 } });
    expect(await bg.send({ type: 'setSync', enabled: true })).toEqual({ ok: true });
    const aside = env.current.fake.storage.local.dump().settingsAside as { blob: unknown; reason: string };
    expect(aside).toMatchObject({ blob: before, reason: 'kept before sync was turned on' });
    expect((await bg.settings()).domains).toEqual(before.domains); // the old tombstone lost
  });

  it('an instance whose endpoints sit on a public suffix claims no sites there', async () => {
    vi.stubGlobal('fetch', async () => {
      const endpoints = [
        { url: 'https://evil.github.io' },
        { url: 'https://x.co.uk' },
        { url: 'https://web-a.apps.example.com' },
      ];
      const data = {
        spaces: [{ id: 'a' }],
        previews: [],
        space: { id: 'a', deployments: [{ id: 'a/web', name: 'web', endpoints }], statefulsets: [] },
      };
      return new Response(JSON.stringify({ data }), { headers: { 'content-type': 'application/json' } });
    });
    try {
      const bg = await boot();
      await bg.send({ type: 'connectOkteto', url: 'https://okteto.example.com', token: 'okteto-token-1' });
      const [state] = (await env.current.fake.storage.local.get('oktetoInstances')).oktetoInstances as { owns: string[] }[];
      expect(state.owns).toEqual(['apps.example.com', 'example.com']);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  // Issue 33 (5): a deployer names any host in an ingress; the instance must not claim it.
  it('endpoints under another instance’s or an unrelated domain claim nothing; claims the latest answer drops go', async () => {
    let endpoints = ['https://web-a.apps.example.com', 'https://login.mybank.com', 'https://x-a.staging.example.com'];
    vi.stubGlobal('fetch', async (url: string) => {
      const mine = String(url).startsWith('https://okteto.example.com');
      const data = {
        spaces: [{ id: mine ? 'a' : 'b' }],
        previews: [],
        space: {
          id: 'a',
          deployments: mine ? [{ id: 'a/web', name: 'web', endpoints: endpoints.map((u) => ({ url: u })) }] : [],
          statefulsets: [],
        },
      };
      return new Response(JSON.stringify({ data }), { headers: { 'content-type': 'application/json' } });
    });
    try {
      const bg = await boot();
      await bg.send({ type: 'connectOkteto', url: 'https://okteto.staging.example.com', token: 'okteto-token-2' });
      await bg.send({ type: 'connectOkteto', url: 'https://okteto.example.com', token: 'okteto-token-1' });
      const owns = async () =>
        ((await env.current.fake.storage.local.get('oktetoInstances')).oktetoInstances as { url: string; owns: string[] }[]).find(
          (i) => i.url === 'https://okteto.example.com',
        )?.owns;
      expect(await owns()).toEqual(['apps.example.com', 'example.com']);
      // The next answer no longer lists apps.example.com: the claim goes with it.
      endpoints = ['https://login.mybank.com'];
      await bg.send({ type: 'refreshOkteto' });
      expect(await owns()).toEqual(['example.com']);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('the domains the user names for an instance pass the domain rule: a public suffix or a wildcard claims nothing', async () => {
    vi.stubGlobal('fetch', async () => {
      const data = { spaces: [{ id: 'a' }], previews: [], space: { id: 'a', deployments: [], statefulsets: [] } };
      return new Response(JSON.stringify({ data }), { headers: { 'content-type': 'application/json' } });
    });
    try {
      const bg = await boot();
      const instance = 'https://okteto.example.com';
      await bg.send({ type: 'connectOkteto', url: instance, token: 'okteto-token-1' });
      for (const domains of [['github.io'], ['*'], ['co.uk'], ['okteto.example.com', 'com']]) {
        expect(await bg.send({ type: 'setOktetoDomains', instance, domains }), domains.join()).toMatchObject({ ok: false });
      }
      const [state] = (await env.current.fake.storage.local.get('oktetoInstances')).oktetoInstances as { domains?: string[] }[];
      expect(state.domains).toBeUndefined();
      expect(await bg.send({ type: 'setOktetoDomains', instance, domains: ['apps.example.com'] })).toEqual({ ok: true });
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
