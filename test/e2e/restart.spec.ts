import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../sandbox/sandbox';
import { type ChromiumDriver, launchChromium } from './harness/chromium';
import { until } from './harness/driver';
import { type FirefoxDriver, launchFirefox } from './harness/firefox';
import { FRONTEND, lastMain, TEST_DOMAIN } from './helpers';

describe('chromium: browser restart with the same profile', () => {
  let sandbox: Sandbox;
  let driver: ChromiumDriver;

  beforeAll(async () => {
    sandbox = await startSandbox();
    driver = await launchChromium();
  });
  afterAll(async () => {
    await driver?.close();
    await sandbox?.close();
  });

  it('keeps settings and rules, and drops tab pins', async () => {
    const app = await driver.open(sandbox.url(FRONTEND));
    const popup = await driver.popup(app);
    await popup.type('combobox', 'Namespace', 'alice', true);
    await popup.click('switch', 'Divert this site');
    await popup.waitText('status', 'okteto-divert=alice');
    await popup.click('checkbox', 'This tab only');
    await popup.waitText('status', 'in this tab');
    const before = await driver.rules();
    expect(before.dynamic).toHaveLength(1);
    expect(before.session).toHaveLength(1);
    const settings = await (await driver.worker()).evaluate(() => chrome.storage.local.get('settings'));

    await driver.restart();
    await until(async () => (await driver.rules()).dynamic.length === 1, 'rules after restart');
    const after = await driver.rules();
    expect(after.dynamic).toEqual(before.dynamic);
    expect(after.session).toEqual([]);
    expect(await (await driver.worker()).evaluate(() => chrome.storage.local.get('settings'))).toEqual(settings);

    const again = await driver.open(sandbox.url(FRONTEND));
    expect(lastMain(sandbox, FRONTEND).headers.baggage).toBe('okteto-divert=alice');
    const popupAgain = await driver.popup(again);
    expect(await popupAgain.text('status')).toContain(`Requests to *.${TEST_DOMAIN} carry okteto-divert=alice`);
    expect(await popupAgain.isChecked('checkbox', 'This tab only')).toBe(false);
  });

  it('rebuilds rules from settings when the browser lost them', async () => {
    const sw = await driver.worker();
    await sw.evaluate(async () => {
      const ids = (await chrome.declarativeNetRequest.getDynamicRules()).map((r) => r.id);
      await chrome.declarativeNetRequest.updateDynamicRules({ removeRuleIds: ids });
    });
    expect((await driver.rules()).dynamic).toEqual([]);
    await driver.restart();
    await until(async () => (await driver.rules()).dynamic.length === 1, 'rules rebuilt at start');
    expect((await driver.rules()).dynamic[0].action.requestHeaders?.[0].value).toBe('okteto-divert=alice');
  });
});

describe('firefox: browser restart with the same profile', () => {
  let sandbox: Sandbox;
  let driver: FirefoxDriver;

  beforeAll(async () => {
    sandbox = await startSandbox();
    driver = await launchFirefox(undefined, { persistent: true });
  });
  afterAll(async () => {
    await driver?.close();
    await sandbox?.close();
  });

  it('keeps settings and rules, and drops tab pins', async () => {
    const app = await driver.open(sandbox.url(FRONTEND, '/?before=1'));
    const popup = await driver.popup(app);
    await popup.type('combobox', 'Namespace', 'alice', true);
    await popup.click('switch', 'Divert this site');
    await popup.waitText('status', 'okteto-divert=alice');
    await popup.click('checkbox', 'This tab only');
    await popup.waitText('status', 'in this tab');
    const before = await driver.rules();
    expect(before.dynamic).toHaveLength(1);
    expect(before.session).toHaveLength(1);
    const settings = await driver.stored('settings');

    await driver.restart();
    await until(async () => (await driver.rules()).dynamic.length === 1, 'rules after restart', 20_000);
    const after = await driver.rules();
    expect(after.dynamic.map(({ id: _id, ...r }) => r)).toEqual(before.dynamic.map(({ id: _id, ...r }) => r));
    expect(after.session).toEqual([]);
    expect(await driver.stored('settings')).toEqual(settings);
    await driver.open(sandbox.url(FRONTEND, '/?after=1'));
    expect(lastMain(sandbox, FRONTEND, '/?after=1').headers.baggage).toBe('okteto-divert=alice');
  });

  it('rebuilds rules from settings when the browser lost them (some Firefox versions do)', async () => {
    await driver.removeAllRules();
    expect((await driver.rules()).dynamic).toEqual([]);
    await driver.restart();
    await until(async () => (await driver.rules()).dynamic.length === 1, 'rules rebuilt at start', 20_000);
    expect((await driver.rules()).dynamic[0].action.requestHeaders?.[0].value).toBe('okteto-divert=alice');
  });
});
