import { defaultTextMapGetter, propagation, ROOT_CONTEXT } from '@opentelemetry/api';
import { W3CBaggagePropagator } from '@opentelemetry/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { BROWSERS } from '../../dev/harness/browsers';
import { type Tab, until } from '../../dev/harness/driver';
import { divertApp, FRONTEND, marker, useBrowser } from './helpers';

/** What a real W3C baggage parser (OpenTelemetry's) reads from the header the server got. */
function parse(header: string | undefined): Record<string, string> {
  const ctx = new W3CBaggagePropagator().extract(ROOT_CONTEXT, { baggage: header }, defaultTextMapGetter);
  return Object.fromEntries((propagation.getBaggage(ctx)?.getAllEntries() ?? []).map(([k, e]) => [k, e.value]));
}

const PAGE_BAGGAGE = 'sentry-trace_id=4bf92f3577b34da6,userId=alice%40example.com';

describe.each(BROWSERS)("%s: the page's own baggage", (name, launch) => {
  const env = useBrowser(launch);
  let app: Tab;

  beforeAll(async () => {
    app = await divertApp(env.driver, env.sandbox, 'alice');
    // The background has taken the page as diverted (it starts counting the page's calls then).
    const tab = await env.driver.tabId(app);
    await until(
      async () => ((await env.driver.session(`served:${tab}`)) as { requested?: string } | undefined)?.requested === 'alice',
      'the tab taken as diverted',
    );
  });

  /** The page calls its own origin with `baggage` (or none); the header the server got. */
  const call = async (baggage?: string) => {
    const id = marker('bag');
    const init = baggage === undefined ? '{}' : JSON.stringify({ headers: { baggage } });
    await app.run(`fetch('/__echo?${id}', ${init}).then((r) => r.status)`);
    const hit = await until(() => env.sandbox.seen.find((s) => s.path === `/__echo?${id}`), `the call ${id}`);
    expect(hit?.host).toBe(FRONTEND);
    return hit?.headers.baggage as string | undefined;
  };

  it(
    name === 'firefox'
      ? 'keeps every member the page sent and adds okteto-divert (a real W3C parser reads all three)'
      : 'replaces it (Chrome cannot append to baggage) and the popup names the members it replaced',
    async () => {
      const got = parse(await call(PAGE_BAGGAGE));
      if (name === 'firefox') {
        expect(got).toEqual({ 'sentry-trace_id': '4bf92f3577b34da6', userId: 'alice@example.com', 'okteto-divert': 'alice' });
      } else {
        expect(got).toEqual({ 'okteto-divert': 'alice' });
      }
      const popup = await env.driver.popup(app);
      const said =
        name === 'firefox'
          ? 'okteto-divert=alice was added to it, keeping sentry-trace_id, userId'
          : 'its members sentry-trace_id, userId did not reach your services';
      await until(async () => (await popup.pageText()).includes(said), 'the popup says it').catch(async (e: Error) => {
        throw new Error(`${e.message}: ${JSON.stringify(await env.driver.session(`served:${await env.driver.tabId(app)}`))}`);
      });
      await popup.close();
    },
  );

  it('a call without baggage of its own carries exactly okteto-divert=<ns>', async () => {
    expect(await call()).toBe('okteto-divert=alice');
  });

  it("a page's own okteto-divert member gets the chosen namespace, never both", async () => {
    const got = await call('okteto-divert=someone-else,a=1');
    expect(parse(got)['okteto-divert']).toBe('alice');
    expect(got?.match(/okteto-divert/g)).toHaveLength(1);
    expect(got).toBe(name === 'firefox' ? 'okteto-divert=alice,a=1' : 'okteto-divert=alice');
  });

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
});
