import { describe, expect, it, vi } from 'vitest';
import { boot, env } from '../../test/fakes/background';

vi.mock('webextension-polyfill', async () => ({ default: (await import('../../test/fakes/background')).fakeApi }));

// Sync through the background's storage.sync listener.

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
