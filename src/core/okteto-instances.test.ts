import { describe, expect, it } from 'vitest';
import type { OktetoState } from './okteto';
import { endpointDomains, endpointHosts, instanceListing, ownedDomains, ownerOf } from './okteto-instances';

const dev: OktetoState = { url: 'https://okteto.dev.example.com', namespaces: ['alice', 'shared'], owns: ['dev.example.com'] };
const shop: OktetoState = { url: 'https://okteto.acme.example.net', namespaces: ['ci', 'shared'], owns: ['acme.example.net'] };

describe('several instances', () => {
  it('a site belongs to the instance the user named, else to the one whose sites live there, else the first', () => {
    expect(ownerOf([dev, shop], 'movies-alice.dev.example.com')).toBe(dev);
    expect(ownerOf([dev, shop], 'shop-ci.acme.example.net')).toBe(shop);
    expect(ownerOf([dev, shop], 'elsewhere.example.org')).toBe(dev);
    expect(ownerOf([dev, { ...shop, domains: ['dev.example.com'] }], 'movies-alice.dev.example.com')?.url).toBe(shop.url);
    expect(ownerOf([shop], 'movies-alice.dev.example.com')).toBe(shop);
    expect(ownerOf([], 'x.example.com')).toBeUndefined();
  });

  it('where an instance’s sites may live: its endpoints’ and its own parent domains (no IPs)', () => {
    const state: OktetoState = {
      url: 'http://127.0.0.1:8080',
      namespaces: ['alice'],
      details: {
        alice: {
          fetchedAt: 1,
          services: [
            { name: 'web', kind: 'deployment', endpoints: ['https://web-alice.apps.example.com', 'https://10.0.0.1/x'] },
          ],
        },
      },
    };
    expect(endpointDomains(state)).toEqual(['apps.example.com']);
    expect(endpointHosts(state)).toEqual(['web-alice.apps.example.com']);
    expect(endpointDomains(dev)).toEqual(['dev.example.com']);
  });

  it('Wake goes to the instance that lists the namespace, the site’s own first', () => {
    expect(instanceListing([dev, shop], 'ci')).toBe(shop);
    expect(instanceListing([dev, shop], 'shared', 'shop-ci.acme.example.net')).toBe(shop);
    expect(instanceListing([dev, shop], 'nobody')).toBeUndefined();
  });

  // Issue 33 (5): an endpoint URL is whatever a deployer's ingress names.
  it('an instance claims only under its own registrable domain, never another instance’s domain', () => {
    const staging: OktetoState = { url: 'https://okteto.staging.example.com', namespaces: [] };
    const named: OktetoState = { url: 'https://okteto.acme.example.net', namespaces: [], domains: ['shop.example.com'] };
    const candidates = ['apps.example.com', 'mybank.com', 'staging.example.com', 'x.staging.example.com', 'shop.example.com'];
    expect(ownedDomains(dev, [dev, staging, named], candidates)).toEqual(['apps.example.com']);
    // Alone, the same instance claims its own registrable domain's hosts, and still not mybank.com.
    expect(ownedDomains(dev, [dev], candidates)).toEqual([
      'apps.example.com',
      'staging.example.com',
      'x.staging.example.com',
      'shop.example.com',
    ]);
    // A domain the user named for it is its home too.
    expect(ownedDomains({ ...dev, domains: ['mybank.com'] }, [dev], ['mybank.com'])).toEqual(['mybank.com']);
    // At an IP (no home to measure a parent against): its endpoints' exact hosts, never a parent.
    const ip: OktetoState = { url: 'http://127.0.0.1:8080', namespaces: [] };
    const hosts = ['web-alice.apps.example.com', 'api-alice.apps.example.com'];
    expect(ownedDomains(ip, [ip], ['apps.example.com'], hosts)).toEqual(hosts);
  });

  // Attacker review of #33: an IP instance's more specific claim took another instance's site.
  it("an instance at an IP claims only its endpoints' exact hosts, and none another instance owns", () => {
    const movies: OktetoState = { url: 'http://127.0.0.1:8080', namespaces: ['alice'], owns: ['apps.example.com'] };
    const evil: OktetoState = { url: 'http://10.0.0.9:8080', namespaces: ['mallory'] };
    // Its deployer lists an endpoint one label below the other instance's site: all its endpoints
    // agree on example.com, so the parent claim was more specific than apps.example.com.
    const taking = ownedDomains(evil, [movies, evil], ['movies-alice.apps.example.com'], ['x.movies-alice.apps.example.com']);
    expect(taking).toEqual([]);
    expect(ownerOf([movies, { ...evil, owns: taking }], 'movies-alice.apps.example.com')?.url).toBe(movies.url);
    // Nor under a site the user named for another instance, or its address.
    const named: OktetoState = { url: 'https://okteto.acme.example.net', namespaces: [], domains: ['shop.example.org'] };
    const hosts = ['y.shop.example.org', 'x.acme.example.net', 'mine.evil.example.com'];
    const owns = ownedDomains(evil, [movies, named, evil], ['shop.example.org', 'acme.example.net', 'evil.example.com'], hosts);
    expect(owns).toEqual(['mine.evil.example.com']);
    const all = [movies, named, { ...evil, owns }];
    expect(ownerOf(all, 'y.shop.example.org')?.url).toBe(named.url);
    expect(ownerOf(all, 'mine.evil.example.com')?.url).toBe(evil.url);
    // Alone, it still claims no parent: a sibling of its endpoint is not its site.
    expect(ownerOf([movies, { ...evil, owns: hosts }], 'other.evil.example.com')?.url).toBe(movies.url);
  });
});

// Each case below stands on a line the mutation tests (docs/mutation.md) showed no test stood on.
describe('several instances: what each may claim', () => {
  const at = (url: string, extra: Partial<OktetoState> = {}): OktetoState => ({ url, namespaces: [], ...extra });
  const withEndpoints = (url: string, endpoints: string[]): OktetoState =>
    at(url, { details: { alice: { fetchedAt: 1, services: [{ name: 'web', kind: 'deployment', endpoints }] } } });

  it('endpoint parents, sorted and once each; a host with no parent below its suffix gives none', () => {
    const state = withEndpoints('https://okteto.example.com', [
      'https://web.zeta.example.com',
      'https://1web.apps.example.com',
      'https://api.zeta.example.com',
    ]);
    expect(endpointDomains(state)).toEqual(['apps.example.com', 'example.com', 'zeta.example.com']);
    expect(endpointDomains(at('https://example.com'))).toEqual([]);
  });

  it('a look-alike registrable domain is not the instance’s own', () => {
    const dev = at('https://okteto.example.com');
    expect(ownedDomains(dev, [dev], ['apps.sample.com', 'apps.example.com'])).toEqual(['apps.example.com']);
    // A registrable domain starting with a digit is a name like any other.
    const digits = at('https://okteto.1example.com');
    expect(ownedDomains(digits, [digits], ['apps.1example.com'])).toEqual(['apps.1example.com']);
  });

  it('an instance claims under its own site; under another’s only where its own site is the more specific', () => {
    const dev = at('https://okteto.dev.example.com');
    expect(ownedDomains(dev, [dev], ['movies.dev.example.com'])).toEqual(['movies.dev.example.com']);
    const main = at('https://okteto.example.com');
    const staging = at('https://okteto.staging.example.com', { domains: ['shop.example.com'] });
    expect(ownedDomains(staging, [main, staging], ['apps.staging.example.com', 'apps.example.com'])).toEqual([
      'apps.staging.example.com',
    ]);
    // Two instances living at the same site: neither is the more specific, neither claims there.
    const api = at('https://api.example.com');
    expect(ownedDomains(api, [main, api], ['apps.example.com'])).toEqual([]);
  });

  it('the owner of no host is the first instance; of two equal claims, the first', () => {
    const a = at('https://okteto.a.example.com', { owns: ['apps.example.com'] });
    const b = at('https://okteto.b.example.com', { owns: ['apps.example.com'] });
    expect(ownerOf([a, b], undefined)).toBe(a);
    expect(ownerOf([a, b], 'web.apps.example.com')).toBe(a);
    expect(ownerOf([b, a], 'web.apps.example.com')).toBe(b);
    expect(instanceListing([], 'alice')).toBeUndefined();
  });

  it('endpoint hosts are sorted, once each, with no IP among them', () => {
    const state = withEndpoints('https://okteto.example.com', [
      'https://web.zeta.example.com',
      'https://10.0.0.1/x',
      'https://api.apps.example.com',
      'https://web.zeta.example.com/again',
    ]);
    expect(endpointHosts(state)).toEqual(['api.apps.example.com', 'web.zeta.example.com']);
  });

  it('a candidate starting with a digit is under the registrable domain like any other', () => {
    const dev = at('https://okteto.example.com');
    expect(ownedDomains(dev, [dev], ['1apps.example.com'])).toEqual(['1apps.example.com']);
  });

  it('an instance at localhost or an IP has no home: only the exact hosts it was given, none when none', () => {
    const local = at('http://localhost:8080');
    expect(ownedDomains(local, [local], ['apps.example.com'], ['web.apps.example.com'])).toEqual(['web.apps.example.com']);
    const ip = at('http://127.0.0.1:8080');
    expect(ownedDomains(ip, [ip], ['apps.example.com'])).toEqual([]);
  });

  it('a host any homed instance covers goes to a homed one, even when another homed one does not cover it', () => {
    const movies = at('https://okteto.corp.example.com', { owns: ['apps.example.com'] });
    const shop = at('https://okteto.acme.example.net', { owns: ['acme.example.net'] });
    const ip = at('http://10.0.0.9:8080', { owns: ['movies-alice.apps.example.com'] });
    expect(ownerOf([shop, ip, movies], 'movies-alice.apps.example.com')).toBe(movies);
  });
});
