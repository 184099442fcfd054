import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { pslBinary } from '../../scripts/psl-data';

// The worker loads the list the build parsed (platform/psl.ts): it must answer exactly as the
// text the unit tests parse (test/setup-psl.ts), public suffixes, wildcards and exceptions alike.
const HOSTS = [
  'a.b.co.uk',
  'x.github.io',
  'movies-staging.okteto.example.com',
  'foo.cloud.okteto.net',
  'a.b.c.kobe.jp', // wildcard rule *.kobe.jp
  'www.city.kobe.jp', // exception rule !city.kobe.jp
  'xn--85x722f.xn--55qx5d.cn',
  'localhost',
  'unknown-tld-host.zzz',
];

describe('the packaged public suffix list', () => {
  it('is the same bytes on every build (npm run package must be reproducible)', () => {
    expect(Buffer.from(pslBinary()).equals(Buffer.from(pslBinary()))).toBe(true);
  });

  it('loads as the worker loads it and answers as the parsed text does', async () => {
    const expected = Object.fromEntries(
      await Promise.all(HOSTS.map(async (h) => [h, (await import('../../src/core/public-suffix')).publicSuffixOf(h)])),
    );
    const built = join('dist', 'chrome', 'public_suffix_list.bin');
    const bytes = (() => {
      try {
        return readFileSync(built);
      } catch {
        return Buffer.from(pslBinary());
      }
    })();
    vi.resetModules();
    vi.stubGlobal('chrome', { runtime: { getURL: (p: string) => `chrome-extension://x/${p}` } });
    vi.stubGlobal('fetch', async (url: string) => {
      expect(url).toBe('chrome-extension://x/public_suffix_list.bin');
      return new Response(new Uint8Array(bytes));
    });
    try {
      const fresh = await import('../../src/core/public-suffix');
      expect(fresh.publicSuffixListReady()).toBe(false);
      await (await import('../../src/platform/psl')).ensurePublicSuffixList();
      expect(Object.fromEntries(HOSTS.map((h) => [h, fresh.publicSuffixOf(h)]))).toEqual(expected);
      expect(expected['a.b.c.kobe.jp']).toBe('c.kobe.jp');
      expect(expected['www.city.kobe.jp']).toBe('kobe.jp');
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
