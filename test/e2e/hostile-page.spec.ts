import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIST } from '../../dev/dist';
import { launchChromium } from '../../dev/harness/chromium';
import { type Driver, type Tab, until } from '../../dev/harness/driver';
import { type BrowserEnv, divertApp, FRONTEND, marker, TEST_DOMAIN, useBrowser } from './helpers';

// Chrome, "Keep the page's own baggage" on: a page shares its document with the bridge, so it can
// send the keep-page-baggage asks itself (issue 22). Each test here is the page doing the bad thing.

const ASK = 'divert-switch:keep-page-baggage';

/** The page sends an ask of its own, as the page script would; the token it got back, or ''. */
const forge = (tab: Tab, url: string, baggage: string, method = 'GET') =>
  tab.run(`new Promise((done) => {
    const id = 'forged-' + Math.random().toString(36).slice(2, 10);
    document.addEventListener('${ASK}:' + id, (e) => done(String(e.detail)), { once: true });
    document.dispatchEvent(new CustomEvent('${ASK}', { detail: JSON.stringify({ id, url: ${JSON.stringify(url)}, method: '${method}', baggage: ${JSON.stringify(baggage)} }) }));
    setTimeout(() => done('no answer'), 3000);
  })`) as Promise<string>;

/** A plain call of the page (no baggage of its own, as most calls are); the header the server got. */
async function plainCall(env: BrowserEnv<Driver>, tab: Tab, url: string): Promise<string | undefined> {
  const path = new URL(url).pathname + new URL(url).search;
  await tab.run(`fetch(${JSON.stringify(url)}, { mode: 'no-cors' }).then(() => 1, () => 0)`);
  const hit = await until(() => env.sandbox.seen.find((s) => s.path === path), `the call to ${url}`);
  return hit?.headers.baggage as string | undefined;
}

async function keepSwitchOn(driver: Driver) {
  const options = await driver.options();
  await options.click('switch', "Keep the page's own baggage");
  await until(async () => (await options.isChecked('switch', "Keep the page's own baggage")) || null, 'the switch on');
  await options.close();
}

const heldRules = async (driver: Driver) => (await driver.rules()).session.filter((r) => r.id >= 9000);

describe('chromium: a page that sends keep-page-baggage asks itself', () => {
  const env = useBrowser(launchChromium);
  let app: Tab;
  let origin: string;

  beforeAll(async () => {
    app = await divertApp(env.driver, env.sandbox, 'alice');
    await keepSwitchOn(env.driver);
    await app.reload();
    await until(() => app.run('window.__divertSwitchKeepBaggage === true'), 'the page script');
    origin = new URL(env.sandbox.url(FRONTEND)).origin;
  });

  it('cannot hold a rule for every later request of its tab, or for another host, with a wildcard or userinfo', async () => {
    const evil = 'OKTETO-DIVERT=mallory,evil=1';
    expect(await forge(app, `${origin}/*`, evil)).toBe('');
    expect(await forge(app, `http://*@${TEST_DOMAIN}:${env.sandbox.port}/*`, evil)).toBe('');
    expect(await heldRules(env.driver)).toEqual([]);
    // Later calls of the tab, on this host and on another subdomain, carry ours alone.
    expect(await plainCall(env, app, `${origin}/__echo?${marker('after-wild')}`)).toBe('okteto-divert=alice');
    const auth = env.sandbox.url(`auth.${TEST_DOMAIN}`, `/__echo?${marker('auth')}`);
    expect(await plainCall(env, app, auth)).toBe('okteto-divert=alice');
  });

  it("an ask for one URL holds that URL only, never the page's okteto-divert in any case, and only for seconds", async () => {
    const url = `${origin}/__echo?${marker('exact')}`;
    expect(await forge(app, url, 'OKTETO-DIVERT=mallory,evil=1')).toMatch(/^\d+$/);
    const [rule] = await heldRules(env.driver);
    expect(rule.condition).toMatchObject({
      urlFilter: `|${url}|`,
      isUrlFilterCaseSensitive: true,
      initiatorDomains: [FRONTEND],
      requestMethods: ['get'],
    });
    // What the page chose for its own members goes (it could send those itself); mallory never does.
    const got = String(await plainCall(env, app, url));
    expect(got).toBe('okteto-divert=alice,evil=1');
    // The same URL with other letter case, or another query, is not covered.
    expect(await plainCall(env, app, url.replace('__echo', '__ECHO'))).toBe('okteto-divert=alice');
    // Never let go: it is gone within seconds all the same (30 s before).
    await until(async () => (await heldRules(env.driver)).length === 0, 'the held rule to lapse', 8_000);
  });

  // Issue 33 (8): a no-cors call cannot carry the page's baggage to another origin; a held rule would set it.
  it('cannot hold a rule for another diverted host and send its members there with a no-cors call', async () => {
    const other = env.sandbox.url(`api.${TEST_DOMAIN}`, `/__echo?${marker('cross-origin')}`);
    expect(await forge(app, other, 'evil=1,userId=victim')).toBe('');
    expect(await heldRules(env.driver)).toEqual([]);
    // The other host got the call with ours alone: none of the page's members.
    expect(await plainCall(env, app, other)).toBe('okteto-divert=alice');
  });

  it('Pause drops every held rule at once', async () => {
    const url = `${origin}/__echo?${marker('paused')}`;
    expect(await forge(app, url, 'evil=1')).toMatch(/^\d+$/);
    const popup = await env.driver.popup(app);
    await popup.click('switch', 'Pause');
    await popup.waitText('status', 'Paused');
    expect(await heldRules(env.driver)).toEqual([]);
    await popup.click('switch', 'Pause');
    await popup.waitText('status', 'okteto-divert=alice');
    await popup.close();
    expect(await plainCall(env, app, url)).toBe('okteto-divert=alice');
  });

  it('a flood of huge asks holds nothing, and the popup still answers at once', async () => {
    const huge = `a=${'x'.repeat(16_000)}`;
    const answers = (await app.run(`Promise.all(Array.from({ length: 200 }, (_, i) => new Promise((done) => {
      const id = 'flood-' + i;
      document.addEventListener('${ASK}:' + id, (e) => done(String(e.detail)), { once: true });
      document.dispatchEvent(new CustomEvent('${ASK}', { detail: JSON.stringify({ id, url: '${origin}/__echo?flood' + i, method: 'GET', baggage: ${JSON.stringify(huge)} }) }));
      setTimeout(() => done('no answer'), 5000);
    })))`)) as string[];
    expect(answers.filter((a) => a !== '')).toEqual([]);
    expect(await heldRules(env.driver)).toEqual([]);
    // The person can still unpin or pause: a command is answered behind the flood.
    const popup = await env.driver.popup(app);
    await popup.click('checkbox', 'This tab only');
    await until(async () => Object.keys(((await env.driver.session('pins')) ?? {}) as object).length === 1, 'the tab pinned');
    await popup.click('checkbox', 'This tab only');
    await until(async () => Object.keys(((await env.driver.session('pins')) ?? {}) as object).length === 0, 'the tab unpinned');
    await popup.close();
  });
});

describe('chromium: "Keep the page\'s own baggage" with access to all sites', () => {
  const holder = { dist: '' };

  beforeAll(async () => {
    // The e2e build as Chrome's "On all sites" leaves it: <all_urls> granted (and no test hosts).
    holder.dist = await mkdtemp(join(tmpdir(), 'divert-all-sites-'));
    await cp(resolve(DIST, 'e2e-chrome'), holder.dist, { recursive: true });
    const file = join(holder.dist, 'manifest.json');
    const manifest = JSON.parse(await readFile(file, 'utf8'));
    manifest.host_permissions = ['<all_urls>'];
    await writeFile(file, JSON.stringify(manifest));
  });
  const env = useBrowser(() => launchChromium(holder.dist));
  afterAll(async () => {
    await rm(holder.dist, { recursive: true, force: true });
  });

  it('registers the page script on the diverted domains (none was registered), and the page keeps its members', async () => {
    expect(await env.driver.origins()).toContain('<all_urls>');
    const app = await divertApp(env.driver, env.sandbox, 'alice');
    await keepSwitchOn(env.driver);
    await app.reload();
    await until(() => app.run('window.__divertSwitchKeepBaggage === true'), 'the page script on the diverted page');
    const path = `/__echo?${marker('all-sites')}`;
    await app.run(`fetch('${path}', { headers: { baggage: 'sentry-trace_id=1,userId=x' } }).then(() => 1)`);
    const hit = await until(() => env.sandbox.seen.find((s) => s.path === path), 'the call');
    expect(hit?.headers.baggage).toBe('sentry-trace_id=1,userId=x,okteto-divert=alice');
    // A site that is neither diverted nor a calling page gets no page script, whatever the grant.
    const other = await env.driver.open(env.sandbox.url('other.example.org', '/__echo?elsewhere'));
    expect(await other.run('typeof window.__divertSwitchKeepBaggage')).toBe('undefined');
  });
});
