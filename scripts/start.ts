/**
 * npm start: build, start the local divert sandbox, open Chromium with Divert Switch loaded and
 * pointed at it. `npm start -- --headless` prints what the page showed and saves screenshots;
 * `npm start -- --firefox` does the same in Firefox (start-firefox.ts).
 */
import { mkdir } from 'node:fs/promises';
import { headlessWanted, launchDemo } from './demo.ts';
import { startFirefox } from './start-firefox.ts';

async function main() {
  const headless = headlessWanted('npm start');
  if (process.argv.includes('--firefox')) return startFirefox(headless);

  const demo = await launchDemo({ headless });
  const { app, sandbox } = demo;
  console.log(`Divert sandbox on 127.0.0.1:${sandbox.port}: frontend ${app.url()}`);
  console.log(`Diverted to alice: the movies page says "Catalog served by ${await app.locator('#catalog-ns').textContent()}".`);
  console.log(`Movies: ${(await app.locator('#movies li').allTextContents()).join(' | ')}`);

  if (headless) {
    await mkdir('artifacts', { recursive: true });
    await app.screenshot({ path: 'artifacts/start-page.png' });
    const popup = await demo.context.newPage();
    await popup.setViewportSize({ width: 360, height: 420 });
    await popup.goto(await demo.popupUrl(app));
    await popup.getByRole('status').waitFor();
    console.log(`Popup: ${await popup.getByRole('status').textContent()}`);
    await popup.screenshot({ path: 'artifacts/start-popup.png' });
    // Every kind of request, a WebSocket and a service worker's among them, as the server saw it.
    const kinds = await demo.context.newPage();
    const since = Date.now();
    await kinds.goto(new URL('/__test/kinds/page?id=start', app.url()).href);
    await kinds.waitForFunction(() => document.title === 'done', undefined, { timeout: 20_000 });
    const seen = sandbox.seen.filter(
      (s) => s.at >= since && (s.path.startsWith('/__k/start/') || s.path === '/__test/kinds/sw.js'),
    );
    const carried = seen.map((s) => `${s.path.replace('/__k/start/', '').replace('/__test/kinds/', '')}: ${s.divert ?? 'none'}`);
    console.log(`Every kind of request (service worker: ${await kinds.locator('#sw').textContent()}): ${carried.join(', ')}`);
    console.log('Screenshots: artifacts/start-page.png, artifacts/start-popup.png');
    await demo.close();
    return;
  }
  console.log('Chromium is open with Divert Switch. Close the browser window (or press Ctrl+C) to stop.');
  const stop = async () => {
    await demo.close();
    process.exit(0);
  };
  demo.context.on('close', stop);
  process.on('SIGINT', stop);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
