import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../sandbox/sandbox';
import { launchChromium } from './harness/chromium';
import { type Driver, until } from './harness/driver';
import { launchFirefox } from './harness/firefox';
import { FRONTEND, lastMain, TEST_DOMAIN } from './helpers';

interface Restartable extends Driver {
  restart(): Promise<void>;
  removeAllRules(): Promise<void>;
}

// Firefox keeps only an add-on installed in the profile across a restart (not a temporary one).
const LAUNCHERS: [string, () => Promise<Restartable>][] = [
  ['chromium', () => launchChromium()],
  ['firefox', () => launchFirefox(undefined, { persistent: true })],
];
const only = process.env.E2E_BROWSERS?.split(',');

describe.each(LAUNCHERS.filter(([name]) => !only || only.includes(name)))(
  '%s: browser restart with the same profile',
  (_name, launch) => {
    let sandbox: Sandbox;
    let driver: Restartable;

    beforeAll(async () => {
      sandbox = await startSandbox();
      driver = await launch();
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

      const again = await driver.open(sandbox.url(FRONTEND, '/?after=1'));
      expect(lastMain(sandbox, FRONTEND, '/?after=1').headers.baggage).toBe('okteto-divert=alice');
      const popupAgain = await driver.popup(again);
      expect(await popupAgain.waitText('status', 'carry')).toContain(`Requests to *.${TEST_DOMAIN} carry okteto-divert=alice`);
      expect(await popupAgain.isChecked('checkbox', 'This tab only')).toBe(false);
    });

    it('rebuilds rules from settings when the browser lost them (some Firefox versions do)', async () => {
      await driver.removeAllRules();
      expect((await driver.rules()).dynamic).toEqual([]);
      await driver.restart();
      await until(async () => (await driver.rules()).dynamic.length === 1, 'rules rebuilt at start', 20_000);
      expect((await driver.rules()).dynamic[0].action.requestHeaders?.[0].value).toBe('okteto-divert=alice');
    });
  },
);
