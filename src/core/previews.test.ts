import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { OktetoState } from './okteto';
import { domainsOf, type LastPages, listedAs, notePage, previewLink, previewSite } from './previews';
import { DEFAULTS, type Settings } from './settings';

const settings = (s: Partial<Settings>): Settings => ({ ...DEFAULTS, ...s });
const DEV: OktetoState = { url: 'https://okteto.dev.example.com', namespaces: ['staging', 'pr-12'] };
const SHOP: OktetoState = { url: 'http://127.0.0.1:8443', namespaces: ['ci'], domains: ['shop.example.org'] };
const granted = ['*://*.okteto.example.com/*', '*://*.shop.example.org/*'];
const both = settings({
  domains: [
    { domain: 'okteto.example.com', enabled: true },
    { domain: 'shop.example.org', enabled: true },
    { domain: 'off.example.com', enabled: false },
  ],
});

describe('preview links', () => {
  it('reads <instance>/#/previews/<name> for a connected instance, as Okteto’s preview action writes it', () => {
    expect(previewLink('https://okteto.dev.example.com/#/previews/pr-12', [DEV, SHOP])).toEqual({
      instance: DEV,
      name: { value: 'pr-12' },
    });
    expect(previewLink('http://127.0.0.1:8443/#/previews/pr-7/', [DEV, SHOP])?.name).toEqual({ value: 'pr-7' });
  });

  it('only on exactly a connected instance’s origin: look-alikes, other ports and schemes, paths and userinfo are no preview link', () => {
    for (const url of [
      'https://okteto.dev.example.com.evil.test/#/previews/pr-12',
      'https://evil.okteto.dev.example.com/#/previews/pr-12',
      'http://okteto.dev.example.com/#/previews/pr-12',
      'https://okteto.dev.example.com:444/#/previews/pr-12',
      'http://127.0.0.1:8444/#/previews/pr-12',
      'https://okteto.dev.example.com/elsewhere#/previews/pr-12',
      'https://user:pw@okteto.dev.example.com/#/previews/pr-12',
      'https://okteto.dev.example.com/#/namespaces/pr-12',
      'https://okteto.dev.example.com/?x=#/previews/pr-12/../x',
      'not a url',
      undefined,
    ])
      expect(previewLink(url, [DEV, SHOP])?.name.value, String(url)).toBeUndefined();
    expect(previewLink('https://okteto.dev.example.com/#/previews/pr-12', [])).toBeUndefined();
  });

  it('tells a listed preview from a namespace and from a name the instance does not list', () => {
    const dev = { ...DEV, previews: { 'pr-12': {} } };
    expect(listedAs(dev, 'pr-12')).toBe('preview');
    expect(listedAs(dev, 'staging')).toBe('namespace');
    expect(listedAs(dev, 'mallory')).toBeUndefined();
    expect(listedAs(DEV, 'pr-12')).toBe('namespace');
    expect(listedAs(dev, 'constructor')).toBeUndefined();
  });

  it('refuses a name that breaks the namespace rule with its message', () => {
    for (const name of ['Mallory', 'a,okteto-divert=b', 'x'.repeat(64), '%61lice', '', '-a'])
      expect(JSON.stringify(previewLink(`https://okteto.dev.example.com/#/previews/${name}`, [DEV])?.name.error), name).toContain(
        'namespaceRule',
      );
    const huge = `https://okteto.dev.example.com/#/previews/${'a'.repeat(100_000)}`;
    expect(previewLink(huge, [DEV])?.name.error).toBeDefined();
  });
});

describe('the site a preview opens', () => {
  it('is a domain the user diverts now that the link’s instance owns', () => {
    expect(domainsOf(both, granted, [DEV, SHOP], DEV)).toEqual(['okteto.example.com']);
    expect(domainsOf(both, granted, [DEV, SHOP], SHOP)).toEqual(['shop.example.org']);
    expect(domainsOf(both, ['*://*.shop.example.org/*'], [DEV, SHOP], DEV)).toEqual([]);
    expect(domainsOf(settings({ ...both, paused: true }), granted, [DEV, SHOP], DEV)).toEqual([]);
  });

  it('opens at the page last used there (the latest of its domains), else its root', () => {
    const pages: LastPages = {
      'a.example.com': { url: 'https://movies.a.example.com/watch', at: 1 },
      'b.example.com': { url: 'https://shop.b.example.com/cart', at: 2 },
    };
    expect(previewSite(['a.example.com', 'b.example.com'], pages)).toBe('https://shop.b.example.com/cart');
    expect(previewSite(['a.example.com'], pages)).toBe('https://movies.a.example.com/watch');
    expect(previewSite(['c.example.com'], pages)).toBe('https://c.example.com/');
    expect(previewSite([], pages)).toBeUndefined();
  });
});

describe('the last page of each diverted domain', () => {
  it('keeps its origin and path only (no query, no fragment), for domains switched on', () => {
    const next = notePage({}, both, 'https://movies-staging.okteto.example.com/watch?token=s3cret#x', 5);
    expect(next).toEqual({ 'okteto.example.com': { url: 'https://movies-staging.okteto.example.com/watch', at: 5 } });
    expect(notePage(next, both, 'https://movies-staging.okteto.example.com/watch?other', 6)).toBe(next);
    expect(notePage({}, both, 'https://x.off.example.com/', 5)).toEqual({});
    expect(notePage({}, both, 'https://elsewhere.example.net/', 5)).toEqual({});
    expect(notePage({}, both, 'ftp://movies.okteto.example.com/', 5)).toEqual({});
  });

  it('keeps nothing while divert is paused', () => {
    expect(notePage({}, { ...both, paused: true }, 'https://movies-staging.okteto.example.com/watch', 5)).toEqual({});
  });

  it('whatever pages a user or a page visits, it keeps one entry per domain switched on, without query, fragment or excess', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc
              .tuple(
                fc.constantFrom(
                  'movies.okteto.example.com',
                  'okteto.example.com.evil.test',
                  'x.off.example.com',
                  'shop.example.org',
                ),
                fc.string(),
                fc.string(),
              )
              .map(([host, path, rest]) => `https://${host}/${path}?${rest}#${rest}`),
            fc.string(),
            fc.nat(5000).map((n) => `https://shop.example.org/${'x'.repeat(n)}`),
          ),
          { maxLength: 30 },
        ),
        (urls) => {
          let pages: LastPages = {};
          urls.forEach((u, i) => {
            pages = notePage(pages, both, u, i + 1);
          });
          expect(Object.keys(pages).every((d) => d === 'okteto.example.com' || d === 'shop.example.org')).toBe(true);
          for (const p of Object.values(pages)) {
            expect(p.url.length).toBeLessThanOrEqual(2048);
            expect(p.url).not.toMatch(/[?#]/);
          }
        },
      ),
      { seed: 20261207, numRuns: 300 },
    );
  });

  it('drops the page of a domain the settings no longer have', () => {
    const pages = { 'gone.example.com': { url: 'https://gone.example.com/', at: 1 } };
    expect(Object.keys(notePage(pages, both, 'https://movies.okteto.example.com/', 2))).toEqual(['okteto.example.com']);
  });
});
