/**
 * The stores' screenshots, 1280×800, from the real build against the local divert sandbox, into
 * docs/store/. Run: npm run store-screenshots (then look at them before committing).
 */
import { mkdir, readFile } from 'node:fs/promises';
import { launchDemo } from './demo.ts';

const SIZE = { width: 1280, height: 800 };
const demo = await launchDemo({ headless: true });
await mkdir('docs/store', { recursive: true });
const dataUrl = async (path: string) => `data:image/png;base64,${(await readFile(path)).toString('base64')}`;

try {
  // 1. The movies app diverted to alice: its page badge, and the popup opened over it.
  const app = demo.app;
  await app.setViewportSize(SIZE);
  await app.reload();
  await app.locator('divert-switch-badge').waitFor();
  await app.waitForFunction(() =>
    document.querySelector('divert-switch-badge')?.shadowRoot?.textContent?.includes('served by alice'),
  );
  await app.screenshot({ path: 'artifacts/store-app.png' });
  const popup = await demo.context.newPage();
  await popup.setViewportSize({ width: 360, height: 440 });
  await popup.goto(await demo.popupUrl(app));
  await popup.getByRole('status').filter({ hasText: 'served by alice' }).waitFor();
  await popup.locator('.popup').screenshot({ path: 'artifacts/store-popup.png' });
  await popup.close();

  // Composed on a plain page: the app, and the popup where the browser shows it (top right).
  const stage = await demo.context.newPage();
  await stage.setViewportSize(SIZE);
  await stage.setContent(`<!doctype html><body style="margin:0;background:#fff">
    <img src="${await dataUrl('artifacts/store-app.png')}" style="position:absolute;left:0;top:0;width:1280px;height:800px">
    <img src="${await dataUrl('artifacts/store-popup.png')}"
      style="position:absolute;right:24px;top:12px;width:360px;border-radius:8px;box-shadow:0 8px 32px #0005">
  </body>`);
  await stage.screenshot({ path: 'docs/store/screenshot-1-divert.png' });

  // 2. The options page: domains, presets, team files, your Okteto.
  const options = await demo.context.newPage();
  await options.setViewportSize(SIZE);
  await options.goto(`chrome-extension://${demo.id}/src/options/index.html`);
  await options.getByRole('switch', { name: 'Divert okteto.demo.localhost' }).waitFor();
  await options.screenshot({ path: 'docs/store/screenshot-2-options.png' });

  // 3. A mismatch explained: bob has nothing deployed, so staging answers.
  await demo.command({ type: 'setNamespace', namespace: 'bob-feature' });
  await app.reload();
  await app.waitForFunction(() =>
    document.querySelector('divert-switch-badge')?.shadowRoot?.textContent?.includes('served by staging'),
  );
  await app.screenshot({ path: 'artifacts/store-app.png' });
  const why = await demo.context.newPage();
  await why.setViewportSize({ width: 360, height: 560 });
  await why.goto(await demo.popupUrl(app));
  await why.getByRole('status').filter({ hasText: 'served by staging' }).waitFor();
  await why.locator('.popup').screenshot({ path: 'artifacts/store-popup.png' });
  await stage.setContent(`<!doctype html><body style="margin:0;background:#fff">
    <img src="${await dataUrl('artifacts/store-app.png')}" style="position:absolute;left:0;top:0;width:1280px;height:800px">
    <img src="${await dataUrl('artifacts/store-popup.png')}"
      style="position:absolute;right:24px;top:12px;width:360px;border-radius:8px;box-shadow:0 8px 32px #0005">
  </body>`);
  await stage.screenshot({ path: 'docs/store/screenshot-3-mismatch.png' });
  console.log('docs/store/screenshot-{1-divert,2-options,3-mismatch}.png (1280×800)');
} finally {
  await demo.close();
}
