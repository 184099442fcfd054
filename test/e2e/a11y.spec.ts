import AxeBuilder from '@axe-core/playwright';
import { beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../dev/harness/chromium';
import { divertApp, useBrowser } from './helpers';

// axe-core drives Playwright pages: Chromium only. Both colour schemes, every state we can reach.
describe('chromium: accessibility (axe-core)', () => {
  const env = useBrowser(launchChromium);
  let popupUrl: string;

  beforeAll(async () => {
    const app = await divertApp(env.driver, env.sandbox, 'alice');
    popupUrl = `chrome-extension://${env.driver.extensionId}/src/popup/index.html?tab=${await env.driver.tabId(app)}`;
  });

  const serious = async (
    url: string,
    scheme: 'light' | 'dark',
    prepare?: (page: import('playwright-core').Page) => Promise<void>,
  ) => {
    const page = await env.driver.context.newPage();
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(url);
    await page
      .getByRole('status')
      .or(page.getByRole('heading', { name: 'Domains' }))
      .or(page.getByRole('table', { name: 'Requests' }))
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
      expect(await serious(`chrome-extension://${env.driver.extensionId}/src/options/index.html`, scheme)).toEqual([]);
    });
    it(`DevTools panel with a mismatch and a comparison, ${scheme}`, async () => {
      const panelUrl = popupUrl.replace('src/popup/index.html', 'src/devtools/panel.html');
      const found = await serious(panelUrl, scheme, async (page) => {
        const row = page.getByRole('row').filter({ hasText: '/api/catalog/movies' }).first();
        await row.getByRole('button', { name: 'Compare without divert' }).click();
        await page.getByRole('region', { name: 'Comparison' }).getByText('Added').waitFor();
      });
      expect(found).toEqual([]);
    });
  }
});
