import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type Background, boot, env } from '../../test/fakes/background';
import type { RequestLog } from '../core/request-log';
import { LOG_BUDGET_BYTES } from '../core/request-log-budget';
import { createRequestLog } from './request-log';

vi.mock('webextension-polyfill', async () => ({ default: (await import('../../test/fakes/background')).fakeApi }));

// storage.session is one room (issue 33, 4): every tab's request log shares one budget with itself,
// and pins, share questions and served-by never fail to be written because of the logs.

const HOST = 'http://movies.okteto.example.com';
const QUOTA = 10 * 1024 * 1024; // Chrome's storage.session quota, as the fake keeps it
let bg: Background;
let n = 0;
const session = () => env.current.fake.storage.session;
const bytesInUse = () => session().getBytesInUse();

/** A chatty page: `calls` fetches with 2 KiB URLs, from each of `tabs` tabs, interleaved. */
function flood(tabs: number[], calls: number) {
  for (let i = 0; i < calls; i++)
    for (const tabId of tabs)
      env.current.fake.webRequest.onSendHeaders.fire({
        tabId,
        url: `${HOST}/api/catalog/movies?i=${i}&q=${'x'.repeat(2048)}`,
        requestId: `r${++n}`,
        timeStamp: 1000 + n,
        method: 'GET',
        type: 'xmlhttprequest',
        requestHeaders: [{ name: 'baggage', value: 'okteto-divert=alice' }],
      });
}
/**
 * Logs are written a moment after a burst: what waits for its moment runs now, a lone log part's
 * (`runPendingLogWrites`) or the whole background's (its idle), never a wait on the clock.
 */
const written = (log?: { runPendingLogWrites: () => Promise<void> }) => (log ? log.runPendingLogWrites() : bg.tabsSettled());

beforeEach(async () => {
  bg = await boot();
  await bg.send({ type: 'setNamespace', namespace: 'alice' });
  await bg.send({ type: 'addDomain', domain: 'okteto.example.com', enabled: true });
});
afterEach(() => vi.unstubAllGlobals());

describe('storage.session: one budget for diagnostics', { timeout: 30_000 }, () => {
  it('a dozen chatty tabs keep every log together within the budget, in memory and in storage', async () => {
    const budget = 256 * 1024;
    const log = createRequestLog({ budget });
    // What storage holds after every write, not only at the end: never past the budget either.
    let most = 0;
    const set = session().set;
    vi.spyOn(session(), 'set').mockImplementation(async (items) => {
      await set(items);
      most = Math.max(most, await bytesInUse());
    });
    for (let i = 0; i < 40; i++) {
      if (i % 8 === 7) await written(log); // the burst goes on after the logs were written
      for (let tabId = 1; tabId <= 12; tabId++)
        await log.logRequest(tabId, {
          type: 'sent',
          id: `${tabId}-${i}`,
          at: i,
          method: 'GET',
          url: `${HOST}/?q=${'x'.repeat(2048)}&i=${i}`,
          kind: 'xmlhttprequest',
          expected: 'alice',
        });
    }
    expect(log.logBytesInMemory()).toBeGreaterThan(budget * 0.9);
    expect(log.logBytesInMemory()).toBeLessThanOrEqual(budget);
    await written(log);
    expect(await bytesInUse()).toBeLessThanOrEqual(budget);
    // The newest rows of every tab are kept: the oldest of any tab went first.
    const stored = (await session().get(null)) as Record<string, RequestLog>;
    for (let tabId = 1; tabId <= 12; tabId++) expect(stored[`requests:${tabId}`]?.[0]?.id).toBe(`${tabId}-39`);
    // Exactly what is stored is what memory holds: the in-memory count is the stored size or more.
    expect(await bytesInUse()).toBeLessThanOrEqual(log.logBytesInMemory());
    expect(most).toBeGreaterThan(budget * 0.9);
    expect(most).toBeLessThanOrEqual(budget);
  });

  it('tabs logging at once: what memory counts is exactly what the logs hold, and what storage gets', async () => {
    const budget = 64 * 1024;
    const log = createRequestLog({ budget });
    const event = (tabId: number, at: number) =>
      log.logRequest(tabId, {
        type: 'sent',
        id: `${tabId}-${at}`,
        at,
        method: 'GET',
        url: `${HOST}/?q=${'x'.repeat(1024)}&i=${at}`,
        kind: 'fetch',
        expected: 'alice',
      });
    // Each tab in its own order, the tabs interleaved (as the observers run them); the last tab to
    // go on holds the oldest rows, so the first one's event cuts a log another has just read.
    await Promise.all(
      [1, 2, 3, 4].map(async (tabId) => {
        for (let i = 0; i < 60; i++) await event(tabId, i * 10 + 5 - tabId);
      }),
    );
    await written(log);
    const stored = (await session().get(null)) as Record<string, RequestLog>;
    const exact = Object.entries(stored).reduce((n, [k, v]) => n + k.length + 2 + JSON.stringify(v).length, 0);
    expect(exact).toBeLessThanOrEqual(budget);
    expect(log.logBytesInMemory()).toBeGreaterThanOrEqual(exact);
    expect(log.logBytesInMemory()).toBeLessThanOrEqual(exact + 4 * 24);
  });

  it('a woken worker counts the logs it stored before: the budget holds across wakes', async () => {
    const budget = 128 * 1024;
    const before = createRequestLog({ budget });
    for (let i = 0; i < 60; i++)
      await before.logRequest(1, {
        type: 'sent',
        id: `a${i}`,
        at: i,
        method: 'GET',
        url: `${HOST}/${'a'.repeat(2048)}${i}`,
        kind: 'fetch',
        expected: 'alice',
      });
    await written(before);
    const after = createRequestLog({ budget }); // a new wake: nothing in memory
    for (let i = 0; i < 40; i++)
      await after.logRequest(2 + (i % 3), {
        type: 'sent',
        id: `b${i}`,
        at: 1000 + i,
        method: 'GET',
        url: `${HOST}/${'b'.repeat(2048)}${i}`,
        kind: 'fetch',
        expected: 'alice',
      });
    expect(after.logBytesInMemory()).toBeLessThanOrEqual(budget);
    await written(after);
    expect(await bytesInUse()).toBeLessThanOrEqual(budget);
    // The first wake's tab lost its oldest rows first, and is still there with its newest.
    expect(((await session().get('requests:1'))['requests:1'] as RequestLog)[0]?.id).toBe('a59');
  });

  it('after the flood, "This tab only" and the served-by of a new tab are written', async () => {
    const tabs = Array.from({ length: 12 }, (_, i) => i + 1);
    for (const id of tabs) env.current.tabs.push({ id, url: `${HOST}/` });
    flood(tabs, 50); // 1.3 MiB of URLs, past the budget
    await written();
    expect(await bytesInUse()).toBeGreaterThan(LOG_BUDGET_BYTES * 0.9);
    expect(await bytesInUse()).toBeLessThanOrEqual(LOG_BUDGET_BYTES + 16 * 1024);
    expect(await bg.send({ type: 'pinTab', tabId: 3, namespace: 'bob' })).toMatchObject({ ok: true });
    expect((await session().get('pins')).pins).toEqual({ 3: 'bob' });
    env.current.tabs.push({ id: 50, url: `${HOST}/` });
    env.current.fake.webRequest.onHeadersReceived.fire({
      tabId: 50,
      url: `${HOST}/`,
      requestId: 'doc50',
      type: 'main_frame',
      statusCode: 200,
      responseHeaders: [{ name: 'x-okteto-namespace', value: 'alice' }],
    });
    await bg.tabsSettled();
    expect((await session().get('served:50'))['served:50']).toBeDefined();
  });

  it('an area full to the last byte: a state write drops the logs and goes through; a log write never takes room from state', async () => {
    env.current.tabs.push({ id: 1, url: `${HOST}/` });
    flood([1], 100);
    await written();
    expect(Object.keys(await session().get(null))).toContain('requests:1');
    // Someone else's data fills the rest of the area up to the quota exactly.
    const used = await bytesInUse();
    await session().set({ other: 'z'.repeat(QUOTA - used - 'other'.length - 2) });
    expect(await bytesInUse()).toBe(QUOTA);
    expect(await bg.send({ type: 'pinTab', tabId: 1, namespace: 'bob' })).toMatchObject({ ok: true });
    expect((await session().get('pins')).pins).toEqual({ 1: 'bob' });
    expect(Object.keys(await session().get(null))).not.toContain('requests:1');
    // More calls: their log no longer fits; it is cut, and the pin stays.
    flood([1], 20);
    await written();
    expect((await session().get('pins')).pins).toEqual({ 1: 'bob' });
    expect(await bytesInUse()).toBeLessThanOrEqual(QUOTA);
  });
});
