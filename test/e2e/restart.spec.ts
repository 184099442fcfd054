import { describe, expect, it } from 'vitest';
import { launchChromium } from '../../dev/harness/chromium';
import { type Driver, until } from '../../dev/harness/driver';
import { launchFirefox } from '../../dev/harness/firefox';
import { FRONTEND, lastMain, reloadedBy, TEST_DOMAIN, useBrowser } from './helpers';

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
    const env = useBrowser(launch);

    it('keeps settings and rules, and drops tab pins', async () => {
      const app = await env.driver.open(env.sandbox.url(FRONTEND, '/?before=1'));
      const popup = await env.driver.popup(app);
      await popup.type('combobox', 'Namespace', 'alice', true);
      await reloadedBy(app, async () => {
        await popup.click('switch', 'Divert this site');
        await popup.waitText('status', 'okteto-divert=alice');
      });
      await popup.click('checkbox', 'This tab only');
      await popup.waitText('status', 'in this tab');
      const before = await env.driver.rules();
      expect(before.dynamic).toHaveLength(1);
      expect(before.session).toHaveLength(1);
      const settings = await env.driver.stored('settings');

      await env.driver.restart();
      await until(async () => (await env.driver.rules()).dynamic.length === 1, 'rules after restart', 20_000);
      const after = await env.driver.rules();
      expect(after.dynamic.map(({ id: _id, ...r }) => r)).toEqual(before.dynamic.map(({ id: _id, ...r }) => r));
      expect(after.session).toEqual([]);
      expect(await env.driver.stored('settings')).toEqual(settings);

      const again = await env.driver.open(env.sandbox.url(FRONTEND, '/?after=1'));
      expect(lastMain(env.sandbox, FRONTEND, '/?after=1').headers.baggage).toBe('okteto-divert=alice');
      const popupAgain = await env.driver.popup(again);
      expect(await popupAgain.waitText('status', 'carry')).toContain(`Requests to *.${TEST_DOMAIN} carry okteto-divert=alice`);
      expect(await popupAgain.isChecked('checkbox', 'This tab only')).toBe(false);
    });

    it('rebuilds rules from settings when the browser lost them (some Firefox versions do)', async () => {
      await env.driver.removeAllRules();
      expect((await env.driver.rules()).dynamic).toEqual([]);
      await env.driver.restart();
      await until(async () => (await env.driver.rules()).dynamic.length === 1, 'rules rebuilt at start', 20_000);
      expect((await env.driver.rules()).dynamic[0].action.requestHeaders?.[0].value).toBe('okteto-divert=alice');
    });
  },
);
