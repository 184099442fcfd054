import type { Page } from 'playwright-core';
import { until } from '../dev/harness/driver';
import type { Sandbox } from '../dev/sandbox/sandbox';
import { measuring, timed } from './stats';

export const FRONTEND = 'movies-staging.okteto.example.com';

/** `runs` same-origin fetches with baggage of the page's own, each timed inside the page. */
export async function ownBaggageFetches(page: Page, runs: number, tag: string): Promise<number[]> {
  return page.evaluate(
    async ({ n, tag }) => {
      const out: number[] = [];
      for (let i = 0; i < n; i++) {
        const t0 = performance.now();
        await fetch(`/__echo?own=${tag}-${i}`, { headers: { baggage: `sentry-trace_id=${tag}${i},userId=alice` } });
        out.push(performance.now() - t0);
      }
      return out;
    },
    { n: runs, tag },
  );
}

/** Time from navigation start to a mark (or the load event), read inside the page. */
export function timeInPage(page: { evaluate(code: string): Promise<unknown> }, mark?: string): Promise<number> {
  const read = `(() => {
    const m = ${JSON.stringify(mark ?? '')};
    if (m) return performance.getEntriesByName(m)[0]?.startTime ?? 0;
    const nav = performance.getEntriesByType('navigation')[0];
    return nav && nav.loadEventEnd > 0 ? nav.loadEventEnd : 0;
  })()`;
  return until(async () => (await page.evaluate(read)) as number, `page time (${mark ?? 'load'})`);
}

/**
 * Keeps the app page asking its host, one request after the other (bounded by stop() and two
 * minutes), so the first request that carries a change is seen. No timers: Firefox runs a
 * background tab's timers once a second at most.
 */
export async function poller(page: { evaluate(code: string): Promise<unknown> }) {
  await page.evaluate(`(() => {
    let n = 0;
    const end = Date.now() + 120000;
    window.__polling = true;
    (async () => {
      while (window.__polling && Date.now() < end) await fetch('/__echo?poll=' + n++).catch(() => undefined);
    })();
  })()`);
  return () => page.evaluate('window.__polling = false');
}

/**
 * First request after `t0` whose okteto-divert is `want` (undefined: none), or, given a header
 * name, whose value of that header is `want`: its arrival, minus t0.
 */
export async function lag(sandbox: Sandbox, t0: number, want: string | undefined, header?: string) {
  const hit = await until(
    () =>
      sandbox.seen.find(
        (s) => s.at >= t0 && s.path.startsWith('/__echo?poll=') && (header ? s.headers[header] : s.divert) === want,
      ),
    `a request with ${header ?? 'okteto-divert'} ${want}`,
  );
  return (hit as { at: number }).at - t0;
}

/**
 * The floor of any header-adding extension's apply: one bare rule update, made from an extension
 * page of the same profile (no background, no settings, no reconcile), until the poller's next
 * request carries it; then the rule is taken away again. Its id is outside Divert Switch's, and
 * its header is its own (Firefox's blocking listener owns baggage on fetch/XHR).
 * Returns when the update was asked (Date.now() in the page).
 */
export const BARE_HEADER = 'x-divert-bench';
export const BARE_RULE_UPDATE = `async (value) => {
  const dnr = (globalThis.browser ?? globalThis.chrome).declarativeNetRequest;
  const t0 = Date.now();
  await dnr.updateSessionRules({ removeRuleIds: [20001], addRules: value ? [{
    id: 20001, priority: 100,
    action: { type: 'modifyHeaders', requestHeaders: [{ header: 'x-divert-bench', operation: 'set', value }] },
    condition: { requestDomains: ['okteto.example.com'], resourceTypes: ['xmlhttprequest'] },
  }] : [] });
  return t0;
}`;

export interface Overhead {
  loadWith: number[];
  loadWithout: number[];
  loadReference: number[];
}

/**
 * The 200-subresource page on a diverted host, alternating Divert Switch, the DNR-only reference
 * and no extension (each its own profile), after checking that both extensions' loads carried
 * the header on every subresource.
 */
export async function alternate(
  sandbox: Sandbox,
  runs: number,
  warmup: number,
  who: string,
  load: Record<'with' | 'reference' | 'without', (url: string) => Promise<number>>,
): Promise<Overhead> {
  const tag = `${who[0]}${Date.now().toString(36)}`;
  const url = (kind: string, i: number) => sandbox.url(FRONTEND, `/__test/many?n=200&id=${tag}${kind}${i}`);
  const out: Overhead = { loadWith: [], loadWithout: [], loadReference: [] };
  measuring(`${who}: page with 200 subresources, 3 profiles alternating`);
  await timed(runs, warmup, async (i) => {
    const a = await load.with(url('w', i));
    const c = await load.reference(url('d', i));
    const b = await load.without(url('p', i));
    if (i >= warmup) {
      out.loadWith.push(a);
      out.loadWithout.push(b);
      out.loadReference.push(c);
    }
    return a;
  });
  for (const [kind, name] of [
    ['w', 'Divert Switch'],
    ['d', 'the DNR-only reference'],
  ]) {
    const carried = sandbox.seen.filter((s) => s.path.startsWith(`/__r/${tag}${kind}${warmup}/`) && s.divert === 'alice').length;
    if (carried < 200)
      throw new Error(`${who}, ${name}: the diverted page's subresources did not all carry the header (${carried}/200)`);
  }
  return out;
}

export interface PopupResults {
  popupReady: number[];
  blank: number[];
  /** The blank page with one empty module script: the floor of any page that runs script. */
  blankScript: number[];
  /** A blank popup: one script that makes the popup's first reads, then marks itself ready. */
  blankPopup: number[];
}

/**
 * Popup ready vs a blank extension page, that page with one empty script, and a blank popup (one
 * script that makes the popup's reads), each opened in a fresh tab by `time` (which returns
 * navigation start → mark, or → load without one), in an order that turns each run: no page
 * always goes first.
 */
export async function popupAgainstBlank(
  who: string,
  tabId: number,
  runs: number,
  warmup: number,
  time: (path: string, mark?: string) => Promise<number>,
): Promise<PopupResults> {
  const out: PopupResults = { popupReady: [], blank: [], blankScript: [], blankPopup: [] };
  const pages: [keyof PopupResults, string, string | undefined][] = [
    ['popupReady', `src/popup/index.html?tab=${tabId}`, 'divert-switch:ready'],
    ['blank', 'bench-blank.html', undefined],
    ['blankScript', 'bench-script.html', undefined],
    ['blankPopup', `bench-reads.html?tab=${tabId}`, 'divert-switch:ready'],
  ];
  measuring(`${who}: popup ready, blank page, blank page with a script, blank popup`);
  await timed(runs, warmup, async (i) => {
    const times: Partial<Record<keyof PopupResults, number>> = {};
    for (let k = 0; k < pages.length; k++) {
      const [name, path, mark] = pages[(i + k) % pages.length];
      times[name] = await time(path, mark);
    }
    if (i >= warmup) for (const name of Object.keys(out) as (keyof PopupResults)[]) out[name].push(times[name] as number);
    return times.popupReady as number;
  });
  return out;
}
