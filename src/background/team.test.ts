import { describe, expect, it, vi } from 'vitest';
import { boot, env } from '../../test/fakes/background';

vi.mock('webextension-polyfill', async () => ({ default: (await import('../../test/fakes/background')).fakeApi }));

// Team presets through the background: bad files, managed policy, subscriptions.

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

  it('a slow policy read holds no command up: it says it is late, then applies the policy when it arrives', async () => {
    const bg = await boot();
    const movies = (await import('../../test/fixtures/presets/movies.json')).default;
    let answer: (v: object) => void = () => undefined;
    const slow = new Promise<object>((r) => {
      answer = r;
    });
    env.current.fake.storage.managed.get = () => slow as Promise<Record<string, unknown>>;
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    try {
      env.current.fake.runtime.onInstalled.fire();
      // A command meanwhile is answered at once.
      expect(await bg.send({ type: 'setNamespace', namespace: 'alice' })).toMatchObject({ ok: true });
      await vi.advanceTimersByTimeAsync(5001);
      const status = (await env.current.fake.storage.local.get('managedStatus')).managedStatus as { errors: string[] };
      expect(status.errors[0]).toContain('has not given its policy after 5 s');
      answer({ presets: [movies] });
    } finally {
      vi.useRealTimers();
    }
    await bg.settle();
    expect((await bg.settings()).domains).toEqual([expect.objectContaining({ team: 'movies', managed: true })]);
    const after = (await env.current.fake.storage.local.get('managedStatus')).managedStatus as {
      errors: string[];
      teams: string[];
    };
    expect(after).toMatchObject({ errors: [], teams: ['movies'] });
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
