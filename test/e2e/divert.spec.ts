import { beforeAll, describe, expect, it } from 'vitest';
import { BROWSERS } from '../../dev/harness/browsers';
import { type Tab, until } from '../../dev/harness/driver';
import {
  byHost,
  FRONTEND,
  LOOKALIKE_HOSTS,
  lastMain,
  loadResources,
  reloadedBy,
  TEST_DOMAIN,
  TYPES,
  useBrowser,
} from './helpers';

const DIVERTED = [FRONTEND, `api.${TEST_DOMAIN}`, `deep.api.${TEST_DOMAIN}`];

describe.each(BROWSERS)('%s: divert', (_name, launch) => {
  const env = useBrowser(launch);
  let app: Tab;

  beforeAll(async () => {
    app = await env.driver.open(env.sandbox.url(FRONTEND));
  });

  it('starts with no rules and no header', async () => {
    expect(await env.driver.rules()).toEqual({ dynamic: [], session: [] });
    expect(lastMain(env.sandbox, FRONTEND).headers.baggage).toBeUndefined();
    expect(await app.textOf('#catalog-ns')).toBe('staging');
  });

  it("turns divert on from the popup, and the frontend shows alice's catalog", async () => {
    const popup = await env.driver.popup(app);
    expect(await popup.text('status')).toContain('not diverted');
    await popup.type('combobox', 'Namespace', 'alice', true);
    // The tab reloads by itself once divert is on ("Reload the page after a change").
    await reloadedBy(app, async () => {
      await popup.click('switch', 'Divert this site');
      await popup.waitText('status', `Requests to *.${TEST_DOMAIN} carry okteto-divert=alice`);
    });
    // Once the reloaded page has called its catalog (alice's), the popup says who answered: the
    // state a person sees (on the way, the page's own document may say staging, which serves it).
    expect(await popup.waitText('status', 'served by alice')).toBe(
      `Requests to *.${TEST_DOMAIN} carry okteto-divert=alice; served by alice.`,
    );
    expect(await popup.isChecked('switch', 'Divert this site')).toBe(true);
    await popup.close();

    expect(lastMain(env.sandbox, FRONTEND).headers.baggage).toBe('okteto-divert=alice');
    expect(await app.textOf('#catalog-ns')).toBe('alice');
    expect(await app.textOf('#movies')).toContain('Paprika');
    expect(await app.textOf('#frontend-ns')).toBe('staging'); // alice runs no frontend: staging's serves
  });

  it('sends the header on every request type to the domain and its subdomains, and nowhere else', async () => {
    const { main, seen } = await loadResources(env.driver, env.sandbox, FRONTEND, [...DIVERTED, ...LOOKALIKE_HOSTS]);
    expect(main.at(-1)?.headers.baggage).toBe('okteto-divert=alice');
    const hosts = byHost(seen);
    for (const host of DIVERTED) {
      expect(hosts[host], host).toEqual(Object.fromEntries(TYPES.map((t) => [t, 'okteto-divert=alice'])));
    }
    for (const host of LOOKALIKE_HOSTS) {
      expect(hosts[host], host).toEqual(Object.fromEntries(TYPES.map((t) => [t, null])));
    }
  });

  it("never sends it on a look-alike host's own pages", async () => {
    for (const host of LOOKALIKE_HOSTS) {
      const { main, seen } = await loadResources(env.driver, env.sandbox, host, [host]);
      expect(main.at(-1)?.headers.baggage, host).toBeUndefined();
      expect(
        seen.filter((s) => s.headers.baggage),
        host,
      ).toEqual([]);
    }
  });

  it('applies a namespace change to the next request', async () => {
    const popup = await env.driver.popup(app);
    await reloadedBy(app, async () => {
      await popup.type('combobox', 'Namespace', 'bob', true);
      await popup.waitText('status', 'okteto-divert=bob');
    });
    await popup.close();
    expect(lastMain(env.sandbox, FRONTEND).headers.baggage).toBe('okteto-divert=bob');
    expect(await app.textOf('#catalog-ns')).toBe('staging'); // bob has no catalog: the shared one answers
  });

  it('refuses an invalid namespace with an alert and changes nothing', async () => {
    const before = await env.driver.rules();
    const popup = await env.driver.popup(app);
    await popup.type('combobox', 'Namespace', 'Bob_Feature', true);
    expect(await popup.waitText('alert', 'not a valid namespace')).toContain('lowercase letters');
    expect(await popup.text('status')).toContain('okteto-divert=bob');
    await popup.close();
    expect(await env.driver.rules()).toEqual(before);
  });

  it('pause stops every header and resume brings it back', async () => {
    const popup = await env.driver.popup(app);
    await popup.click('switch', 'Pause');
    await popup.waitText('status', 'Paused');
    await until(async () => (await env.driver.rules()).dynamic.length === 0, 'rules removed on pause');
    await app.reload();
    expect(lastMain(env.sandbox, FRONTEND).headers.baggage).toBeUndefined();
    await popup.click('switch', 'Pause');
    await popup.waitText('status', 'okteto-divert=bob');
    await popup.close();
    await app.reload();
    expect(lastMain(env.sandbox, FRONTEND).headers.baggage).toBe('okteto-divert=bob');
  });

  it('turning divert off removes the header', async () => {
    const popup = await env.driver.popup(app);
    await reloadedBy(app, async () => {
      await popup.click('switch', 'Divert this site');
      await popup.waitText('status', 'not diverted');
    });
    await popup.close();
    expect(lastMain(env.sandbox, FRONTEND).headers.baggage).toBeUndefined();
    expect(await app.textOf('#catalog-ns')).toBe('staging');
  });

  it('manages domains on the options page, refusing bad ones with an alert', async () => {
    const options = await env.driver.options();
    const before = await env.driver.rules();
    for (const bad of ['co.uk', '*', 'github.io', 'okteto example.com']) {
      await options.type('textbox', 'Domain', bad);
      await options.click('button', 'Add domain');
      expect(
        await options.waitText('alert', bad === '*' ? 'wildcard' : bad.includes(' ') ? 'spaces' : 'public suffix'),
      ).toBeTruthy();
    }
    expect(await env.driver.rules()).toEqual(before);

    await options.type('textbox', 'Domain', 'https://other.example.org/some/path');
    await options.click('button', 'Add domain');
    await until(() => options.exists('switch', 'Divert other.example.org'), 'the new entry');
    expect(await options.isChecked('switch', 'Divert other.example.org')).toBe(true);
    await until(
      async () => (await env.driver.rules()).dynamic.some((r) => r.condition.requestDomains?.includes('other.example.org')),
      'its rule',
    );
    const { main } = await loadResources(env.driver, env.sandbox, 'other.example.org', []);
    expect(main.at(-1)?.headers.baggage).toBe('okteto-divert=bob');

    await options.click('switch', `Divert ${TEST_DOMAIN}`);
    await until(
      async () => (await env.driver.rules()).dynamic.some((r) => r.condition.requestDomains?.includes(TEST_DOMAIN)),
      'rule on',
    );
    await options.click('button', 'Remove other.example.org');
    await until(async () => !(await options.exists('switch', 'Divert other.example.org')), 'entry removed');
    const rules = await env.driver.rules();
    expect(rules.dynamic.flatMap((r) => r.condition.requestDomains)).toEqual([TEST_DOMAIN]);
    await options.close();
  });
});
