import { createServer, request, type Server } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { type Browser, type BrowserContext, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSERS } from '../../dev/harness/browsers';
import { CHROMIUM, chromiumArgs } from '../../dev/harness/chromium';
import { until } from '../../dev/harness/driver';
import { divertApp, FRONTEND, LOOKALIKE_HOSTS, marker, TEST_DOMAIN, useBrowser } from './helpers';

/**
 * A loopback proxy in front of the sandbox: Playwright's request context (route.fetch, in Node)
 * tunnels through it with CONNECT, the browser sends absolute-URI requests; both end at the sandbox.
 */
function proxyTo(port: number): Promise<Server> {
  const server = createServer((req, res) => {
    const up = request({ host: '127.0.0.1', port, method: req.method, path: req.url, headers: req.headers }, (r) => {
      res.writeHead(r.statusCode ?? 502, r.headers);
      r.pipe(res);
    });
    up.on('error', () => res.destroy());
    req.pipe(up);
  });
  server.on('connect', (_req, socket, head) => {
    const up = connect(port, '127.0.0.1', () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      up.write(head);
      up.pipe(socket);
      socket.pipe(up);
    });
    up.on('error', () => socket.destroy());
    socket.on('error', () => up.destroy());
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** The copied text run as the body of an async function given `context`, as the popup says to. */
const AsyncFunction = (async () => undefined).constructor as new (
  ...args: string[]
) => (context: BrowserContext) => Promise<void>;

describe.each(BROWSERS)('%s: Copy for Playwright', (_name, launch) => {
  const env = useBrowser(launch);
  let script: string;
  let browser: Browser;
  let context: BrowserContext;
  let proxy: Server | undefined;

  beforeAll(async () => {
    const app = await divertApp(env.driver, env.sandbox, 'alice');
    const popup = await env.driver.popup(app);
    script = await popup.clickAndCopy('button', 'Copy for Playwright');
    expect(await popup.pageText()).toContain(`requests to ${TEST_DOMAIN} carry okteto-divert=alice`);
    await popup.close();
    // A fresh Playwright browser with no extension: only the copied script adds anything.
    browser = await chromium.launch({ executablePath: CHROMIUM, args: chromiumArgs() });
    // The script fetches diverted requests from Node (route.fetch), which cannot resolve the test
    // hosts as this Chromium does (--host-resolver-rules): the context's proxy, which Playwright's
    // request context honours too, leads to the sandbox.
    proxy = await proxyTo(env.sandbox.port);
    const { port } = proxy.address() as AddressInfo;
    context = await browser.newContext({ proxy: { server: `http://127.0.0.1:${port}` } });
    await new AsyncFunction('context', script)(context);
  });
  afterAll(async () => {
    await browser?.close();
    proxy?.closeAllConnections();
    await new Promise((resolve) => proxy?.close(resolve) ?? resolve(undefined));
  });

  /** What the sandbox saw for the one request whose path carries `id`. */
  const seenWith = (id: string) =>
    until(() => env.sandbox.seen.find((s) => s.path.includes(id)), `the request ${id}`).then((s) => s?.headers.baggage);
  /** The same at `host` only: a redirect's own URL names its target, marker included. */
  const seenAt = (host: string, id: string) =>
    until(() => env.sandbox.seen.find((s) => s.host === host && s.path.includes(id)), `the request ${id} at ${host}`).then(
      (s) => s?.headers.baggage,
    );

  it('a diverted host gets okteto-divert, its page’s own baggage members kept, on the page and its calls', async () => {
    const page = await context.newPage();
    const id = marker('pw-page');
    await page.goto(env.sandbox.url(FRONTEND, `/__echo?${id}`));
    expect(await seenWith(id)).toBe('okteto-divert=alice');
    const call = marker('pw-call');
    await page.evaluate(
      (url) => fetch(url, { headers: { baggage: 'sentry-trace_id=abc,okteto-divert=bob,userId=7' } }).then((r) => r.text()),
      `/__echo?${call}`,
    );
    expect(await seenWith(call)).toBe('sentry-trace_id=abc,okteto-divert=alice,userId=7');
    // A subdomain of the diverted domain, from the same page.
    const api = marker('pw-api');
    await page.evaluate(
      (url) => fetch(url, { mode: 'no-cors' }).then(() => 'sent'),
      env.sandbox.url(`catalog-staging.${TEST_DOMAIN}`, `/x?${api}`),
    );
    expect(await seenWith(api)).toBe('okteto-divert=alice');
    await page.close();
  });

  it('another host, and every look-alike of the domain, gets no header: navigated to, or called from a diverted page', async () => {
    const page = await context.newPage();
    await page.goto(env.sandbox.url(FRONTEND, `/__echo?${marker('pw-start')}`));
    for (const host of ['app.other.example.org', ...LOOKALIKE_HOSTS]) {
      const call = marker('pw-other');
      await page.evaluate((url) => fetch(url, { mode: 'no-cors' }).then(() => 'sent'), env.sandbox.url(host, `/x?${call}`));
      expect(await seenWith(call), host).toBeUndefined();
      const other = await context.newPage();
      const nav = marker('pw-other-page');
      await other.goto(env.sandbox.url(host, `/__echo?${nav}`));
      expect(await seenWith(nav), host).toBeUndefined();
      await other.close();
    }
    await page.close();
  });

  it('a redirect from a diverted host to another host carries no header there (attack review)', async () => {
    // Contract: "makes that context's requests to the diverted domains, and only those, carry" the
    // header. route.fallback/continue({ headers }) keeps the headers on every redirect, to any host;
    // route.fetch({ maxRedirects: 0 }) + route.fulfill({ response }) lets the browser follow the
    // redirect itself, so the next hop goes through the route's host test again.
    const page = await context.newPage();
    const id = marker('pw-redirect');
    const to = env.sandbox.url('app.other.example.org', `/__echo?${id}`);
    await page.goto(env.sandbox.url(FRONTEND, `/__test/redirect?to=${encodeURIComponent(to)}`));
    expect(await seenAt('app.other.example.org', id)).toBeUndefined();
    // The same for a page's fetch.
    const call = marker('pw-redirect-call');
    const next = env.sandbox.url('app.other.example.org', `/__echo?${call}`);
    await page.goto(env.sandbox.url(FRONTEND, `/__echo?${marker('pw-start')}`));
    await page.evaluate(
      (url) => fetch(url, { mode: 'no-cors' }).then(() => 'sent'),
      env.sandbox.url(FRONTEND, `/__test/redirect?to=${encodeURIComponent(next)}`),
    );
    expect(await seenAt('app.other.example.org', call)).toBeUndefined();
    await page.close();
  });
});
