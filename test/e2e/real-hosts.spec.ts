import { beforeAll, describe, expect, it } from 'vitest';
import { BROWSERS } from '../../dev/harness/browsers';
import { type Tab, until } from '../../dev/harness/driver';
import type { FirefoxDriver } from '../../dev/harness/firefox';
import { divertApp, FRONTEND, lastMain, marker, reloadedBy, TEST_DOMAIN, useBrowser } from './helpers';

/**
 * What a person does outside the extension's pages, through the browser's own handling of it
 * rather than the e2e build's test hooks: the keyboard shortcut pressed, a share link typed in the
 * address bar, the link's context menu (Firefox: headless Chromium shows no context menu). The
 * README's surface table says how every other surface is reached.
 */
describe.each(BROWSERS)('%s: surfaces in their real hosts', (name, launch) => {
  const env = useBrowser(launch);
  let app: Tab;

  const domainOn = async () =>
    ((await env.driver.stored('settings')) as { domains: { domain: string; enabled: boolean }[] }).domains.find(
      (d) => d.domain === TEST_DOMAIN,
    )?.enabled;
  const loads = (path: string) => env.sandbox.seen.filter((s) => s.host === FRONTEND && s.path === path).map((s) => s.divert);

  beforeAll(async () => {
    app = await divertApp(env.driver, env.sandbox, 'alice');
  });

  it('Alt+Shift+D, pressed on a diverted tab, turns divert off for its site, and on again', async () => {
    await reloadedBy(app, () => env.driver.pressKeys(app, 'Alt+Shift+D'));
    expect(await domainOn()).toBe(false);
    expect(lastMain(env.sandbox, FRONTEND).headers.baggage).toBeUndefined();
    await reloadedBy(app, () => env.driver.pressKeys(app, 'Alt+Shift+D'));
    expect(await domainOn()).toBe(true);
    expect(lastMain(env.sandbox, FRONTEND).headers.baggage).toBe('okteto-divert=alice');
  });

  it('a share link typed in the address bar, for a namespace chosen here before: that tab alone opens diverted to it', async () => {
    const popup = await env.driver.popup(app);
    await reloadedBy(app, async () => {
      await popup.type('combobox', 'Namespace', 'bob', true);
      await popup.waitText('status', 'okteto-divert=bob');
    });
    await popup.close();
    const tab = await env.driver.open('about:blank');
    const path = `/?id=${marker('typed')}`;
    await env.driver.typeAddress(tab, env.sandbox.url(FRONTEND, `${path}#:~:okteto-divert=alice`));
    // The first load leaves before the link is read; the extension reloads the tab once, pinned.
    await until(() => loads(path).length === 2, 'the tab reloaded with its pin');
    expect(loads(path)).toEqual(['bob', 'alice']);
    expect(await env.driver.session('pins')).toEqual({ [await env.driver.tabId(tab)]: 'alice' });
    expect(((await env.driver.stored('settings')) as { activeNamespace: string }).activeNamespace).toBe('bob');
    await tab.close();
    await until(async () => (await env.driver.rules()).session.length === 0, 'the pin gone with its tab');
  });

  it.runIf(name === 'firefox')(
    '"Open diverted to ▸ alice" from the link\'s own context menu opens a tab pinned before its first request',
    async () => {
      const firefox = env.driver as FirefoxDriver;
      const path = `/?id=${marker('menu')}`;
      await app.run(`{
      const a = document.createElement('a');
      a.id = 'divert-e2e-link';
      a.href = ${JSON.stringify(env.sandbox.url(FRONTEND, path))};
      a.textContent = 'a link';
      a.style = 'position: fixed; top: 8px; left: 8px; font-size: 32px; z-index: 2147483647; background: white';
      document.body.append(a);
    }`);
      await firefox.linkMenu(app, '#divert-e2e-link', ['Open diverted to', 'alice']);
      await until(() => loads(path).length > 0, 'the link to load');
      expect(loads(path)).toEqual(['alice']);
      const pins = (await env.driver.session('pins')) as Record<string, string>;
      expect(Object.values(pins)).toEqual(['alice']);
      await env.driver.closeTab(Number(Object.keys(pins)[0]));
    },
  );

  it.runIf(name === 'firefox')(
    "a domain it has no access to: Firefox's own prompt asks; Don't allow grants nothing, Allow grants it and the header flows",
    async () => {
      const firefox = env.driver as FirefoxDriver;
      const host = 'prompt.example.net'; // outside the e2e build's host_permissions
      await firefox.permissionPrompts(true);
      try {
        const options = await env.driver.options();
        await options.type('textbox', 'Domain', host);
        await options.click('button', 'Add domain');
        expect(await firefox.answerPermissionPrompt(false)).toContain('Divert Switch');
        await until(() => options.exists('switch', `Divert ${host}`), 'the entry, added off');
        expect(await options.isChecked('switch', `Divert ${host}`)).toBe(false);
        expect((await env.driver.origins()).some((o) => o.includes(host))).toBe(false);

        await options.click('switch', `Divert ${host}`);
        await firefox.answerPermissionPrompt(true);
        await until(
          async () => (await env.driver.rules()).dynamic.some((r) => r.condition.requestDomains?.includes(host)),
          'its rule',
        );
        await options.close();
        const page = await env.driver.open(env.sandbox.url(host, `/__echo?${marker('prompt')}`));
        expect(env.sandbox.seen.filter((s) => s.host === host).at(-1)?.headers.baggage).toBe('okteto-divert=bob');
        await page.close();
      } finally {
        await firefox.permissionPrompts(false);
      }
    },
  );
});
