import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSERS } from '../../dev/harness/browsers';
import { type Driver, type Tab, until } from '../../dev/harness/driver';
import { type StandInSpace, startOktetoApi } from '../../dev/sandbox/okteto-api';
import { divertApp, FRONTEND, reloadedBy, TEST_DOMAIN, useBrowser } from './helpers';
import { connectOkteto } from './okteto-stand-in';

const TOKEN = 'okteto-pat-versions-0123456789';
type StandIn = Awaited<ReturnType<typeof startOktetoApi>>;

/** The sandbox's namespaces, and a preview environment of a pull request that runs the frontend. */
const spaces = (): StandInSpace[] => [
  { id: 'staging', status: 'Active', deployments: [{ name: 'frontend' }, { name: 'catalog' }], statefulsets: [] },
  { id: 'alice', status: 'Active', deployments: [{ name: 'catalog' }], statefulsets: [] },
  {
    id: 'pr-12',
    status: 'Active',
    deployments: [{ name: 'frontend', endpoints: [`https://movies-pr-12.${TEST_DOMAIN}`] }],
    statefulsets: [],
    preview: { branch: 'feature/login', labels: ['team-movies'] },
  },
];

const connect = (driver: Driver, url: string) => connectOkteto(driver, url, TOKEN);

/** Forgets the one instance connected (the options page's own button). */
async function forgetInstance(driver: Driver): Promise<void> {
  const options = await driver.options();
  await options.click('button', 'Forget token');
  await options.waitText('status', 'Token forgotten');
  await options.close();
}

const queries = (okteto: StandIn) => okteto.api.calls.map((c) => (JSON.parse(c.body) as { query: string }).query);

describe.each(BROWSERS)('%s: preview environments and older Okteto instances', (_name, launch) => {
  const env = useBrowser(launch);
  let current: StandIn;
  let older: StandIn;
  let app: Tab;

  beforeAll(async () => {
    current = await startOktetoApi({ token: TOKEN, spaces: spaces() });
    older = await startOktetoApi({ token: TOKEN, spaces: spaces(), version: 'older' });
    env.sandbox.deployments.frontend = ['staging', 'pr-12'];
    app = await divertApp(env.driver, env.sandbox, 'alice');
  });
  afterAll(async () => {
    await current?.close();
    await older?.close();
  });

  it('lists previews in their own group, labelled with their branch, and diverts to one', async () => {
    expect(await connect(env.driver, current.url)).toContain('2 namespaces and 1 preview environments');
    // The API's own query, by labels (none: all of them).
    expect(queries(current).some((q) => q.includes('previews(labels: $labels)'))).toBe(true);
    const popup = await env.driver.popup(app);
    await popup.type('combobox', 'Namespace', 'pr-1');
    await until(() => popup.exists('option', 'pr-12 Preview · feature/login'), 'the preview offered with its branch');
    await reloadedBy(app, async () => {
      await popup.click('option', 'pr-12 Preview · feature/login');
      await popup.waitText('status', 'okteto-divert=pr-12');
    });
    await popup.close();
    // The shared host's page now comes from the pull request's frontend.
    await until(async () => (await env.driver.badge(app)).title.includes('Served by pr-12.'), 'served by the preview');
    // Asleep, it says so, and Wake sends the preview's own mutation.
    const pr = current.api.spaces.find((x) => x.id === 'pr-12') as StandInSpace;
    pr.status = 'Sleeping';
    const again = await env.driver.popup(app);
    await until(async () => (await again.pageText()).includes('pr-12 is a preview environment, of feature/login.'), 'the facts');
    await until(async () => (await again.pageText()).includes('pr-12 is sleeping'), 'asleep');
    await again.click('button', 'Wake');
    await until(() => current.api.woken.includes('pr-12'), 'the wakePreview mutation');
    expect(queries(current).some((q) => q.includes('wakePreview(preview: $preview)'))).toBe(true);
    await again.close();
    expect(
      env.sandbox
        .find('/')
        .filter((s) => s.host === FRONTEND)
        .at(-1)?.divert,
    ).toBe('pr-12');
  });

  it('an older instance (Space with only id and sleeping, previews without labels) still lists its namespaces', async () => {
    await forgetInstance(env.driver);
    const said = await connect(env.driver, older.url);
    expect(said).toContain('2 namespaces and 1 preview environments');
    // It stepped down field by field, and remembers: a refresh asks the older shapes first.
    expect(queries(older)).toContain('query { spaces { id sleeping } }');
    expect(queries(older)).toContain('query { previews { id scope sleeping } }');
    const options = await env.driver.options();
    await until(async () => (await options.pageText()).includes('is an older Okteto'), 'what it cannot tell');
    older.api.calls.length = 0;
    await options.click('button', 'Refresh namespaces');
    await options.waitText('status', 'Connected');
    await options.close();
    expect(queries(older).slice(0, 2)).toEqual(['query { spaces { id sleeping } }', 'query { previews { id scope sleeping } }']);
    // What it does say: the namespaces, a sleeping one, and that it cannot say more.
    const popup = await env.driver.popup(app);
    await popup.type('combobox', 'Namespace', 'ali');
    await until(() => popup.exists('option', 'alice Okteto'), 'alice offered');
    await popup.type('combobox', 'Namespace', 'pr-1');
    await until(() => popup.exists('option', 'pr-12 Preview · pr-12'), 'the preview offered, by its name (no branch said)');
    await until(async () => (await popup.pageText()).includes('it says whether pr-12 sleeps'), 'the older instance said');
    await popup.close();
  });

  it('a deployment appearing in the chosen namespace gives a notification, whose button reloads the tab without cache', async () => {
    await forgetInstance(env.driver);
    await connect(env.driver, current.url);
    const options = await env.driver.options();
    await options.click('switch', 'Tell me when my namespace changes');
    await until(() => options.isChecked('switch', 'Tell me when my namespace changes'), 'the switch on');
    await options.close();
    const popup = await env.driver.popup(app);
    await popup.type('combobox', 'Namespace', 'alice', true);
    await popup.waitText('status', 'okteto-divert=alice');
    await popup.close();
    // The refresh alarm reads what alice runs; then `okteto deploy` brings the frontend to alice.
    expect(await env.driver.command('test:alarm:refresh-okteto', app)).toBe('fired');
    const alice = current.api.spaces.find((x) => x.id === 'alice') as StandInSpace;
    alice.deployments.push({ name: 'frontend' });
    env.sandbox.deployments.frontend = ['staging', 'pr-12', 'alice'];
    expect(await env.driver.command('test:alarm:refresh-okteto', app)).toBe('fired');
    const shown = (await until(async () => {
      const all = JSON.parse(await env.driver.command('test:notifications', app)) as { id: string; message: string }[];
      return all.find((n) => n.id.startsWith('divert-news:reload:alice:') && n.id.endsWith(':frontend'));
    }, 'the notification')) as { id: string; message: string };
    // The namespace and the service, in so many words (Firefox, without buttons: a click does it).
    expect(shown.message).toMatch(/^frontend is running in alice: reload to see it\.( Click here: Reload without cache\.)?$/);
    // Without the notification too: the toolbar title says it in one line.
    await until(
      async () => (await env.driver.badge(app)).title.includes('frontend is running in alice: reload to see it.'),
      'the toolbar title',
    );
    env.sandbox.reset();
    expect(await env.driver.command(`test:notification:${shown.id}`, app)).toBe('clicked');
    const reload = (await until(() => env.sandbox.seen.find((s) => s.host === FRONTEND && s.path === '/'), 'the reload')) as {
      headers: Record<string, string | undefined>;
      divert?: string;
    };
    expect(reload.headers['cache-control']).toBe('no-cache');
    expect(reload.divert).toBe('alice');
    await until(async () => (await env.driver.badge(app)).title.includes('Served by alice.'), 'the new frontend answers');
  });
});
