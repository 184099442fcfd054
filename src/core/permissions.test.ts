import { describe, expect, it } from 'vitest';
import { settingsWith } from '../../test/fixtures/settings';
import { grantsDomain, hasAccessPatterns, originPatterns, releasedOrigins } from './permissions';

describe('grantsDomain', () => {
  it('accepts the pattern we ask for, and wider ones', () => {
    expect(grantsDomain(originPatterns('okteto.example.com'), 'okteto.example.com')).toBe(true);
    expect(grantsDomain(['*://*.example.com/*'], 'okteto.example.com')).toBe(true);
    expect(grantsDomain(['https://*.example.com/*'], 'okteto.example.com')).toBe(true);
    expect(grantsDomain(['<all_urls>'], 'okteto.example.com')).toBe(true);
    expect(grantsDomain(['*://*/*'], 'okteto.example.com')).toBe(true);
  });

  it('refuses patterns that do not cover the domain and all its subdomains', () => {
    expect(grantsDomain([], 'okteto.example.com')).toBe(false);
    expect(grantsDomain(['*://okteto.example.com/*'], 'okteto.example.com')).toBe(false);
    expect(grantsDomain(['*://*.a.okteto.example.com/*'], 'okteto.example.com')).toBe(false);
    expect(grantsDomain(['*://*.notokteto.example.com/*'], 'okteto.example.com')).toBe(false);
    expect(grantsDomain(['*://*.okteto.example.com.evil.test/*'], 'okteto.example.com')).toBe(false);
  });
});

describe('hasAccessPatterns', () => {
  it('is true only when every pattern we ask for (http, ws, wss) is granted', () => {
    expect(hasAccessPatterns(originPatterns('okteto.example.com'), 'okteto.example.com')).toBe(true);
    expect(hasAccessPatterns(['*://*.okteto.example.com/*'], 'okteto.example.com')).toBe(false);
    expect(hasAccessPatterns(['<all_urls>'], 'okteto.example.com')).toBe(true);
  });
});

describe('releasedOrigins', () => {
  const callers = ['*://localhost/*', '*://app.example.net/*'];
  const granted = [...originPatterns('okteto.example.com'), ...originPatterns('b.example.org'), ...callers];

  it("gives back a removed domain's access, and nothing a remaining entry or a calling page needs", () => {
    const before = settingsWith(['okteto.example.com', 'b.example.org']);
    const after = settingsWith(['b.example.org']);
    expect(releasedOrigins(before, after, granted)).toEqual(originPatterns('okteto.example.com'));
    expect(releasedOrigins(before, before, granted)).toEqual([]);
    // a narrower entry left under the removed one still needs its parent's grant
    expect(releasedOrigins(before, settingsWith(['api.okteto.example.com', 'b.example.org']), granted)).toEqual([]);
    // a switched-off entry keeps its access: switching it on again asks nothing
    expect(
      releasedOrigins(before, settingsWith([{ domain: 'okteto.example.com', enabled: false }, 'b.example.org']), granted),
    ).toEqual([]);
  });

  it("gives back a dropped subscription's file host, unless another subscription uses it", () => {
    const sub = (url: string, team: string) => ({ url, team });
    const before = {
      ...settingsWith([]),
      subscriptions: [sub('https://files.example.net/a.json', 'a'), sub('https://files.example.net/b.json', 'b')],
    };
    const withFile = [...granted, '*://files.example.net/*'];
    expect(releasedOrigins(before, { ...before, subscriptions: [before.subscriptions[0]] }, withFile)).toEqual([]);
    expect(releasedOrigins(before, { ...before, subscriptions: [] }, withFile)).toEqual(['*://files.example.net/*']);
  });
});
