import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSERS } from '../../dev/harness/browsers';
import { type Tab, until } from '../../dev/harness/driver';
import { startOktetoApi } from '../../dev/sandbox/okteto-api';
import { divertApp, FRONTEND, marker, TEST_DOMAIN, useBrowser } from './helpers';

const TOKEN = 'okteto-pat-trust-0123456789';

/**
 * A diverted page is written by anyone who can deploy: what it can reach through the page badge,
 * the probe and the headers Divert Switch reads must give it nothing.
 */
describe.each(BROWSERS)('%s: trust', (name, launch) => {
  const env = useBrowser(launch);
  let app: Tab;
  let okteto: Awaited<ReturnType<typeof startOktetoApi>>;

  const badgeShown = (tab: Tab) => until(async () => (await tab.pageBadge())?.text.includes('okteto-divert') ?? false, 'badge');

  beforeAll(async () => {
    okteto = await startOktetoApi({ token: TOKEN, namespaces: ['staging', 'alice'] });
    const options = await env.driver.options();
    await options.type('textbox', 'Okteto instance URL', okteto.url);
    await options.type('textbox', 'Personal access token', TOKEN);
    await options.click('button', 'Connect');
    await options.waitText('status', 'namespaces');
    await options.close();
    app = await divertApp(env.driver, env.sandbox, 'alice');
  });
  afterAll(async () => {
    await okteto?.close();
  });

  it("code in the page badge's content-script world gets neither the token nor (where the browser allows) the settings", async () => {
    await app.reload();
    await badgeShown(app);
    const seen = await env.driver.contentWorldStorage(app);
    expect(seen).not.toContain(TOKEN);
    expect(seen).not.toContain('oktetoToken');
    const { local, sync } = JSON.parse(seen) as Record<string, { items?: unknown; refused?: string }>;
    if (name === 'chromium') {
      // storage.local and storage.sync are closed to content scripts: no settings either.
      expect(local.refused).toMatch(/access|context/i);
      expect(sync.refused).toMatch(/access|context/i);
    } else {
      // Firefox cannot close storage to content scripts (bug 1724754): the token is kept elsewhere.
      expect(local.items).toBeDefined();
    }
    expect(await env.driver.secret()).toEqual({ token: TOKEN, origin: okteto.url });
  });

  it("a page's script cannot drive the badge's buttons, and nothing is written for it", async () => {
    await app.reload();
    await badgeShown(app);
    const clicked = await app.run(`(() => {
      const root = document.querySelector('divert-switch-badge').shadowRoot;
      for (let i = 0; i < 50; i++) root.querySelector('.collapse').click();
      root.querySelector('.close').click();
      return root.querySelector('.badge').className;
    })()`);
    expect(clicked).not.toContain('collapsed');
    expect(await app.pageBadge()).not.toBeNull(); // the script's "close" did nothing either
    await new Promise((r) => setTimeout(r, 300));
    expect(await env.driver.stored('badgePlaces')).toBeUndefined();
  });

  it('a diverted host that redirects to another host sends no header to that host', async () => {
    const id = marker('redirect');
    const target = env.sandbox.url('other.example.org', `/__echo?${id}=target`);
    const hop = env.sandbox.url(FRONTEND, `/__test/redirect?${id}=hop&to=${encodeURIComponent(target)}`);
    // a navigation, then a fetch from the diverted page, both through the redirect
    const tab = await env.driver.open(hop);
    await app.run(`fetch(${JSON.stringify(hop.replace(`${id}=hop`, `${id}=hop2`))}).then((r) => r.status)`);
    await until(() => env.sandbox.seen.filter((s) => s.path.includes(`${id}=target`)).length >= 2, 'both redirects followed');
    const hops = env.sandbox.seen.filter((s) => s.path.includes(`${id}=hop`));
    expect(hops.map((s) => s.headers.baggage)).toEqual(['okteto-divert=alice', 'okteto-divert=alice']);
    const targets = env.sandbox.seen.filter((s) => s.path.includes(`${id}=target`));
    expect(targets.map((s) => s.host)).toEqual(['other.example.org', 'other.example.org']);
    expect(targets.map((s) => s.headers.baggage)).toEqual([undefined, undefined]);
    await tab.close();
  });

  it('the served-by probe sends no cookies, unless the user switches them on for the domain', async () => {
    const options = await env.driver.options();
    await options.click('button', `Served-by signal for ${TEST_DOMAIN}`);
    await options.type('textbox', `Probe path for ${TEST_DOMAIN}`, '/api/catalog/healthz');
    await options.click('button', `Save served-by signal for ${TEST_DOMAIN}`);
    await options.waitText('status', 'Saved.');
    await app.run(`document.cookie = 'session=from-the-regular-profile; path=/'`);
    const probeAfterReload = async () => {
      const before = env.sandbox.find('/api/catalog/healthz').length;
      await app.reload();
      return until(() => env.sandbox.find('/api/catalog/healthz')[before], 'a probe');
    };
    const plain = await probeAfterReload();
    expect(plain.headers.baggage).toBe('okteto-divert=alice');
    expect(plain.headers.cookie).toBeUndefined();

    await options.click('checkbox', `Send this browser's cookies with the probe on ${TEST_DOMAIN}`);
    await until(
      async () =>
        ((await env.driver.stored('settings')) as { domains: { probeCookies?: boolean }[] }).domains[0].probeCookies === true,
      'the switch saved',
    );
    expect((await probeAfterReload()).headers.cookie).toContain('session=from-the-regular-profile');
    await options.click('checkbox', `Send this browser's cookies with the probe on ${TEST_DOMAIN}`);
    await options.close();
  });

  it('on a host under a company domain, "Divert this site" adds that host only and offers the wide entry as a choice', async () => {
    // other.example.org: the e2e build may read its tabs, and its parent is the registrable domain.
    const page = await env.driver.open(env.sandbox.url('other.example.org', '/__echo'));
    const popup = await env.driver.popup(page);
    await until(async () => (await popup.pageText()).includes('Turning it on adds *.other.example.org'), 'the entry it adds');
    expect(await popup.exists('button', 'Divert all of *.example.org instead')).toBe(true);
    await popup.close();
    await page.close();
  });

  it('turning sync on loses nothing local and takes no hostile item from the sync area', async () => {
    const now = Date.now();
    const old = now - 30 * 24 * 3600 * 1000;
    // Another browser deleted the domain a month ago and diverted another one; a hostile writer adds more.
    await env.driver.syncArea({
      'd:okteto.example.com': { v: null, at: old },
      'd:api.example.net': { v: { domain: 'api.example.net', enabled: true, namespace: 'old-ns' }, at: old },
      'd:co.uk': { v: { domain: 'co.uk', enabled: true }, at: now },
      'd:10.0.0.1': { v: { domain: '10.0.0.1', enabled: true }, at: now },
      'd:planted.example.org': { v: { domain: 'planted.example.org', enabled: true, managed: true }, at: now },
      'c:choices': { v: { activeNamespace: 'bob', paused: true, showPageBadge: true, recent: [], domains: [] }, at: now },
      's:http://evil.test/team.json': { v: { url: 'http://evil.test/team.json', team: 'evil' }, at: now },
    });
    const before = (await env.driver.stored('settings')) as { domains: { domain: string }[]; activeNamespace: string };
    const options = await env.driver.options();
    await options.click('switch', 'Sync settings across browsers');
    await until(async () => (await options.pageText()).includes('Ignored 5 synced entries'), 'the refusals said').catch(
      async (e) => {
        throw new Error(`${e.message}: ${JSON.stringify(await env.driver.stored('syncState'))}`);
      },
    );
    const after = (await env.driver.stored('settings')) as {
      domains: { domain: string; namespace?: string; managed?: boolean }[];
      activeNamespace: string;
      paused: boolean;
      subscriptions: unknown[];
    };
    expect(after.domains.map((d) => d.domain)).toEqual([...before.domains.map((d) => d.domain), 'api.example.net']);
    expect(after.domains.some((d) => d.managed)).toBe(false);
    expect(after.activeNamespace).toBe(before.activeNamespace);
    expect(after.paused).toBe(false);
    expect(after.subscriptions).toEqual([]);
    expect(((await env.driver.stored('settingsAside')) as { reason: string }).reason).toBe('kept before sync was turned on');
    await options.click('switch', 'Sync settings across browsers');
    await options.close();
    await app.reload();
    expect(env.sandbox.seen.filter((s) => s.host === FRONTEND).at(-1)?.headers.baggage).toBe('okteto-divert=alice');
  });

  it.runIf(name === 'firefox')(
    'removing a domain gives its host access back (Chromium keeps what its manifest grants)',
    async () => {
      const pattern = `*://*.${TEST_DOMAIN}/*`;
      expect(await env.driver.origins()).toContain(pattern);
      const options = await env.driver.options();
      await options.click('button', `Remove ${TEST_DOMAIN}`);
      await until(async () => !(await env.driver.origins()).includes(pattern), 'access given back');
      expect(await env.driver.origins()).not.toContain(`wss://*.${TEST_DOMAIN}/*`);
      await options.close();
    },
  );
});
