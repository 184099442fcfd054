import { beforeAll, describe, expect, it } from 'vitest';
import { BROWSERS } from '../../dev/harness/browsers';
import { type Tab, until } from '../../dev/harness/driver';
import type { StandInSpace } from '../../dev/sandbox/okteto-api';
import { divertApp, FRONTEND, lastMain, reloadedBy, TEST_DOMAIN, useBrowser } from './helpers';
import { standInSpace, useOktetoStandIn } from './okteto-stand-in';

const TOKEN = 'okteto-pat-facts-0123456789';

/** The stand-in knows what the sandbox runs: the frontend in staging, the catalog in staging and alice. */
const spaces = (): StandInSpace[] => [
  standInSpace('staging', 'Active', {
    frontend: [`https://${FRONTEND}`],
    catalog: [`https://catalog-staging.${TEST_DOMAIN}`],
  }),
  standInSpace('alice', 'Sleeping', { catalog: [`https://catalog-alice.${TEST_DOMAIN}`] }),
  standInSpace('bob', 'Active', {}),
];

describe.each(BROWSERS)('%s: what Okteto knows of each namespace', (_name, launch) => {
  const env = useBrowser(launch);
  const standIn = useOktetoStandIn(TOKEN);
  let app: Tab;

  beforeAll(async () => {
    await standIn.start(spaces());
    await standIn.connect(env.driver);
    app = await divertApp(env.driver, env.sandbox, 'alice');
  });

  it('a sleeping namespace: the popup says so, Wake sends the mutation, and the new status shows', async () => {
    const popup = await env.driver.popup(app);
    await until(async () => (await popup.pageText()).includes('alice is sleeping'), 'the sleeping notice');
    expect(standIn.instance.api.woken).toEqual([]); // only queries ran by themselves
    await popup.type('combobox', 'Namespace', 'ali');
    expect(await popup.exists('option', 'alice Okteto · Sleeping')).toBe(true);
    await popup.type('combobox', 'Namespace', 'alice', true);
    await popup.click('button', 'Wake');
    await until(() => standIn.instance.api.woken.includes('alice'), 'the wakeSpace mutation');
    await until(async () => !(await popup.pageText()).includes('alice is sleeping'), 'the notice gone');
    expect(((await env.driver.stored('oktetoInstances')) as { statuses: Record<string, string> }[])[0].statuses.alice).toBe(
      'Active',
    );
    await popup.close();
  });

  it('says which services run in the chosen namespace', async () => {
    const popup = await env.driver.popup(app);
    await until(async () => (await popup.pageText()).includes('alice: catalog ✓'), 'the services line');
    await popup.close();
  });

  it('explains a mismatch with the facts: frontend is not deployed in bob, so staging answers it', async () => {
    const popup = await env.driver.popup(app);
    await reloadedBy(app, async () => {
      await popup.type('combobox', 'Namespace', 'bob', true);
      await popup.waitText('status', 'okteto-divert=bob');
    });
    await popup.close();
    await until(async () => (await env.driver.badge(app)).title.includes('Served by staging, not bob.'), 'the mismatch');
    const again = await env.driver.popup(app);
    await until(
      async () => (await again.pageText()).includes('frontend is not deployed in bob, so staging answers it.'),
      'the explanation',
    ).catch(async (e: Error) => {
      throw new Error(`${e.message}: ${await again.pageText()}`);
    });
    const text = await again.pageText();
    // Each fact once: the reason says what bob runs, so the facts above it do not say it again.
    expect(text.split('bob runs no services of its own').length - 1).toBe(1);
    expect(text).not.toContain('The service you changed is not deployed in bob yet'); // the generic causes give way to the facts
    await again.close();
    // The DevTools panel explains the page's row with the same facts.
    const panel = await env.driver.panel(app);
    const row = (await until(
      async () => (await panel.rows()).find((r) => r.includes('main_frame') && r.includes('≠ staging')),
      'the page row marked',
    )) as string;
    expect(row).toContain('frontend is not deployed in bob, so staging answers it.');
    expect(row).not.toContain('verify header propagation');
    await panel.close();
  });

  it('refreshes on its alarm while a divert is on: a namespace being deleted is flagged on the toolbar without the popup', async () => {
    const alarms = JSON.parse(await env.driver.command('test:alarms', app)) as { name: string; periodInMinutes?: number }[];
    expect(alarms.find((a) => a.name === 'refresh-okteto')?.periodInMinutes).toBe(15);
    const bob = standIn.instance.api.spaces.find((s) => s.id === 'bob') as StandInSpace;
    bob.status = 'Deleting';
    expect(await env.driver.command('test:alarm:refresh-okteto', app)).toBe('fired');
    await until(
      async () => (await env.driver.badge(app)).title.includes('⚠ bob is being deleted in Okteto'),
      'the toolbar warning',
    );
    bob.status = 'Active';
  });

  it('a failed refresh keeps the last answer and says when it was taken', async () => {
    standIn.instance.api.mode = 'down';
    const popup = await env.driver.popup(app);
    await until(async () => (await popup.pageText()).includes('Okteto could not be asked just now'), 'the stale notice');
    expect(await popup.pageText()).toContain('bob runs no services of its own');
    standIn.instance.api.mode = 'ok';
    await popup.close();
  });

  it('a fresh profile recognises an endpoint and diverts it without typing', async () => {
    const fresh = await launch();
    try {
      await standIn.connect(fresh);
      const tab = await fresh.open(env.sandbox.url(FRONTEND));
      const popup = await fresh.popup(tab);
      await until(
        async () => (await popup.pageText()).includes('This is frontend in the Okteto namespace staging'),
        'the endpoint recognised',
      );
      // The tab reloads by itself after the change, and carries it.
      await reloadedBy(tab, async () => {
        await popup.click('switch', 'Divert this site');
        await popup.waitText('status', 'okteto-divert=staging');
      });
      await popup.close();
      expect(lastMain(env.sandbox, FRONTEND).headers.baggage).toBe('okteto-divert=staging');
    } finally {
      await fresh.close();
    }
  });
});
