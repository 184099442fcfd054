import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { settingsWith } from '../../test/fixtures/settings';
import { mergeBaggage } from './baggage-merge';
import { type PlaywrightScope, playwrightScope, playwrightScript } from './playwright-script';
import type { Settings } from './settings';
import { divertFor } from './tab-state';

type Handler = (route: unknown) => unknown;
const AsyncFunction = (async () => undefined).constructor as new (...args: string[]) => (ctx: unknown) => Promise<void>;

/**
 * Runs the script as Playwright would run it, on a stand-in context that records its route, and
 * returns what a request to `url` with `baggage` leaves with (undefined: the script did not touch it).
 */
async function installed(scope: PlaywrightScope) {
  const routes: { match: (url: URL) => boolean; handler: Handler }[] = [];
  const context = { route: async (match: (url: URL) => boolean, handler: Handler) => void routes.push({ match, handler }) };
  await new AsyncFunction('context', playwrightScript(scope))(context);
  return {
    routes,
    send: async (url: string, baggage?: string): Promise<Record<string, string> | undefined> => {
      const route = routes.find((r) => r.match(new URL(url)));
      if (!route) return undefined;
      let sent: Record<string, string> | undefined;
      const headers = { accept: '*/*', ...(baggage === undefined ? {} : { baggage }) };
      await route.handler({
        request: () => ({ headers: () => ({ ...headers }) }),
        fetch: async (o: { headers: Record<string, string>; maxRedirects: number }) => {
          expect(o.maxRedirects).toBe(0); // the browser follows redirects, each hop tested again
          sent = o.headers;
          return { status: 200 };
        },
        fulfill: async () => undefined,
      });
      return sent;
    },
  };
}

const ORIGINS = ['*://*.okteto.example.com/*', '*://*.other.example.org/*'];

describe('Copy for Playwright', () => {
  it('the scope is what this tab’s requests carry: its pin on every diverted domain, less what is off or not granted', () => {
    const settings = settingsWith([
      'okteto.example.com',
      { domain: 'legacy.okteto.example.com', enabled: false },
      { domain: 'bob.okteto.example.com', namespace: 'bob' },
      'no-access.example.net',
    ]);
    expect(playwrightScope(settings, {}, ORIGINS, 7, 'alice')).toEqual({
      namespace: 'alice',
      domains: ['okteto.example.com'],
      except: ['bob.okteto.example.com', 'legacy.okteto.example.com'],
    });
    // Pinned: the pin goes to every diverted domain in this tab, bob's entry too.
    expect(playwrightScope(settings, { 7: 'carol' }, ORIGINS, 7, 'carol')).toEqual({
      namespace: 'carol',
      domains: ['bob.okteto.example.com', 'okteto.example.com'],
      except: ['legacy.okteto.example.com'],
    });
    expect(playwrightScope({ ...settings, paused: true }, {}, ORIGINS, 7, 'alice').domains).toEqual([]);
  });

  it('adds okteto-divert to the diverted domains and their subdomains only: never a look-alike', async () => {
    const pw = await installed({ namespace: 'alice', domains: ['okteto.example.com'], except: ['off.okteto.example.com'] });
    expect(pw.routes).toHaveLength(1);
    for (const url of [
      'http://okteto.example.com/',
      'https://movies-staging.okteto.example.com:8443/api?x=1',
      'ws://a.b.okteto.example.com/',
    ])
      expect((await pw.send(url))?.baggage).toBe('okteto-divert=alice');
    for (const url of [
      'http://notokteto.example.com/',
      'http://okteto.example.com.evil.test/',
      'http://okteto-example.com/',
      'http://app.other.example.org/?okteto.example.com',
      'http://off.okteto.example.com/',
      'http://x.off.okteto.example.com/',
    ])
      expect(await pw.send(url)).toBeUndefined();
    // The other headers stay as they were.
    expect(await pw.send('http://okteto.example.com/')).toEqual({ accept: '*/*', baggage: 'okteto-divert=alice' });
  });

  it('matches exactly the hosts the rules divert in that tab (property: asks divertFor)', async () => {
    const label = fc.constantFrom('a', 'b', 'okteto', 'example', 'com', 'x-y');
    const domain = fc.array(label, { minLength: 2, maxLength: 4 }).map((l) => l.join('.'));
    const entry = fc.record({
      domain,
      enabled: fc.boolean(),
      namespace: fc.option(fc.constantFrom('alice', 'bob'), { nil: undefined }),
    });
    const host = fc.array(label, { minLength: 1, maxLength: 5 }).map((l) => l.join('.'));
    await fc.assert(
      fc.asyncProperty(
        fc.array(entry, { maxLength: 5 }),
        fc.option(fc.constantFrom('alice', 'carol'), { nil: undefined }),
        fc.array(host, { minLength: 1, maxLength: 5 }),
        async (entries, pin, hosts) => {
          const settings: Settings = settingsWith(entries, { activeNamespace: 'alice' });
          const pins: Record<number, string> = pin ? { 3: pin } : {};
          const namespace = pin ?? 'alice';
          const pw = await installed(playwrightScope(settings, pins, ['<all_urls>'], 3, namespace));
          for (const h of hosts) {
            const carries = divertFor(settings, pins, ['<all_urls>'], 3, h)?.namespace === namespace;
            expect(!!(await pw.send(`https://${h}/`)), h).toBe(carries);
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('keeps the page’s own baggage members exactly as core/baggage-merge.ts does (property)', async () => {
    const pw = await installed({ namespace: 'alice', domains: ['okteto.example.com'], except: [] });
    const member = fc.oneof(
      fc.constantFrom('sentry-trace_id=abc', 'okteto-divert=bob', 'OKTETO-DIVERT=mallory', 'userId=7;p=1', ' =x', 'k', ''),
      fc.stringMatching(/^[a-z]{1,6}=[^,]{0,300}$/),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(member, { maxLength: 80 }), async (members) => {
        const page = members.join(',');
        expect((await pw.send('https://okteto.example.com/', page))?.baggage).toBe(mergeBaggage(page, 'alice').value);
      }),
      { numRuns: 150 },
    );
    expect((await pw.send('https://okteto.example.com/', 'sentry-trace_id=abc,okteto-divert=bob,userId=7'))?.baggage).toBe(
      'sentry-trace_id=abc,okteto-divert=alice,userId=7',
    );
    // Ours does not fit beside 64 members, or beside 8,190 bytes: the page's last member gives way.
    const many = Array.from({ length: 64 }, (_, i) => `m${i}=v`);
    expect((await pw.send('https://okteto.example.com/', many.join(',')))?.baggage).toBe(
      [...many.slice(0, 63), 'okteto-divert=alice'].join(','),
    );
    const big = `a=${'x'.repeat(4000)},b=${'y'.repeat(4000)},c=${'z'.repeat(180)}`;
    expect((await pw.send('https://okteto.example.com/', big))?.baggage).toBe(mergeBaggage(big, 'alice').value);
    expect(mergeBaggage(big, 'alice').dropped).toEqual(['c']);
    // Over the W3C limits: never parsed, ours alone.
    expect((await pw.send('https://okteto.example.com/', 'k=v,'.repeat(3000)))?.baggage).toBe('okteto-divert=alice');
  });

  it('hostile namespace and domain values stay data: nothing they hold runs', async () => {
    const g = globalThis as { pwned?: number };
    const hostile = [
      '"; globalThis.pwned = 1; //',
      "'); globalThis.pwned = 2; ('",
      ['`$', '{globalThis.pwned = 3}`'].join(''), // a template literal's placeholder
      '\nglobalThis.pwned = 4;//',
      '\u2028globalThis.pwned = 5;',
      '</script><script>globalThis.pwned = 6</script>',
      '*/ globalThis.pwned = 7; /*',
    ];
    for (const value of hostile) {
      const pw = await installed({ namespace: value, domains: [value, 'okteto.example.com'], except: [value] });
      expect(g.pwned).toBeUndefined();
      expect((await pw.send('https://okteto.example.com/'))?.baggage).toBe(`okteto-divert=${value}`);
    }
  });
});
