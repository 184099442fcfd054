import { describe, expect, it } from 'vitest';
import { deviceUrl } from './another-device';
import type { OktetoService, OktetoState } from './okteto';
import { SHARE_URL_MAX, sharedNamespace } from './share-link';

// Attack review s12b. Failed at 822ca8c (passed at 7167528), passes since withoutShare drops every
// directive past SHARE_URL_MAX when ours is among them. At 822ca8c it returned a URL past SHARE_URL_MAX
// unchanged, share directive and all, and ownEndpoint builds the endpoint from it. The endpoint's
// origin is shorter than the page's (no port, `-alice` for `-staging`, userinfo cleared), so the
// address "Open on another device" shows (text and QR code) can fall back under the limit, where a
// share directive the page's URL carried counts again: any site can send the tab to
// `<page>?pad=…#:~:okteto-divert=mallory` (ignored here: past the limit), and the endpoint URL the
// popup offers for alice carries `okteto-divert=mallory` to the other device.

const service = (name: string, ...endpoints: string[]): OktetoService => ({ name, kind: 'deployment', endpoints });
const movies: OktetoState = {
  url: 'https://okteto.example.com',
  namespaces: ['staging', 'alice'],
  details: {
    staging: { services: [service('frontend', 'https://movies-staging.okteto.example.com')], fetchedAt: 1 },
    alice: { services: [service('frontend', 'https://movies-alice.okteto.example.com')], fetchedAt: 1 },
  },
};

describe('the URL for another device past SHARE_URL_MAX (attack review s12b)', () => {
  it('never carries the page URL’s share directive to the endpoint, even for a page URL past the limit', () => {
    const head = 'http://movies-staging.okteto.example.com:8080/movies?pad=';
    const tail = '#:~:okteto-divert=mallory';
    const page = `${head}${'a'.repeat(SHARE_URL_MAX + 1 - head.length - tail.length)}${tail}`;
    expect(page.length).toBe(SHARE_URL_MAX + 1);
    // Ignored where it loads: past the limit.
    expect(sharedNamespace(page)?.error?.key).toBe('shareUrlTooLong');
    const got = deviceUrl(page, 'alice', movies);
    expect(got?.kind).toBe('endpoint');
    // What the other device reads from the address: no share link.
    expect(sharedNamespace(got?.url)).toBeUndefined();
    expect(got?.url.includes('okteto-divert=')).toBe(false);
  });
});
