import { beforeAll, describe, expect, it } from 'vitest';
import { BROWSERS } from '../../dev/harness/browsers';
import { type Tab, until } from '../../dev/harness/driver';
import { divertApp, FRONTEND, marker, TEST_DOMAIN, useBrowser } from './helpers';
import { standInSpace, useOktetoStandIn } from './okteto-stand-in';

// Pull-request previews: Okteto's preview action comments with `<instance>/#/previews/<name>`;
// "Open diverted to ▸ The preview in this link" opens the user's site for that instance, pinned.
const TOKEN = 'okteto-pat-previews-0123456789';

describe.each(BROWSERS)('%s: pull-request previews', (_name, launch) => {
  const env = useBrowser(launch);
  const standIn = useOktetoStandIn(TOKEN);
  let app: Tab;
  const requestsFor = (path: string) => env.sandbox.seen.filter((s) => s.host === FRONTEND && s.path === path);

  beforeAll(async () => {
    await standIn.start([
      standInSpace('staging', 'Active', { frontend: [`https://${FRONTEND}`] }),
      standInSpace('pr-12', 'Active', { frontend: [] }, { preview: { branch: 'feature/login', scope: 'global' } }),
    ]);
    app = await divertApp(env.driver, env.sandbox, 'alice');
    await standIn.connect(env.driver);
  });

  it('a preview link of the connected instance opens the site at its last page, pinned to the preview', async () => {
    const menu = JSON.parse(await env.driver.command('test:menus', app));
    expect(menu.previews).toEqual([`http://${new URL(standIn.instance.url).hostname}/*`]);

    // The page the user last used on the diverted site (its query is not kept).
    const path = `/movies-${marker('last')}`;
    await app.goto(env.sandbox.url(FRONTEND, `${path}?session=s3cret`));
    await until(async () => {
      const pages = (await env.driver.session('lastPages')) as Record<string, { url: string }> | undefined;
      return pages?.[TEST_DOMAIN]?.url === env.sandbox.url(FRONTEND, path);
    }, 'the last page to be remembered');

    const opened = await env.driver.command(`test:open-preview:${standIn.instance.url}/#/previews/pr-12`, app);
    expect(opened).toMatch(/^opened \d+$/);
    await until(() => requestsFor(path).length > 0, 'the site to load in the new tab');
    // Every request of that load carried the preview: the tab was pinned before its first request.
    expect(requestsFor(path).map((s) => s.divert)).toEqual(['pr-12']);
    const tabId = Number(opened.split(' ')[1]);
    expect(((await env.driver.session('pins')) as Record<string, string> | undefined)?.[tabId]).toBe('pr-12');
    expect(((await env.driver.stored('settings')) as { activeNamespace: string }).activeNamespace).toBe('alice');
    await env.driver.closeTab(tabId);
  });

  it('a look-alike instance, another port or a name that breaks the namespace rule opens nothing', async () => {
    const before = env.sandbox.seen.length;
    const { port, hostname } = new URL(standIn.instance.url);
    for (const [link, said] of [
      [`http://${hostname}:${Number(port) + 1}/#/previews/pr-12`, 'no preview link'],
      [`http://okteto.${TEST_DOMAIN}:${port}/#/previews/pr-12`, 'no preview link'],
      [`${standIn.instance.url}/#/previews/Mallory`, 'is not a valid namespace'],
    ])
      expect(await env.driver.command(`test:open-preview:${link}`, app)).toContain(said);
    expect(env.sandbox.seen.slice(before).filter((s) => s.divert === 'pr-12')).toEqual([]);
    expect(Object.values(((await env.driver.session('pins')) ?? {}) as Record<string, string>)).not.toContain('mallory');
  });

  it('a name the instance lists only as a namespace opens the site unpinned, and asks', async () => {
    const opened = await env.driver.command(`test:open-preview:${standIn.instance.url}/#/previews/staging`, app);
    expect(opened).toMatch(/^asked \d+$/);
    const tabId = Number(opened.split(' ')[1]);
    await until(async () => {
      const shared = (await env.driver.session('shared')) as Record<string, { status?: string; preview?: string }> | undefined;
      return shared?.[tabId]?.status === 'asking' && shared[tabId].preview === 'namespace';
    }, 'the popup to ask');
    expect(((await env.driver.session('pins')) as Record<string, string> | undefined)?.[tabId]).toBeUndefined();
    await env.driver.closeTab(tabId);
  });
});
