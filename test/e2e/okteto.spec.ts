import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSERS } from '../../dev/harness/browsers';
import { type Tab, until } from '../../dev/harness/driver';
import { startOktetoApi } from '../../dev/sandbox/okteto-api';
import { divertApp, FRONTEND, lastMain, reloadedBy, useBrowser } from './helpers';

const TOKEN = 'okteto-pat-0123456789abcdef';

describe.each(BROWSERS)('%s: namespaces from the Okteto API', (_name, launch) => {
  const env = useBrowser(launch);
  let app: Tab;
  let okteto: Awaited<ReturnType<typeof startOktetoApi>>;

  beforeAll(async () => {
    okteto = await startOktetoApi({ token: TOKEN, namespaces: ['staging', 'alice', 'bob-feature'] });
    app = await divertApp(env.driver, env.sandbox, 'staging');
  });
  afterAll(async () => {
    await okteto?.close();
  });

  it('says clearly when the instance refuses or is not Okteto, saving nothing', async () => {
    const options = await env.driver.options();
    await options.type('textbox', 'Okteto instance URL', okteto.url);
    for (const [mode, token, words] of [
      ['ok', 'wrong-token-123', 'refused the token (HTTP 401)'],
      ['html', TOKEN, 'answered a web page'],
      ['graphql-error', TOKEN, 'Okteto answered with an error: spaces: internal error'],
      ['down', TOKEN, 'HTTP 503'],
    ] as const) {
      okteto.api.mode = mode;
      await options.type('textbox', 'Personal access token', token); // a password field is a textbox to both
      await options.click('button', 'Connect');
      expect(await options.waitText('alert', words)).toBeTruthy();
    }
    okteto.api.mode = 'ok';
    expect(await env.driver.secret()).toBeNull();
    expect(await env.driver.stored('oktetoInstances')).toBeUndefined();
    await options.type('textbox', 'Okteto instance URL', 'http://okteto.example.com');
    await options.click('button', 'Connect');
    expect(await options.waitText('alert', 'https')).toBeTruthy();
    await options.close();
  });

  it('connects, offers the namespaces in the popup, and choosing one diverts', async () => {
    const options = await env.driver.options();
    await options.type('textbox', 'Okteto instance URL', okteto.url);
    await options.type('textbox', 'Personal access token', TOKEN);
    await options.click('button', 'Connect');
    expect(await options.waitText('status', 'namespaces')).toBe(`Connected to ${okteto.url}: 3 namespaces.`);
    expect(okteto.api.calls.at(-1)?.auth).toBe(`Bearer ${TOKEN}`);
    await options.close();

    const popup = await env.driver.popup(app);
    await popup.type('combobox', 'Namespace', 'bob');
    await reloadedBy(app, async () => {
      await popup.click('option', 'bob-feature Okteto');
      await popup.waitText('status', 'okteto-divert=bob-feature');
    });
    await popup.close();
    expect(lastMain(env.sandbox, FRONTEND).headers.baggage).toBe('okteto-divert=bob-feature');
  });

  it('warns in the popup and on the page when the namespace is gone from Okteto', async () => {
    okteto.api.namespaces = ['staging', 'alice'];
    const popup = await env.driver.popup(app); // opening the popup refreshes the list
    expect(await popup.waitText('status', 'bob-feature')).toBeTruthy();
    await until(
      async () => (await popup.pageText()).includes('bob-feature is not one of your Okteto namespaces'),
      'popup warning',
    );
    await popup.close();
    await until(
      async () => (await app.pageBadge())?.text.includes('bob-feature is not one of your Okteto namespaces') ?? false,
      'page badge warning',
    );
    expect((await env.driver.badge(app)).title).toContain('⚠ bob-feature is not one of your Okteto namespaces');
  });

  it('syncs domains, presets and choices when turned on, never the token, and takes newer entries from elsewhere', async () => {
    const options = await env.driver.options();
    await options.click('switch', 'Sync settings across browsers');
    await until(async () => 'd:okteto.example.com' in (await env.driver.syncArea()), 'entries in storage.sync');
    const area = await env.driver.syncArea();
    expect(area['c:choices']).toMatchObject({ v: { activeNamespace: 'bob-feature' } });
    expect(JSON.stringify(area)).not.toContain(TOKEN);
    // Another browser, later, diverts okteto.example.com to alice.
    await env.driver.syncArea({
      'd:okteto.example.com': { v: { domain: 'okteto.example.com', enabled: true, namespace: 'alice' }, at: Date.now() + 60_000 },
    });
    await until(
      async () =>
        ((await env.driver.stored('settings')) as { domains: { namespace?: string }[] }).domains[0].namespace === 'alice',
      'the newer entry',
    );
    await app.reload();
    expect(lastMain(env.sandbox, FRONTEND).headers.baggage).toBe('okteto-divert=alice');
    await options.close();
  });

  it('keeps the token out of settings, exports and sync, and "Forget token" removes it', async () => {
    // The token lives in the extension origin's IndexedDB, bound to its instance; never in storage.
    expect(await env.driver.secret()).toEqual({ token: TOKEN, origin: okteto.url });
    expect(await env.driver.stored('oktetoToken')).toBeUndefined();
    expect(JSON.stringify(await env.driver.stored('settings'))).not.toContain(TOKEN);
    expect(JSON.stringify(await env.driver.syncArea())).not.toContain(TOKEN);
    const options = await env.driver.options();
    await options.click('button', 'Forget token');
    expect(await options.waitText('status', 'Token forgotten')).toBeTruthy();
    expect(await env.driver.secret()).toBeNull();
    await options.close();
    const popup = await env.driver.popup(app);
    await popup.type('combobox', 'Namespace', 'bob');
    expect(await popup.exists('option', 'bob-feature Okteto')).toBe(false);
    await popup.close();
  });
});
