import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deviceUrl } from './another-device';
import type { OktetoService, OktetoState } from './okteto';
import { sharedNamespace } from './share-link';

const service = (name: string, ...endpoints: string[]): OktetoService => ({ name, kind: 'deployment', endpoints });
const okteto = (details: Record<string, OktetoService[]>): OktetoState => ({
  url: 'https://okteto.example.com',
  namespaces: Object.keys(details),
  details: Object.fromEntries(Object.entries(details).map(([ns, services]) => [ns, { services, fetchedAt: 1 }])),
});
const movies = okteto({
  staging: [service('frontend', 'https://movies-staging.okteto.example.com'), service('catalog')],
  alice: [service('frontend', 'https://movies-alice.okteto.example.com')],
  bob: [service('catalog', 'https://catalog-bob.okteto.example.com')],
});
const PAGE = 'http://movies-staging.okteto.example.com:8080/movies/42?sort=year#/details';

describe('the URL for another device', () => {
  it('is the namespace’s own endpoint for this page’s service, with the page’s path, query and fragment', () => {
    expect(deviceUrl(PAGE, 'alice', movies)).toEqual({
      kind: 'endpoint',
      service: 'frontend',
      url: 'https://movies-alice.okteto.example.com/movies/42?sort=year#/details',
    });
    // A share directive in the page's URL is not carried to the endpoint.
    expect(deviceUrl(`${PAGE}:~:okteto-divert=bob`, 'alice', movies)?.url).toBe(
      'https://movies-alice.okteto.example.com/movies/42?sort=year#/details',
    );
  });

  it('is the page itself when the page already is that namespace’s endpoint', () => {
    const own = 'https://movies-alice.okteto.example.com/x?y=1';
    expect(deviceUrl(own, 'alice', movies)).toEqual({ kind: 'endpoint', service: 'frontend', url: own });
  });

  it('is the share link when the instance lists no endpoint of this service in the namespace, or is not connected', () => {
    for (const [ns, o] of [
      ['bob', movies], // bob runs no frontend of its own
      ['carol', movies], // not a namespace the instance told about
      ['alice', undefined], // not connected
      ['', movies],
    ] as const) {
      const got = deviceUrl(PAGE, ns, o);
      expect(got?.kind).toBe('share');
      if (ns) expect(sharedNamespace(got?.url)).toEqual({ value: ns });
    }
    // A host the instance lists no endpoint for.
    expect(deviceUrl('https://elsewhere.example.com/', 'alice', movies)?.kind).toBe('share');
  });

  it('takes no endpoint from an instance that lists one under another domain, with credentials, or of another scheme', () => {
    for (const bad of [
      'https://evil.test/',
      'https://movies-alice.okteto.example.com.evil.test/',
      'https://user:pw@movies-alice.okteto.example.com/',
      'javascript:alert(1)//movies-alice.okteto.example.com',
    ]) {
      const hostile = okteto({ staging: movies.details?.staging.services ?? [], alice: [service('frontend', bad)] });
      expect(deviceUrl(PAGE, 'alice', hostile)).toEqual({ kind: 'share', url: `${PAGE}:~:okteto-divert=alice` });
    }
  });

  it('always gives a web URL that names the namespace (the share link) or keeps the page’s path and query (an endpoint)', () => {
    const host = fc.constantFrom('movies-staging.okteto.example.com', 'movies-alice.okteto.example.com', 'elsewhere.example.com');
    const page = fc
      .tuple(
        host,
        fc.stringMatching(/^(\/[\w.~%-]{0,8}){0,4}$/),
        fc.stringMatching(/^[\w=&%-]{0,12}$/),
        fc.stringMatching(/^[\w/:=&-]{0,12}$/),
      )
      .map(([h, path, q, f]) => `https://${h}${path}${q ? `?${q}` : ''}${f ? `#${f}` : ''}`);
    fc.assert(
      fc.property(page, fc.constantFrom('alice', 'bob', 'staging'), (u, ns) => {
        const got = deviceUrl(u, ns, movies);
        if (!got) throw new Error(`no address for ${u}`);
        expect(/^https?:\/\//.test(got.url)).toBe(true);
        if (got.kind === 'share') expect(sharedNamespace(got.url)).toEqual({ value: ns });
        else expect(new URL(got.url).pathname + new URL(got.url).search).toBe(new URL(u).pathname + new URL(u).search);
      }),
    );
  });
});

// Attack (issue 34, review of wip/device): cases the SECURITY.md row promises but the code lets through.
describe('the URL for another device: hostile endpoints and pages (attack review)', () => {
  it('takes no endpoint whose sibling lies under a public suffix: another registrable domain', () => {
    // The page is a site under a public suffix (github.io, herokuapp.com...): its "siblings" are other people's sites.
    const hostile = okteto({
      staging: [service('frontend', 'https://victim.github.io')],
      alice: [service('frontend', 'https://attacker.github.io')],
    });
    const got = deviceUrl('https://victim.github.io/app', 'alice', hostile);
    expect(got).toEqual({ kind: 'share', url: 'https://victim.github.io/app#:~:okteto-divert=alice' });
  });

  it('takes no endpoint that is not named <name>-<namespace>.<domain>', () => {
    // The row says the endpoint counts only as `<service>-<ns>.<domain>`; the code checks the parent domain alone.
    for (const bad of [
      'https://login.okteto.example.com',
      'https://movies-mallory.okteto.example.com',
      'https://movies-staging.okteto.example.com',
    ]) {
      const hostile = okteto({ staging: movies.details?.staging.services ?? [], alice: [service('frontend', bad)] });
      expect(deviceUrl(PAGE, 'alice', hostile), bad).toEqual({ kind: 'share', url: `${PAGE}:~:okteto-divert=alice` });
    }
  });

  it('never puts the page URL’s credentials in the text or the QR code', () => {
    const page = 'https://user:secret@movies-staging.okteto.example.com/x';
    for (const o of [movies, undefined]) {
      const got = deviceUrl(page, 'alice', o)?.url ?? '';
      expect(got).toMatch(/^https:/);
      expect(got).not.toContain('secret');
      expect(new URL(got).username).toBe('');
    }
  });

  it('does not downgrade an https page to an http endpoint', () => {
    const hostile = okteto({
      staging: movies.details?.staging.services ?? [],
      alice: [service('frontend', 'http://movies-alice.okteto.example.com')],
    });
    expect(deviceUrl('https://movies-staging.okteto.example.com/x', 'alice', hostile)?.url).toMatch(/^https:/);
  });

  it('takes no endpoint of another scheme that carries the right host (passes; guards the protocol check)', () => {
    for (const bad of ['javascript://movies-alice.okteto.example.com/%0aalert(1)', 'ftp://movies-alice.okteto.example.com/']) {
      const hostile = okteto({ staging: movies.details?.staging.services ?? [], alice: [service('frontend', bad)] });
      expect(deviceUrl(PAGE, 'alice', hostile), bad).toEqual({ kind: 'share', url: `${PAGE}:~:okteto-divert=alice` });
    }
  });
});

describe('the URL for another device: each guard on its own', () => {
  it('takes no endpoint named <name>-<namespace> whose shared parent is a public suffix', () => {
    const hostile = okteto({
      staging: [service('frontend', 'https://frontend-staging.github.io')],
      alice: [service('frontend', 'https://frontend-alice.github.io')],
    });
    expect(deviceUrl('https://frontend-staging.github.io/app', 'alice', hostile)).toEqual({
      kind: 'share',
      url: 'https://frontend-staging.github.io/app#:~:okteto-divert=alice',
    });
  });

  it('clears the page URL’s credentials when the page already is the namespace’s endpoint', () => {
    const got = deviceUrl('https://user:secret@movies-staging.okteto.example.com/x', 'staging', movies);
    expect(got).toEqual({ kind: 'endpoint', service: 'frontend', url: 'https://movies-staging.okteto.example.com/x' });
  });
});
