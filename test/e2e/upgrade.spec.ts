import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIST } from '../../dev/dist';
import { type ChromiumDriver, launchChromium } from '../../dev/harness/chromium';
import { until } from '../../dev/harness/driver';
import { type FirefoxDriver, launchFirefox } from '../../dev/harness/firefox';
import { startOktetoApi } from '../../dev/sandbox/okteto-api';
import { type Sandbox, startSandbox } from '../../dev/sandbox/sandbox';
import manifest from '../../manifest.json';
import { divertApp, FRONTEND, lastMain, TEST_DOMAIN } from './helpers';

/** The previous release's e2e build (test/fixtures/release-0.1.0/README.md). */
const PREVIOUS = resolve('test/fixtures/release-0.1.0');
const TOKEN = 'okteto-pat-upgrade-0123456789';

/**
 * Installing the new version over the previous one keeps every setting and rule, and the header
 * still flows. Both browsers: Chromium loads the new build into the same profile (same key, so the
 * same extension), Firefox finds the new .xpi in its profile at start, as an update.
 */
const BROWSERS: [string, () => Promise<ChromiumDriver | FirefoxDriver>, string][] = [
  ['chromium', () => launchChromium(`${PREVIOUS}/chrome`), resolve(DIST, 'e2e-chrome')],
  ['firefox', () => launchFirefox(`${PREVIOUS}/firefox`, { persistent: true }), resolve(DIST, 'e2e-firefox')],
];
const only = process.env.E2E_BROWSERS?.split(',');

describe.each(BROWSERS.filter(([name]) => !only || only.includes(name)))('%s: update from 0.1.0', (_name, launch, current) => {
  let sandbox: Sandbox;
  let driver: ChromiumDriver | FirefoxDriver;
  let okteto: Awaited<ReturnType<typeof startOktetoApi>>;

  beforeAll(async () => {
    sandbox = await startSandbox();
    okteto = await startOktetoApi({ token: TOKEN, namespaces: ['staging', 'alice'] });
    driver = await launch();
  });
  afterAll(async () => {
    await driver?.close();
    await sandbox?.close();
    await okteto?.close();
  });

  it('keeps settings, rules and the Okteto connection, moves the token out of storage, and the header flows', async () => {
    await divertApp(driver, sandbox, 'alice', { reloads: false });
    const options = await driver.options();
    await options.type('textbox', 'Okteto instance URL', okteto.url);
    await options.type('textbox', 'Personal access token', TOKEN);
    await options.click('button', 'Connect');
    await options.waitText('status', 'namespaces');
    await options.type('textbox', 'Preset namespace', 'bob-feature');
    await options.click('button', 'Add preset');
    await until(async () => (await options.pageText()).includes('bob-feature'), 'the preset');
    await options.close();
    // What 0.1.0 kept: the token sat in storage.local.
    expect(await driver.stored('oktetoToken')).toBe(TOKEN);
    const settings = await driver.stored('settings');
    const rules = (await driver.rules()).dynamic;
    expect(rules).toHaveLength(1);
    expect(await driver.version()).toBe('0.1.0');

    await driver.restart(current);

    // The new version runs, with everything the old one had.
    expect(await driver.version()).toBe(manifest.version);
    expect(manifest.version).not.toBe('0.1.0');
    await until(async () => (await driver.secret()) !== null, 'the token moved to the secret store');
    expect(await driver.secret()).toEqual({ token: TOKEN, origin: okteto.url });
    expect(await driver.stored('oktetoToken')).toBeUndefined();
    // The one instance is the first of the list, as it was.
    await until(async () => !!(await driver.stored('oktetoInstances')), 'the instance moved to the list');
    expect(await driver.stored('oktetoInstances')).toMatchObject([{ url: okteto.url, namespaces: ['alice', 'staging'] }]);
    expect(await driver.stored('okteto')).toBeUndefined();
    expect(await driver.stored('settings')).toEqual(settings);
    await until(async () => (await driver.rules()).dynamic.length === 1, 'the rules rebuilt');
    // The same rules; Firefox 0.2 leaves fetch/XHR to its merge of the page's own baggage.
    const what = (r: (typeof rules)[number]) => ({ priority: r.priority, action: r.action, domains: r.condition.requestDomains });
    const after = (await driver.rules()).dynamic;
    expect(after.map(what)).toEqual(rules.map(what));
    const types = rules[0].condition.resourceTypes?.filter((t) => driver.name === 'chromium' || t !== 'xmlhttprequest');
    expect(after[0].condition.resourceTypes).toEqual(types);

    const tab = await driver.open(sandbox.url(FRONTEND));
    await until(() => lastMain(sandbox, FRONTEND)?.headers.baggage === 'okteto-divert=alice', 'the header after the update');
    expect(await tab.textOf('#catalog-ns')).toBe('alice');
    const popup = await driver.popup(tab);
    expect(await popup.waitText('status', 'okteto-divert=alice')).toContain(`*.${TEST_DOMAIN}`);
    await popup.close();
  });
});
