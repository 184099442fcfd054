/**
 * npm run dev: @crxjs's dev server, the local divert sandbox, and Chromium with the extension
 * loaded from the dev build and set up as `npm start` sets it up. Edits to the popup and options
 * show at once (hot module replacement), edits to a content script at the next page load, and
 * edits to the background when the extension reloads itself (crxjs does that on save).
 * `npm run dev -- --headless` starts it all, checks the popup renders from the dev server, and stops.
 * DIVERT_DEV_PORT moves the server off 5173 (the tests do, so a running `npm run dev` is no bother).
 */
import { existsSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { createServer } from 'vite';
import { DIST } from '../dev/dist.ts';
import { ensureBrowsers } from './browsers.ts';
import { headlessWanted, launchDemo } from './demo.ts';

async function main() {
  const headless = headlessWanted('npm run dev');
  ensureBrowsers(['chromium']);
  // The e2e variant holds access to the sandbox's hosts, so no permission prompt stands in the way.
  process.env.TARGET = 'chrome';
  const dist = resolve(DIST, 'dev-chrome');
  rmSync(dist, { recursive: true, force: true });
  const server = await createServer({ configFile: 'vite.config.ts', mode: 'e2e' });
  await server.listen();
  // crxjs writes the dev build (a loader per page that fetches from the server) when it starts.
  const written = () =>
    ['manifest.json', 'service-worker-loader.js', 'public_suffix_list.bin'].every((f) => existsSync(resolve(dist, f)));
  for (let i = 0; i < 300 && !written(); i++) await new Promise((r) => setTimeout(r, 100));
  if (!written()) throw new Error(`the dev build did not appear in ${dist}`);
  console.log(`Dev server on ${server.resolvedUrls?.local[0] ?? 'http://127.0.0.1:5173/'}, extension built into ${dist}`);

  const demo = await launchDemo({ headless, dist, build: false });
  console.log(`Divert sandbox on 127.0.0.1:${demo.sandbox.port}: frontend ${demo.app.url()}`);
  const popup = await demo.context.newPage();
  await popup.goto(await demo.popupUrl(demo.app));
  await popup.getByRole('status').waitFor();
  console.log(`Popup (from the dev server): ${await popup.getByRole('status').textContent()}`);
  const stop = async () => {
    await demo.close();
    await server.close();
    process.exit(0);
  };
  if (headless) return stop();
  console.log(
    'Chromium is open with Divert Switch from the dev server. Edit src/ and watch. Ctrl+C (or closing the window) stops.',
  );
  demo.context.on('close', stop);
  process.on('SIGINT', stop);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
