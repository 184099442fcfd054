import { beforeAll, describe, expect, it } from 'vitest';
import { BROWSERS } from '../../dev/harness/browsers';
import type { ChromiumDriver } from '../../dev/harness/chromium';
import { type Tab, until } from '../../dev/harness/driver';
import { divertApp, FRONTEND, marker, useBrowser } from './helpers';

const MOVIES = '/api/catalog/movies';

describe.each(BROWSERS)('%s: the DevTools Divert panel', (_name, launch) => {
  const env = useBrowser(launch);
  let app: Tab;

  beforeAll(async () => {
    // alice runs the catalog, not the frontend: the page comes from staging, its API call from alice.
    app = await divertApp(env.driver, env.sandbox, 'alice');
  });

  it('lists the tab’s requests from the page load on, with what was sent and who answered', async () => {
    const panel = await env.driver.devtoolsPanel(app);
    const rows = (await until(async () => {
      const all = await panel.rows();
      const movies = all.find((r) => r.includes(MOVIES) && r.includes('200'));
      const page = all.find((r) => r.includes('main_frame') && r.includes('200'));
      return movies && page ? { movies, page } : undefined;
    }, 'the page and its API call listed')) as { movies: string; page: string };
    // Method, URL, type, sent, served by, status.
    expect(rows.movies).toMatch(/GET.*\/api\/catalog\/movies.*xmlhttprequest.*alice.*alice.*200/);
    expect(rows.page).toMatch(/GET.*main_frame.*alice.*staging.*200/);
    // The mismatch is marked and explained (no Okteto connected: the usual causes).
    expect(rows.page).toContain('≠');
    expect(rows.page).toContain('is not deployed in alice yet');
    expect(rows.page).toContain('verify header propagation');
    expect(rows.movies).not.toContain('≠');
    await panel.close();
  });

  it('filters: mismatches only, and by the namespace sent', async () => {
    const panel = await env.driver.devtoolsPanel(app);
    await until(async () => (await panel.rows()).some((r) => r.includes(MOVIES)), 'the API call listed');
    await panel.click('checkbox', 'Mismatches only');
    await until(async () => !(await panel.rows()).some((r) => r.includes(MOVIES)), 'matching rows hidden');
    expect((await panel.rows()).some((r) => r.includes('main_frame'))).toBe(true);
    await panel.click('checkbox', 'Mismatches only');
    await panel.select('Namespace, sent or served', 'staging');
    await until(async () => !(await panel.rows()).some((r) => r.includes(MOVIES)), 'only what staging answered');
    expect((await panel.rows()).some((r) => r.includes('main_frame'))).toBe(true);
    await panel.select('Namespace, sent or served', 'alice');
    await until(async () => (await panel.rows()).some((r) => r.includes(MOVIES)), 'alice rows back');
    await panel.close();
  });

  it('compares the API call without divert: alice’s added movie against what staging answers, with only alice known', async () => {
    // No presets, no Okteto: the one namespace the extension knows is the tab's own (issue 32 item 5).
    // A cookie of the site's: a compare sends none unless asked.
    await app.run(`document.cookie = 'session=secret-e2e; path=/'`);
    env.sandbox.reset();
    const panel = await env.driver.devtoolsPanel(app);
    await until(async () => (await panel.rows()).some((r) => r.includes(MOVIES)), 'the API call listed');
    // Never "Compare with" a name only a server said: staging answered the page, nobody chose it.
    expect(await panel.exists('button', 'Compare with staging')).toBe(false);
    await panel.clickInRow(MOVIES, 'Compare without divert');
    const result = await panel.waitText('region', 'Added');
    expect(result).toContain('Added movies[3]: "Alice\'s new pick: Paprika" (only in alice)');
    expect(result).toContain('without divert');
    expect(result).not.toContain('Removed');
    expect(result).not.toContain('Headers that differ');
    // One request each, to that URL alone, without cookies; the second with no baggage at all, so
    // the shared namespace answered it, as it answers a browser without Divert Switch.
    const sent = env.sandbox.find(MOVIES);
    expect(sent.map((s) => s.divert ?? 'none').sort()).toEqual(['alice', 'none']);
    expect(sent.find((s) => s.divert === undefined)?.headers.baggage).toBeUndefined();
    expect(sent.every((s) => s.headers.cookie === undefined && s.host === FRONTEND)).toBe(true);
    expect(result).toMatch(/staging/);
    await panel.close();
  });

  it('no web page can frame an extension page: a page’s <iframe> of the popup shows nothing of ours', async () => {
    const page = await env.driver.open(env.sandbox.url(FRONTEND, '/?framing'));
    const popup = env.driver.extensionUrl('src/popup/index.html');
    await page.run(`new Promise((loaded) => {
      const frame = document.createElement('iframe');
      frame.onload = frame.onerror = () => loaded(true);
      frame.src = ${JSON.stringify(popup)};
      document.body.append(frame);
    })`);
    const [frame] = (await until(async () => {
      const all = await page.frames();
      return all.length === 1 ? all : undefined;
    }, 'the page’s frame')) as { url: string; text: string }[];
    // Whatever the browser shows instead (an error page, nothing), no document of the extension.
    expect(frame.text).not.toMatch(/Divert this site|Namespace|okteto-divert/);
    expect(frame.url.startsWith(popup) && frame.text.trim() !== '').toBe(false);
    await page.close();
  });

  it('a compare never follows a redirect: no header, and no request, reaches another host', async () => {
    const leak = `/__test/leak-${marker('compare')}`;
    const elsewhere = env.sandbox.url('app.other.example.org', leak);
    await app.run(`fetch('/__test/redirect?to=' + encodeURIComponent(${JSON.stringify(elsewhere)}), { mode: 'no-cors' })`);
    await until(() => env.sandbox.find(leak).length === 1, 'the page’s own request arrived');
    const panel = await env.driver.devtoolsPanel(app);
    await panel.clickInRow('/__test/redirect', 'Compare without divert');
    expect(await panel.waitText('region', 'redirected elsewhere')).toContain('GET');
    expect(env.sandbox.find(leak)).toHaveLength(1);
    expect(env.sandbox.find(leak)[0].divert).toBeUndefined();
    await panel.close();
  });

  // Chromium stops an idle worker after 30 s: DevTools opened later still shows the page's requests.
  it.runIf(_name === 'chromium')('the list outlives a stopped worker, and what comes after adds to it', async () => {
    const driver = env.driver as unknown as ChromiumDriver;
    const tabId = await driver.tabId(app);
    const stored = async () => ((await driver.session(`requests:${tabId}`)) ?? []) as { url: string }[];
    const before = await until(async () => ((await stored()).length > 0 ? await stored() : undefined), 'the list stored');
    const page = await driver.context.newPage();
    await page.goto(`chrome-extension://${driver.extensionId}/src/options/index.html`);
    const cdp = await driver.context.newCDPSession(page);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await page.close();
    const after = `${MOVIES}?after-stop=${marker('stop')}`;
    await app.run(`fetch(${JSON.stringify(after)})`);
    const panel = await env.driver.devtoolsPanel(app);
    await until(async () => (await panel.rows()).some((r) => r.includes('after-stop')), 'the new request listed');
    const rows = await panel.rows();
    for (const row of before ?? []) expect(rows.some((r) => r.includes(row.url))).toBe(true);
    await panel.close();
  });
});
