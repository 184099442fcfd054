import { beforeAll, describe, expect, it } from 'vitest';
import { BROWSERS } from '../../dev/harness/browsers';
import { type Tab, until } from '../../dev/harness/driver';
import { FRONTEND, LOOKALIKE_HOSTS, lastMain, marker, reloadedBy, TEST_DOMAIN, useBrowser } from './helpers';

/**
 * The popup where a person opens it: the toolbar button's popup (`action.openPopup()`, as the
 * button and the shortcut open it), over the tab in front, with no `?tab=` in its URL, so the popup
 * finds its tab itself. The rest of the suite opens `popup.html?tab=<id>` as a tab, which is faster;
 * this spec covers the real path once for each thing the popup does.
 */
describe.each(BROWSERS)('%s: the popup the toolbar opens', (_name, launch) => {
  const env = useBrowser(launch);
  let app: Tab;

  beforeAll(async () => {
    app = await env.driver.open(env.sandbox.url(FRONTEND, '/?tab=app'));
    // Another tab opened after it: the popup must act on the tab in front, not the newest one.
    await env.driver.open(env.sandbox.url(LOOKALIKE_HOSTS[0], '/__echo?other'));
  });

  it('acts on the tab in front: turns divert on, and the tab is diverted', async () => {
    const popup = await env.driver.toolbarPopup(app);
    expect(await popup.text('status')).toBe(`Requests to ${FRONTEND} are not diverted.`);
    await popup.type('combobox', 'Namespace', 'alice', true);
    await reloadedBy(app, async () => {
      await popup.click('switch', 'Divert this site');
      await popup.waitText('status', `Requests to *.${TEST_DOMAIN} carry okteto-divert=alice`);
    });
    expect(await popup.waitText('status', 'served by alice')).toContain('served by alice');
    expect(await popup.isChecked('switch', 'Divert this site')).toBe(true);
    await popup.close();
    expect(lastMain(env.sandbox, FRONTEND, '/?tab=app').headers.baggage).toBe('okteto-divert=alice');
    expect(await app.textOf('#catalog-ns')).toBe('alice');
  });

  it('changes the namespace, and the next request carries it', async () => {
    const popup = await env.driver.toolbarPopup(app);
    await reloadedBy(app, async () => {
      await popup.type('combobox', 'Namespace', 'bob', true);
      await popup.waitText('status', 'okteto-divert=bob');
    });
    await popup.close();
    expect(lastMain(env.sandbox, FRONTEND, '/?tab=app').headers.baggage).toBe('okteto-divert=bob');
  });

  it('"This tab only" pins the tab in front alone; the other tab keeps the saved namespace', async () => {
    const pinned = await env.driver.open(env.sandbox.url(FRONTEND, '/?tab=pinned'));
    const id = await env.driver.tabId(pinned);
    const popup = await env.driver.toolbarPopup(pinned);
    await popup.click('checkbox', 'This tab only');
    await reloadedBy(pinned, async () => {
      await popup.type('combobox', 'Namespace', 'alice', true);
      await popup.waitText('status', 'okteto-divert=alice in this tab');
    });
    await popup.close();
    expect(await env.driver.session('pins')).toEqual({ [id]: 'alice' });
    expect(lastMain(env.sandbox, FRONTEND, '/?tab=pinned').headers.baggage).toBe('okteto-divert=alice');
    expect(((await env.driver.stored('settings')) as { activeNamespace: string }).activeNamespace).toBe('bob');
    await app.reload();
    expect(lastMain(env.sandbox, FRONTEND, '/?tab=app').headers.baggage).toBe('okteto-divert=bob');
    await pinned.close();
    await until(async () => (await env.driver.rules()).session.length === 0, 'the pin gone with its tab');
  });

  /** A tab another site sends to a share link for `namespace`, which this profile never chose. */
  const sentToLink = async (namespace: string) => {
    const tab = await env.driver.open(env.sandbox.url(LOOKALIKE_HOSTS[0], `/__echo?${marker('sender')}`));
    const path = `/?id=${marker(namespace)}`;
    await tab.run(`location = ${JSON.stringify(env.sandbox.url(FRONTEND, `${path}#:~:okteto-divert=${namespace}`))}`);
    await until(async () => (await env.driver.badge(tab)).text === '?', 'the toolbar to mark the tab');
    return { tab, loads: () => env.sandbox.seen.filter((s) => s.host === FRONTEND && s.path === path).map((s) => s.divert) };
  };

  it('a share link for a namespace never chosen: the popup asks, and Ignore pins nothing', async () => {
    const { tab, loads } = await sentToLink('mallory');
    const popup = await env.driver.toolbarPopup(tab);
    expect(await popup.pageText()).toContain('This link asks to open this tab diverted to mallory');
    await popup.click('button', 'Ignore');
    await until(async () => (await popup.pageText()).includes('You ignored this link'), 'the popup to say it was ignored');
    expect(await popup.exists('button', 'Open diverted to mallory')).toBe(false);
    await popup.close();
    await tab.reload();
    expect(loads()).toEqual(['bob', 'bob']);
    expect((await env.driver.session('pins')) ?? {}).toEqual({});
    await tab.close();
  });

  it('a share link for a namespace never chosen: "Open diverted to" pins that tab alone', async () => {
    const { tab, loads } = await sentToLink('carol');
    const id = await env.driver.tabId(tab);
    const popup = await env.driver.toolbarPopup(tab);
    await reloadedBy(tab, () => popup.click('button', 'Open diverted to carol'));
    await popup.close();
    expect(await env.driver.session('pins')).toEqual({ [id]: 'carol' });
    expect(loads()).toEqual(['bob', 'carol']);
    expect(((await env.driver.stored('settings')) as { activeNamespace: string }).activeNamespace).toBe('bob');
    await tab.close();
  });
});
