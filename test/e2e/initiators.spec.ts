import { beforeAll, describe, expect, it } from 'vitest';
import { BROWSERS } from '../../dev/harness/browsers';
import { type Tab, until } from '../../dev/harness/driver';
import { byHost, divertApp, FRONTEND, loadResources, marker, TEST_DOMAIN, TYPES, useBrowser } from './helpers';

// Issue 33 (10): requests other sites make to a diverted host (core/initiators.ts). The e2e build
// may access other.example.org and notokteto.example.com as "On all sites" would: a grant alone
// no longer lets a page's calls carry the header.
const API = `api.${TEST_DOMAIN}`;
/** Another site: granted, not diverted, not a calling page (a `*.` grant), not the same site. */
const ELSEWHERE = 'app.other.example.org';
/** Granted, not diverted, but the same site (example.com) as the diverted hosts. */
const SAME_SITE = 'notokteto.example.com';
const ALICE = 'okteto-divert=alice';
const calls = TYPES.filter((t) => t !== 'sub_frame');

describe.each(BROWSERS)('%s: requests other sites make', (_name, launch) => {
  const env = useBrowser(launch);
  let app: Tab;

  beforeAll(async () => {
    app = await divertApp(env.driver, env.sandbox, 'alice');
  });

  it("the diverted site's own calls, and a sibling diverted host's, carry it", async () => {
    const { seen } = await loadResources(env.driver, env.sandbox, FRONTEND, [API], app);
    expect(byHost(seen)[API]).toEqual(Object.fromEntries(TYPES.map((t) => [t, ALICE])));
  });

  it("another site's fetch, XHR, image, script and WebSocket to a diverted host carry nothing; its frame does", async () => {
    const { seen, tab } = await loadResources(env.driver, env.sandbox, ELSEWHERE, [API, FRONTEND]);
    await tab.close();
    for (const host of [API, FRONTEND]) {
      expect(byHost(seen)[host], host).toEqual({
        sub_frame: ALICE,
        ...Object.fromEntries(calls.map((t) => [t, null])),
      });
    }
  });

  it('a page of the same site (example.com) that is not diverted: its calls carry it', async () => {
    const { seen, tab } = await loadResources(env.driver, env.sandbox, SAME_SITE, [API]);
    await tab.close();
    expect(byHost(seen)[API]).toEqual(Object.fromEntries(TYPES.map((t) => [t, ALICE])));
  });

  it('a link on another site opens the diverted page with the header (a top-level navigation)', async () => {
    const id = marker('nav');
    const page = await env.driver.open(env.sandbox.url(ELSEWHERE, `/__echo?page=${id}`));
    const target = env.sandbox.url(FRONTEND, `/__echo?from=${id}`);
    await page.run(`location.href = ${JSON.stringify(target)}; 'sent'`);
    const arrived = await until(
      () => env.sandbox.seen.find((s) => s.host === FRONTEND && s.path === `/__echo?from=${id}`),
      'the navigation to reach the sandbox',
    );
    await page.close();
    expect(arrived.headers.baggage).toBe(ALICE);
  });
});
