import AxeBuilder from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../sandbox/sandbox';
import { type ChromiumDriver, launchChromium } from './harness/chromium';
import { FRONTEND } from './helpers';

// axe-core drives Playwright pages: Chromium only. Both colour schemes, every state we can reach.
describe('chromium: accessibility (axe-core)', () => {
  let sandbox: Sandbox;
  let driver: ChromiumDriver;
  let popupUrl: string;

  beforeAll(async () => {
    sandbox = await startSandbox();
    driver = await launchChromium();
    const app = await driver.open(sandbox.url(FRONTEND));
    const popup = await driver.popup(app);
    await popup.type('combobox', 'Namespace', 'alice', true);
    await popup.click('switch', 'Divert this site');
    await popup.waitText('status', 'carry');
    await popup.close();
    popupUrl = `chrome-extension://${driver.extensionId}/src/popup/index.html?tab=${await driver.tabId(app)}`;
  });
  afterAll(async () => {
    await driver?.close();
    await sandbox?.close();
  });

  const serious = async (
    url: string,
    scheme: 'light' | 'dark',
    prepare?: (page: import('playwright-core').Page) => Promise<void>,
  ) => {
    const page = await driver.context.newPage();
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(url);
    await page
      .getByRole('status')
      .or(page.getByRole('heading', { name: 'Domains' }))
      .first()
      .waitFor();
    await prepare?.(page);
    const result = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
      .analyze();
    await page.close();
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  };

  for (const scheme of ['light', 'dark'] as const) {
    it(`popup, ${scheme}`, async () => {
      expect(await serious(popupUrl, scheme)).toEqual([]);
    });
    it(`popup with suggestions open and an alert, ${scheme}`, async () => {
      const found = await serious(popupUrl, scheme, async (page) => {
        const box = page.getByRole('combobox', { name: 'Namespace' });
        await box.fill('Bad Name');
        await box.press('Enter');
        await page.getByRole('alert').waitFor();
        await box.fill('');
        await page.getByRole('listbox').waitFor();
      });
      expect(found).toEqual([]);
    });
    it(`options, ${scheme}`, async () => {
      expect(await serious(`chrome-extension://${driver.extensionId}/src/options/index.html`, scheme)).toEqual([]);
    });
  }
});
