import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { BROWSERS } from '../../dev/harness/browsers';
import { type Driver, type Tab, until } from '../../dev/harness/driver';
import { startOktetoApi } from '../../dev/sandbox/okteto-api';
import { divertApp, FRONTEND, LOOKALIKE_HOSTS, marker, reloadedBy, TEST_DOMAIN, useBrowser } from './helpers';

const run = promisify(execFile);
const TOKEN = 'okteto-pat-share-0123456789';

/** The page's text at `selector` once it shows `text` (a reload may be under way meanwhile). */
const shows = (tab: Tab, selector: string, text: string) =>
  until(async () => (await tab.textOf(selector).catch(() => '')) === text, `${selector} to show ${text}`);

describe.each(BROWSERS)('%s: share links, open diverted, honest reloads, time boxes', (_name, launch) => {
  const env = useBrowser(launch);
  let app: Tab;
  let page: string;
  let link: string;

  const requestsFor = (path: string) => env.sandbox.seen.filter((s) => s.host === FRONTEND && s.path === path);

  beforeAll(async () => {
    app = await divertApp(env.driver, env.sandbox, 'alice');
    page = `/?id=${marker('share')}`;
    await app.goto(env.sandbox.url(FRONTEND, page));
  });

  it('the popup shows a share link for the page and namespace, and copies it', async () => {
    const popup = await env.driver.popup(app);
    link = await popup.value('textbox', 'Share link');
    expect(link).toBe(env.sandbox.url(FRONTEND, `${page}#:~:okteto-divert=alice`));
    expect(await popup.clickAndCopy('button', 'Copy share link')).toBe(link);
    await popup.close();
  });

  it('a page whose address is past 8,192 characters gets no share link, and the popup says why', async () => {
    // A page can make its own URL megabytes long; a link to it would be refused where it opens.
    await app.goto(env.sandbox.url(FRONTEND, `${page}&p=${'a'.repeat(8200)}`));
    const popup = await env.driver.popup(app);
    await popup.waitText('status', 'okteto-divert=alice');
    expect(await popup.pageText()).toContain(
      "No share link: this page's address is longer than 8192 characters, and a link to it would open undiverted.",
    );
    expect(await popup.exists('textbox', 'Share link')).toBe(false);
    expect(await popup.exists('button', 'Copy share link')).toBe(false);
    expect(await popup.exists('button', 'Copy as curl')).toBe(true);
    await popup.close();
    await app.goto(env.sandbox.url(FRONTEND, page));
  });

  it('copies a curl command that, run against the sandbox, is answered by the same namespace', async () => {
    const popup = await env.driver.popup(app);
    const curl = await popup.clickAndCopy('button', 'Copy as curl');
    await popup.close();
    const url = env.sandbox.url(FRONTEND, page);
    expect(curl).toBe(`curl -H 'baggage: okteto-divert=alice' '${url}'`);
    // Run as copied, through a shell; --resolve stands in for the cluster's DNS, as the browser's
    // host rules do.
    const resolve = `--resolve ${FRONTEND}:${env.sandbox.port}:127.0.0.1`;
    const { stdout } = await run('sh', ['-c', `${curl} -sS --max-time 10 ${resolve}`]);
    const catalog = /id="catalog-ns">([^<]+)</.exec(stdout)?.[1];
    expect(catalog).toBe('alice');
    expect(catalog).toBe(await app.textOf('#catalog-ns'));
    expect(requestsFor(page).at(-1)?.headers.baggage).toBe('okteto-divert=alice');
  });

  describe('in a second profile that diverts the domain to bob', () => {
    let second: Driver;
    let other: Tab;

    beforeAll(async () => {
      second = await launch();
      other = await divertApp(second, env.sandbox, 'bob');
    });

    it('a page that sends the tab to a link for a namespace never chosen pins nothing: the popup asks, and Ignore leaves it', async () => {
      const pinsBefore = await second.session('pins');
      // Any web site can navigate a tab: here another site's page sends it to a share link.
      const tab = await second.open(env.sandbox.url(LOOKALIKE_HOSTS[0], `/__echo?${marker('attacker')}`));
      const path = `/?id=${marker('mallory')}`;
      await tab.run(`location = ${JSON.stringify(env.sandbox.url(FRONTEND, `${path}#:~:okteto-divert=mallory`))}`);
      // The tab loads as it would without the link (bob runs no catalog: staging's answers).
      await until(() => requestsFor(path).length > 0, 'the link to load');
      await shows(tab, '#catalog-ns', 'staging');
      expect(requestsFor(path).map((s) => s.divert)).toEqual(['bob']);
      expect(await second.session('pins')).toEqual(pinsBefore);
      // The toolbar button, drawn by the browser, marks the tab.
      await until(
        async () => (await second.badge(tab)).title.includes('A link asks to open this tab diverted to mallory'),
        'the toolbar to mark the tab',
      );
      expect((await second.badge(tab)).text).toBe('?');
      const popup = await second.popup(tab);
      expect(await popup.pageText()).toContain('This link asks to open this tab diverted to mallory');
      expect(await popup.exists('button', 'Open diverted to mallory')).toBe(true);
      await popup.click('button', 'Ignore');
      await until(async () => (await popup.pageText()).includes('You ignored this link'), 'the popup to say it was ignored');
      expect(await popup.exists('button', 'Open diverted to mallory')).toBe(false);
      await popup.close();
      await tab.reload();
      await until(() => requestsFor(path).length === 2, 'the reload');
      expect(await second.session('pins')).toEqual(pinsBefore);
      expect(requestsFor(path).map((s) => s.divert)).toEqual(['bob', 'bob']);
      await tab.close();
    });

    it('opens the link in that tab alone, diverted to alice, once the popup is told to; the saved namespace and other tabs keep bob', async () => {
      const since = Date.now();
      const tab = await second.open(link);
      // alice is no namespace this profile ever chose: the question first, nothing pinned.
      await shows(tab, '#catalog-ns', 'staging');
      expect((await second.session('pins')) ?? {}).toEqual({});
      const asked = await second.popup(tab);
      await reloadedBy(tab, async () => {
        await asked.click('button', 'Open diverted to alice');
      });
      await asked.close();
      await shows(tab, '#catalog-ns', 'alice').catch(async (e: Error) => {
        const seen = requestsFor(page).filter((s) => s.at >= since);
        throw new Error(
          `${e.message}; pins ${JSON.stringify(await second.session('pins'))}, shared ${JSON.stringify(await second.session('shared'))}, loads ${JSON.stringify(seen.map((s) => s.divert ?? null))}`,
        );
      });
      // The page's own scripts never see the directive: a hash router reads its own hash.
      expect(await until(() => tab.run('location.href').catch(() => ''), 'the page URL')).toBe(env.sandbox.url(FRONTEND, page));
      expect(
        requestsFor(page)
          .filter((s) => s.at >= since)
          .map((s) => s.divert),
      ).toEqual(['bob', 'alice']);
      const id = await second.tabId(tab);
      expect(await second.session('pins')).toEqual({ [id]: 'alice' });
      expect(((await second.stored('settings')) as { activeNamespace: string }).activeNamespace).toBe('bob');

      const badge = await until(async () => {
        const text = (await tab.pageBadge().catch(() => null))?.text ?? '';
        return text.includes('opened from a share link') ? text : '';
      }, 'page badge to say the tab came from a share link');
      expect(badge).toContain('alice');
      // The toolbar follows a moment after each load (a navigation resets the tab's title).
      await until(async () => (await second.badge(tab)).title.includes('opened from a share link'), 'the toolbar title');
      const popup = await second.popup(tab);
      expect(await popup.isChecked('checkbox', 'This tab only')).toBe(true);
      expect(await popup.pageText()).toContain('Opened from a share link: this tab alone shows alice');
      await popup.close();

      // Reloaded, it stays alice and is not reloaded again by the extension.
      const before = requestsFor(page).length;
      await tab.reload();
      await shows(tab, '#catalog-ns', 'alice');
      await new Promise((r) => setTimeout(r, 500));
      expect(requestsFor(page).length).toBe(before + 1);

      await other.reload();
      expect(requestsFor('/').at(-1)?.divert).toBe('bob');
    });

    it('ignores a link to a domain it does not divert, a link with a bad namespace, and a URL the page changed itself', async () => {
      const host = LOOKALIKE_HOSTS[0];
      const path = `/${marker('foreign')}`;
      const origins = await second.origins();
      const settings = await second.stored('settings');
      const pins = await second.session('pins');
      const tab = await second.open(env.sandbox.url(host, `${path}#:~:okteto-divert=alice`));
      let popup = await second.popup(tab);
      expect(await popup.pageText()).toContain(`The share link for alice was ignored: ${host} is not a site you divert now`);
      await popup.close();
      expect(env.sandbox.find(path).map((s) => s.headers.baggage)).toEqual([undefined]);

      const bad = await second.open(env.sandbox.url(FRONTEND, `/?id=${marker('bad')}#:~:okteto-divert=Not_A_Namespace`));
      popup = await second.popup(bad);
      expect(await popup.pageText()).toContain('is not a valid namespace. A namespace is 1-63 characters');
      await popup.close();

      // A page of a diverted site that turns its own URL into a share link loads no document: its
      // tab keeps its namespace (a page must not be able to switch it).
      await other.run(`location.hash = ':~:okteto-divert=evil'`);
      await other.run(`history.pushState(null, '', '/elsewhere#:~:okteto-divert=evil')`);
      await new Promise((r) => setTimeout(r, 500));
      popup = await second.popup(other);
      expect(await popup.pageText()).toContain('This address names the namespace evil, but no link was opened');
      await popup.close();

      expect(await second.origins()).toEqual(origins);
      expect(await second.stored('settings')).toEqual(settings);
      expect(await second.session('pins')).toEqual(pins);
    });

    // Issue 33 (1): anyone who can deploy a preview gets a name the user's instance lists.
    it('a link for a name only an Okteto instance lists (a global preview) asks instead of pinning', async () => {
      const okteto = await startOktetoApi({
        token: TOKEN,
        spaces: [
          { id: 'bob', status: 'Active', deployments: [], statefulsets: [] },
          { id: 'pr-42', status: 'Active', deployments: [], statefulsets: [], preview: { branch: 'evil', scope: 'global' } },
        ],
      });
      try {
        const options = await second.options();
        await options.type('textbox', 'Okteto instance URL', okteto.url);
        await options.type('textbox', 'Personal access token', TOKEN);
        await options.click('button', 'Connect');
        await options.waitText('status', 'Connected');
        await options.close();
        const pinsBefore = await second.session('pins');
        const tab = await second.open(env.sandbox.url(LOOKALIKE_HOSTS[0], `/__echo?${marker('preview-attacker')}`));
        const path = `/?id=${marker('preview')}`;
        await tab.run(`location = ${JSON.stringify(env.sandbox.url(FRONTEND, `${path}#:~:okteto-divert=pr-42`))}`);
        await until(() => requestsFor(path).length > 0, 'the link to load');
        await until(
          async () => (await second.badge(tab)).title.includes('A link asks to open this tab diverted to pr-42'),
          'the toolbar to mark the tab',
        );
        expect(await second.session('pins')).toEqual(pinsBefore);
        expect(requestsFor(path).map((s) => s.divert)).toEqual(['bob']);
        const popup = await second.popup(tab);
        const text = await popup.pageText();
        expect(text).toContain('This link asks to open this tab diverted to pr-42');
        expect(text).toContain(`listed by ${new URL(okteto.url).host} as a preview`);
        expect(await popup.exists('button', 'Open diverted to pr-42')).toBe(true);
        await popup.close();
        await tab.close();
      } finally {
        await okteto.close();
      }
    });

    it('closes the second profile', async () => {
      await second.close();
    });
  });

  it('"Open diverted to" offers presets and recent namespaces on diverted links, and opens a tab pinned before its first request', async () => {
    // A Firefox event page idle while the second profile ran wakes for this command and builds its
    // menus again at start: wait for the menu as built (null until then).
    const menu = await until(async () => JSON.parse(await env.driver.command('test:menus', app)), 'the link menu built');
    expect(menu.patterns).toEqual([`*://${TEST_DOMAIN}/*`, `*://*.${TEST_DOMAIN}/*`]);
    expect(menu.choices.map((c: { namespace: string }) => c.namespace)).toContain('alice');

    const target = `/?id=${marker('open')}`;
    const opened = await env.driver.command(`test:open-diverted:staging:${env.sandbox.url(FRONTEND, target)}`, app);
    expect(opened).toMatch(/^opened \d+$/);
    await until(() => requestsFor(target).length > 0, 'the link to load');
    // Every request for the link carried staging: the pin was there before the tab loaded it.
    expect(requestsFor(target).map((s) => s.divert)).toEqual(['staging']);
    expect(Object.values((await env.driver.session('pins')) as Record<string, string>)).toContain('staging');
    expect(((await env.driver.stored('settings')) as { activeNamespace: string }).activeNamespace).toBe('alice');

    const foreign = `/${marker('menu-foreign')}`;
    expect(await env.driver.command(`test:open-diverted:staging:${env.sandbox.url(LOOKALIKE_HOSTS[0], foreign)}`, app)).toBe(
      `${LOOKALIKE_HOSTS[0]} is not diverted`,
    );
    expect(env.sandbox.find(foreign)).toEqual([]);
  });

  it('reloads the page after a change of namespace or divert, unless the option is off', async () => {
    const path = `/?id=${marker('reload')}`;
    await app.goto(env.sandbox.url(FRONTEND, path));
    let popup = await env.driver.popup(app);
    await popup.type('combobox', 'Namespace', 'staging', true);
    await until(() => requestsFor(path).at(-1)?.divert === 'staging', 'the tab to reload with staging');
    await popup.close();
    await shows(app, '#catalog-ns', 'staging');

    // The shortcut's toggle reloads too: off, then on again.
    expect(await env.driver.command('toggle-divert', app)).toMatch(/^off /);
    await until(() => requestsFor(path).at(-1)?.divert === undefined, 'the tab to reload without the header');
    expect(await env.driver.command('toggle-divert', app)).toMatch(/^on /);
    await until(() => requestsFor(path).at(-1)?.divert === 'staging', 'the tab to reload with the header');

    const options = await env.driver.options();
    await options.click('switch', 'Reload the page after a change');
    expect(await options.isChecked('switch', 'Reload the page after a change')).toBe(false);
    const count = requestsFor(path).length;
    popup = await env.driver.popup(app);
    await popup.type('combobox', 'Namespace', 'alice', true);
    await popup.waitText('status', 'okteto-divert=alice');
    await new Promise((r) => setTimeout(r, 1000));
    expect(requestsFor(path).length).toBe(count);
    await popup.close();
    await options.click('switch', 'Reload the page after a change');
    expect(await options.isChecked('switch', 'Reload the page after a change')).toBe(true);
    await options.close();
    await app.reload();
  });

  it('says when the page was answered from the browser cache, and reloads without it', async () => {
    const id = marker('cache');
    const url = env.sandbox.url(FRONTEND, `/__test/cached?id=${id}`);
    const tab = await env.driver.open(url);
    await until(async () => (await tab.title()) === 'done', 'the cached page to load');
    await tab.goto(url);
    await until(async () => (await tab.title()) === 'done', 'the cached page to load again');
    const data = () => env.sandbox.find(`/__test/cached-data?id=${id}`);
    expect(data().length).toBe(1); // the second answer came from the cache

    const popup = await env.driver.popup(tab);
    await popup.waitText('status', 'okteto-divert=alice');
    await until(() => popup.exists('button', 'Reload without cache'), 'the cache notice');
    expect(await popup.pageText()).toContain('responses on this page came from the browser cache');
    await popup.click('button', 'Reload without cache');
    await until(() => data().length === 2, 'the call to reach the namespace again');
    expect(data()[1].divert).toBe('alice');
    await until(async () => !(await popup.exists('button', 'Reload without cache')), 'the notice to go');
    await popup.close();
    await tab.close();
  });

  it('says when a service worker controls the page, and clears its worker and caches', async () => {
    // A secure origin (service workers need one): *.localhost, diverted like any other domain.
    const domain = 'okteto.demo.localhost';
    const host = `sw.${domain}`;
    const options = await env.driver.options();
    await options.type('textbox', 'Domain', domain);
    await options.click('button', 'Add domain');
    await until(() => options.exists('switch', `Divert ${domain}`), 'the domain');
    if (!(await options.isChecked('switch', `Divert ${domain}`))) await options.click('switch', `Divert ${domain}`);
    const titled = (tab: Tab, title: string) =>
      until(async () => (await tab.title().catch(() => '')) === title, `the page to say "${title}"`);
    const tab = await env.driver.open(env.sandbox.url(host, '/__test/sw-page?register'));
    await titled(tab, 'answered by service-worker');
    await tab.goto(env.sandbox.url(host, '/__test/sw-page'));
    await titled(tab, 'answered by service-worker');
    const data = () => env.sandbox.seen.filter((s) => s.host === host && s.path === '/__test/sw-data');
    expect(data()).toEqual([]); // the worker answered every call

    const popup = await env.driver.popup(tab);
    await until(() => popup.exists('button', 'Clear service worker and caches'), 'the service worker notice');
    expect(await popup.pageText()).toContain('A service worker controls this page');
    await popup.click('button', 'Clear service worker and caches');
    await titled(tab, 'answered by alice');
    expect(data().map((s) => s.divert)).toEqual(['alice']);
    expect(await tab.run('navigator.serviceWorker.controller === null')).toBe(true);
    expect(await tab.run('caches.keys().then((k) => k.join())')).toBe('');
    expect(await tab.run('navigator.serviceWorker.getRegistrations().then((r) => r.length)')).toBe(0);
    await until(async () => !(await popup.exists('button', 'Clear service worker and caches')), 'the notice to go');
    await popup.close();
    await tab.close();
    await options.click('button', `Remove ${domain}`);
    await options.close();
  });

  it('time-boxed divert: 1 h, extend, no limit; when the time is up divert pauses by itself', async () => {
    let popup = await env.driver.popup(app);
    const before = Date.now();
    await popup.click('button', 'Divert for 1 h');
    await until(async () => (await popup.pageText()).includes('left), then pausing by itself'), 'the time left');
    const until1 = ((await env.driver.stored('settings')) as { divertUntil: number }).divertUntil;
    expect(until1).toBeGreaterThanOrEqual(before + 3_600_000);
    expect(until1).toBeLessThan(Date.now() + 3_600_000);
    const alarms = JSON.parse(await env.driver.command('test:alarms', app)) as { name: string; scheduledTime: number }[];
    expect(alarms.find((a) => a.name === 'divert-until')?.scheduledTime).toBeCloseTo(until1, -3);
    await until(async () => (await env.driver.badge(app)).title.includes('Pauses by itself in 1 h'), 'the toolbar title');
    // While boxed, the domain's rule is a session rule (it ends with the browser, so a box that ended
    // while the browser was closed sends nothing at the next start), and the header still flows.
    const boxed = await env.driver.rules();
    expect(boxed.dynamic).toEqual([]);
    expect(boxed.session.map((r) => r.action.requestHeaders?.[0].value)).toContain('okteto-divert=alice');
    await app.reload();
    expect(env.sandbox.seen.filter((s) => s.host === FRONTEND).at(-1)?.headers.baggage).toBe('okteto-divert=alice');

    await popup.click('button', 'Extend by 1 h');
    await until(
      async () => ((await env.driver.stored('settings')) as { divertUntil?: number }).divertUntil === until1 + 3_600_000,
      'the time box to be extended',
    );
    await popup.click('button', 'No time limit');
    await until(
      async () => ((await env.driver.stored('settings')) as { divertUntil?: number }).divertUntil === undefined,
      'the time box to go',
    );
    await until(async () => (await env.driver.rules()).dynamic.length > 0, 'the domain rule back among the dynamic rules');
    await until(
      async () =>
        !(JSON.parse(await env.driver.command('test:alarms', app)) as { name: string }[]).some((a) => a.name === 'divert-until'),
      'the alarm to go',
    );
    await popup.close();

    // A time box of 2 seconds (the e2e build's hook sends the popup's command with a short time).
    expect(JSON.parse(await env.driver.command('test:time-box:2', app))).toEqual({ ok: true });
    await until(
      async () => ((await env.driver.stored('settings')) as { paused: boolean }).paused,
      'divert to pause by itself',
      20_000,
    );
    expect(((await env.driver.stored('settings')) as { divertUntil?: number }).divertUntil).toBeUndefined();
    await app.reload();
    expect(requestsFor(page).length + requestsFor('/').length).toBeGreaterThan(0);
    expect(env.sandbox.seen.filter((s) => s.host === FRONTEND).at(-1)?.headers.baggage).toBeUndefined();
    popup = await env.driver.popup(app);
    await popup.click('button', 'Resume');
    await popup.waitText('status', 'okteto-divert=alice');
    await popup.close();
  });
});
