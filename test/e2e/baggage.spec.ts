import { defaultTextMapGetter, propagation, ROOT_CONTEXT } from '@opentelemetry/api';
import { W3CBaggagePropagator } from '@opentelemetry/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { BROWSERS } from '../../dev/harness/browsers';
import { type Driver, type Tab, until } from '../../dev/harness/driver';
import { type BrowserEnv, divertApp, FRONTEND, marker, useBrowser } from './helpers';

/** What a real W3C baggage parser (OpenTelemetry's) reads from the header the server got. */
function parse(header: string | undefined): Record<string, string> {
  const ctx = new W3CBaggagePropagator().extract(ROOT_CONTEXT, { baggage: header }, defaultTextMapGetter);
  return Object.fromEntries((propagation.getBaggage(ctx)?.getAllEntries() ?? []).map(([k, e]) => [k, e.value]));
}

const PAGE_BAGGAGE = 'sentry-trace_id=4bf92f3577b34da6,userId=alice%40example.com';
const ALL_THREE = { 'sentry-trace_id': '4bf92f3577b34da6', userId: 'alice@example.com', 'okteto-divert': 'alice' };
type Via = 'fetch' | 'xhr' | 'worker';

/** Opens the app diverted to alice and waits until the background takes the page as diverted. */
async function openDiverted(env: BrowserEnv<Driver>): Promise<Tab> {
  const app = await divertApp(env.driver, env.sandbox, 'alice');
  const tab = await env.driver.tabId(app);
  await until(
    async () => ((await env.driver.session(`served:${tab}`)) as { requested?: string } | undefined)?.requested === 'alice',
    'the tab taken as diverted',
  );
  return app;
}

/**
 * The page calls its own origin with `baggage` (or none), by fetch, XHR or from a dedicated
 * worker; the header the server got.
 */
async function call(env: BrowserEnv<Driver>, app: Tab, baggage?: string, via: Via = 'fetch') {
  const id = marker('bag');
  const path = `/__echo?${id}`;
  const headers = baggage === undefined ? '{}' : JSON.stringify({ baggage });
  const code = {
    fetch: `fetch('${path}', { headers: ${headers} }).then((r) => r.status)`,
    xhr: `new Promise((done) => {
      const x = new XMLHttpRequest(); x.open('GET', '${path}');
      for (const [k, v] of Object.entries(${headers})) x.setRequestHeader(k, v);
      x.onloadend = () => done(x.status); x.send();
    })`,
    worker: `(() => {
      const src = "fetch(" + JSON.stringify(location.origin + '${path}') + ", { headers: ${headers.replaceAll('"', '\\"')} })";
      new Worker(URL.createObjectURL(new Blob([src]))); return 1;
    })()`,
  }[via];
  await app.run(code);
  const hit = await until(() => env.sandbox.seen.find((s) => s.path === path), `the call ${id}`);
  expect(hit?.host).toBe(FRONTEND);
  return hit?.headers.baggage as string | undefined;
}

async function popupSays(env: BrowserEnv<Driver>, app: Tab, said: string) {
  const popup = await env.driver.popup(app);
  await until(async () => (await popup.pageText()).includes(said), 'the popup says it').catch(async (e: Error) => {
    throw new Error(`${e.message}: ${JSON.stringify(await env.driver.session(`served:${await env.driver.tabId(app)}`))}`);
  });
  await popup.close();
}

/** What holds whenever the page's own baggage is kept: Firefox always, Chrome with the switch on. */
function keeps(env: BrowserEnv<Driver>, app: () => Tab, name: string) {
  it('fetch and XHR keep every member the page sent and add okteto-divert (a real W3C parser reads all three)', async () => {
    expect(parse(await call(env, app(), PAGE_BAGGAGE))).toEqual(ALL_THREE);
    expect(parse(await call(env, app(), PAGE_BAGGAGE, 'xhr'))).toEqual(ALL_THREE);
    await popupSays(env, app(), 'okteto-divert=alice was added to it, keeping sentry-trace_id, userId');
  });

  it('a call without baggage of its own carries exactly okteto-divert=<ns>', async () => {
    expect(await call(env, app())).toBe('okteto-divert=alice');
    expect(await call(env, app(), undefined, 'xhr')).toBe('okteto-divert=alice');
  });

  it("a page's own okteto-divert member gets the chosen namespace, never both", async () => {
    expect(await call(env, app(), 'okteto-divert=someone-else,a=1')).toBe('okteto-divert=alice,a=1');
  });

  it(
    name === 'firefox'
      ? "a worker's call keeps its baggage too"
      : "a worker's call (no content script there) still carries okteto-divert",
    async () => {
      const got = parse(await call(env, app(), PAGE_BAGGAGE, 'worker'));
      expect(got).toEqual(name === 'firefox' ? ALL_THREE : { 'okteto-divert': 'alice' });
    },
  );
}

describe.each(BROWSERS)("%s: the page's own baggage", (name, launch) => {
  const env = useBrowser(launch);
  let app: Tab;
  beforeAll(async () => {
    app = await openDiverted(env);
  });

  if (name === 'firefox') {
    keeps(env, () => app, name);
    it('Firefox needs no switch: the options page says it always keeps it', async () => {
      const options = await env.driver.options();
      expect(await options.exists('switch', "Keep the page's own baggage")).toBe(false);
      expect(await options.pageText()).toContain('Firefox keeps the baggage your pages send');
      await options.close();
    });
  } else {
    it('with the switch off, Chrome replaces it and the popup names the members it replaced', async () => {
      expect(parse(await call(env, app, PAGE_BAGGAGE))).toEqual({ 'okteto-divert': 'alice' });
      await popupSays(env, app, 'its members sentry-trace_id, userId did not reach your services');
      expect(await call(env, app, 'okteto-divert=someone-else,a=1')).toBe('okteto-divert=alice');
    });
  }

  it('navigations, images and scripts still carry it', async () => {
    await app.reload();
    const main = env.sandbox.seen.filter((s) => s.host === FRONTEND && s.path === '/').at(-1);
    expect(main?.headers.baggage).toBe('okteto-divert=alice');
    const id = marker('sub');
    await app.run(`(() => {
      const img = new Image(); img.src = '/__r/${id}/image.png'; document.body.append(img);
      const s = document.createElement('script'); s.src = '/__r/${id}/script.js'; document.body.append(s);
    })()`);
    const subs = await until(() => {
      const hits = env.sandbox.find(`/__r/${id}/`);
      return hits.length >= 2 ? hits : null;
    }, 'the image and the script');
    expect(subs?.map((s) => s.headers.baggage)).toEqual(['okteto-divert=alice', 'okteto-divert=alice']);
  });

  if (name === 'chromium') {
    describe("with “Keep the page's own baggage” on", () => {
      beforeAll(async () => {
        const options = await env.driver.options();
        await options.click('switch', "Keep the page's own baggage");
        await until(async () => (await options.isChecked('switch', "Keep the page's own baggage")) || null, 'the switch on');
        await options.close();
        // The page script runs in pages loaded from now on.
        await app.reload();
      });
      keeps(env, () => app, name);

      it('turned off again, the page script is gone and the rules replace as before', async () => {
        const options = await env.driver.options();
        await options.click('switch', "Keep the page's own baggage");
        await options.close();
        await app.reload();
        expect(await app.run('typeof window.__divertSwitchKeepBaggage')).toBe('undefined');
        expect(parse(await call(env, app, PAGE_BAGGAGE))).toEqual({ 'okteto-divert': 'alice' });
      });
    });
  }
});
