import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { BROWSERS } from '../../dev/harness/browsers';
import { type Tab, type Ui, until } from '../../dev/harness/driver';
import { divertApp, FRONTEND, marker, TEST_DOMAIN, useBrowser } from './helpers';
import { standInSpace, useOktetoStandIn } from './okteto-stand-in';

const TOKEN = 'okteto-pat-device-0123456789';

/** What a phone's camera reads: the QR image as the popup draws it, decoded by a real decoder. */
async function decodeQr(popup: Ui, url: string): Promise<string | undefined> {
  const name = `QR code for ${url}`;
  // Connected, the popup shows the endpoint once the instance has told what alice runs.
  await until(() => popup.exists('img', name), `an image named "${name}"`, 30_000).catch(async (e: Error) => {
    throw new Error(`${e.message}: ${await popup.pageText()}`);
  });
  const png = PNG.sync.read(Buffer.from(await popup.screenshot('img', name)));
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data;
}

describe.each(BROWSERS)('%s: open on another device', (_name, launch) => {
  const env = useBrowser(launch);
  const standIn = useOktetoStandIn(TOKEN);

  let app: Tab;
  let path: string;

  it('without Okteto: the share link, saying the other device needs Divert Switch, as text and as a QR code', async () => {
    app = await divertApp(env.driver, env.sandbox, 'alice');
    path = `/?id=${marker('device')}&q=a%20b#/movies/42`;
    await app.goto(env.sandbox.url(FRONTEND, path));
    const popup = await env.driver.popup(app);
    expect(await popup.exists('img', `QR code for ${env.sandbox.url(FRONTEND, path)}`)).toBe(false);
    await popup.click('button', 'Open on another device');
    const link = env.sandbox.url(FRONTEND, `${path}:~:okteto-divert=alice`);
    expect(await popup.value('textbox', 'Share link')).toBe(link);
    const text = await popup.pageText();
    expect(text).toContain('needs Divert Switch to open this page diverted to alice');
    expect(text).toContain(link);
    expect(await decodeQr(popup, link)).toBe(link);
    await popup.close();
  });

  it('connected to Okteto, which lists alice’s own endpoint of this page’s service: that endpoint, same path and query', async () => {
    await standIn.start([
      standInSpace('staging', 'Active', { frontend: [`https://${FRONTEND}`] }),
      standInSpace('alice', 'Active', { frontend: [`https://movies-alice.${TEST_DOMAIN}`] }),
    ]);
    await standIn.connect(env.driver);
    const popup = await env.driver.popup(app);
    await popup.click('button', 'Open on another device');
    const own = `https://movies-alice.${TEST_DOMAIN}${path}`;
    const decoded = await decodeQr(popup, own);
    expect(decoded).toBe(own);
    const text = await popup.pageText();
    expect(text).toContain("Your namespace's own endpoint for frontend");
    expect(text).toContain('no extension needed');
    expect(text).toContain(own);
    await popup.close();
  });
});
