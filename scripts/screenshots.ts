/**
 * Screenshots of the real built popup and options page, light and dark, into docs/.
 * Run: npm run screenshots (then look at them before committing).
 */
import { mkdir } from 'node:fs/promises';
import { launchDemo } from './demo.ts';

const demo = await launchDemo({ headless: true });
await mkdir('docs', { recursive: true });
try {
  for (const scheme of ['light', 'dark'] as const) {
    const popup = await demo.context.newPage();
    await popup.emulateMedia({ colorScheme: scheme });
    await popup.setViewportSize({ width: 340, height: 480 });
    await popup.goto(await demo.popupUrl(demo.app));
    await popup.getByRole('status').filter({ hasText: 'carry' }).waitFor();
    await popup.getByRole('combobox', { name: 'Namespace' }).focus();
    await popup.getByRole('listbox').waitFor();
    await popup.screenshot({ path: `docs/popup-${scheme}.png` });
    await popup.close();

    const options = await demo.context.newPage();
    await options.emulateMedia({ colorScheme: scheme });
    await options.setViewportSize({ width: 900, height: 760 });
    await options.goto(`chrome-extension://${demo.id}/src/options/index.html`);
    await options.getByRole('switch', { name: 'Divert okteto.demo.localhost' }).waitFor();
    await options.screenshot({ path: `docs/options-${scheme}.png`, fullPage: true });
    await options.close();
  }
  console.log('docs/popup-{light,dark}.png, docs/options-{light,dark}.png');
} finally {
  await demo.close();
}
