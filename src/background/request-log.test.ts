import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type Background, boot, env } from '../../test/fakes/background';
import { LOG_LIMITS, type RequestLog } from '../core/request-log';

vi.mock('webextension-polyfill', async () => ({ default: (await import('../../test/fakes/background')).fakeApi }));

// The DevTools panel's request log and its compare: what a page (its URLs, how many requests) and
// a server (its headers and bodies) can put in, and what the panel's one command can ask for.

const PAGE = 'http://movies.okteto.example.com/';
const API = 'http://movies.okteto.example.com/api/catalog/movies';
let bg: Background;
let n = 0;

const sent = (url: string, extra: Record<string, unknown> = {}) => {
  const requestId = `r${++n}`;
  env.current.fake.webRequest.onSendHeaders.fire({
    tabId: 7,
    url,
    requestId,
    timeStamp: 1000 + n,
    method: 'GET',
    type: 'xmlhttprequest',
    requestHeaders: [{ name: 'baggage', value: 'okteto-divert=alice' }],
    ...extra,
  });
  return requestId;
};
const answered = (requestId: string, url: string, served: string, statusCode = 200) =>
  env.current.fake.webRequest.onHeadersReceived.fire({
    tabId: 7,
    url,
    requestId,
    statusCode,
    responseHeaders: [{ name: 'x-okteto-namespace', value: served }],
  });
const logOf = async (tabId = 7) => {
  await bg.tabsSettled(); // written a moment after a burst
  return ((await env.current.fake.storage.session.get(`requests:${tabId}`))[`requests:${tabId}`] ?? []) as RequestLog;
};

beforeEach(async () => {
  bg = await boot();
  env.current.tabs.push({ id: 7, url: PAGE });
  await bg.send({ type: 'setNamespace', namespace: 'alice' });
  await bg.send({ type: 'addDomain', domain: 'okteto.example.com', enabled: true });
});
afterEach(() => vi.unstubAllGlobals());

describe('request log', () => {
  it('keeps a tab’s requests to covered hosts, newest first, with what was sent and who answered', async () => {
    const doc = sent(PAGE, { type: 'main_frame' });
    answered(doc, PAGE, 'staging');
    const api = sent(API, { requestHeaders: [{ name: 'baggage', value: 'sentry-trace_id=abc,okteto-divert=alice' }] });
    answered(api, API, 'alice');
    env.current.fake.webRequest.onCompleted.fire({
      tabId: 7,
      url: API,
      requestId: api,
      timeStamp: 1000 + n + 25,
      type: 'xmlhttprequest',
    });
    // Other hosts are not the panel's business, lookalikes included.
    sent('http://other.example.org/x');
    sent('http://okteto.example.com.evil.test/x');
    const log = await logOf();
    expect(log.map((r) => r.url)).toEqual([API, PAGE]);
    expect(log[0]).toMatchObject({ sent: 'alice', expected: 'alice', served: 'alice', status: 200, ms: 25 });
    expect(log[0].pageBaggage).toBe('sentry-trace_id=abc,okteto-divert=alice');
    expect(log[1]).toMatchObject({ type: 'main_frame', sent: 'alice', served: 'staging' });
  });

  it('a flood of requests keeps the last 500; long URLs and hostile served-by values are cut', async () => {
    for (let i = 0; i < 1200; i++) sent(`${API}?i=${i}`);
    const long = sent(`${API}?q=${'x'.repeat(100_000)}`);
    answered(long, API, `<img src=x onerror=alert(1)>${'y'.repeat(10_000)}`);
    const log = await logOf();
    expect(log).toHaveLength(LOG_LIMITS.entries);
    expect(log[1].url).toBe(`${API}?i=1199`);
    expect(log[0].url.length).toBeLessThanOrEqual(LOG_LIMITS.urlChars);
    expect(log[0].served?.length).toBeLessThanOrEqual(LOG_LIMITS.valueChars);
    expect(JSON.stringify(log).length).toBeLessThan(LOG_LIMITS.entries * 400);
  });

  it('says why nothing was sent while paused, and forgets a closed tab', async () => {
    await bg.send({ type: 'setPaused', paused: true });
    sent(API, { requestHeaders: [] });
    expect((await logOf())[0]).toMatchObject({ idle: 'paused' });
    expect((await logOf())[0]).not.toHaveProperty('sent');
    env.current.fake.tabs.onRemoved.fire(7);
    expect(await logOf()).toEqual([]);
  });
});

describe('compare', () => {
  const calls: { url: string; init: RequestInit }[] = [];
  const rulesDuring: unknown[][] = [];
  const serve = (body: (baggage: string) => string, headers: Record<string, string> = {}) =>
    vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
      calls.push({ url, init });
      rulesDuring.push(await env.current.fake.declarativeNetRequest.getSessionRules());
      const baggage = (init.headers as Record<string, string>).baggage;
      const ns = /okteto-divert=([a-z0-9-]+)/.exec(baggage)?.[1] ?? 'staging';
      return new Response(body(baggage), {
        headers: { 'content-type': 'application/json', 'x-okteto-namespace': ns, ...headers },
      });
    });
  const compare = (requestId: string, more: Record<string, unknown> = {}) =>
    bg.send({ type: 'compareRequest', tabId: 7, requestId, against: 'staging', withCookies: false, ...more }) as Promise<{
      ok: boolean;
      error?: string;
      value?: { ours: Record<string, unknown>; theirs: Record<string, unknown> };
    }>;
  beforeEach(() => {
    calls.length = 0;
    rulesDuring.length = 0;
  });

  it('sends the logged GET once per namespace, page baggage kept, no cookies, redirects not followed, each under its own rule', async () => {
    serve((baggage) => JSON.stringify({ baggage }));
    const id = sent(API, { requestHeaders: [{ name: 'baggage', value: 'sentry-trace_id=abc,okteto-divert=alice' }] });
    await logOf();
    const reply = await compare(id);
    expect(reply.ok).toBe(true);
    expect(calls.map((c) => c.url)).toEqual([API, API]);
    expect(calls.map((c) => (c.init.headers as Record<string, string>).baggage)).toEqual([
      'sentry-trace_id=abc,okteto-divert=alice',
      'sentry-trace_id=abc,okteto-divert=staging',
    ]);
    expect(calls.every((c) => c.init.credentials === 'omit' && c.init.redirect === 'error' && c.init.method === 'GET')).toBe(
      true,
    );
    // Each request had a rule of its own: that URL alone, from the extension itself (tab -1), with its value.
    expect(rulesDuring.map((rules) => rules.filter((r) => (r as { id: number }).id === 10_000))).toEqual([
      [
        expect.objectContaining({
          condition: expect.objectContaining({ urlFilter: `|${API}|`, initiatorDomains: ['fake-id'], tabIds: [-1] }),
        }),
      ],
      [
        expect.objectContaining({
          action: expect.objectContaining({
            requestHeaders: [expect.objectContaining({ value: 'sentry-trace_id=abc,okteto-divert=staging' })],
          }),
        }),
      ],
    ]);
    expect((await env.current.fake.declarativeNetRequest.getSessionRules()).some((r: { id: number }) => r.id === 10_000)).toBe(
      false,
    );
    expect(reply.value?.ours).toMatchObject({ namespace: 'alice', served: 'alice', status: 200 });
    expect(reply.value?.theirs).toMatchObject({ namespace: 'staging', served: 'staging' });
  });

  it('without divert: the same GET with no okteto-divert member (page members kept), under a rule that sets or removes the header', async () => {
    serve((baggage) => JSON.stringify({ baggage }));
    // The page's own baggage, with an okteto-divert member of its own in another letter case.
    const kept = sent(API, { requestHeaders: [{ name: 'baggage', value: 'sentry-trace_id=abc,OKTETO-DIVERT=mallory' }] });
    const bare = sent(`${API}?bare`);
    await logOf();
    const reply = await compare(kept, { against: null });
    expect(reply.ok).toBe(true);
    expect(calls.map((c) => (c.init.headers as Record<string, string>).baggage)).toEqual([
      'sentry-trace_id=abc,okteto-divert=alice',
      'sentry-trace_id=abc',
    ]);
    expect(reply.value?.ours).toMatchObject({ namespace: 'alice', served: 'alice' });
    expect(reply.value?.theirs).not.toHaveProperty('namespace');
    expect(reply.value?.theirs).toMatchObject({ served: 'staging' });
    // Nothing of the page's to keep: no baggage header at all, and the rule removes the domain rule's.
    await compare(bare, { against: null });
    expect(calls[3].init.headers).toEqual({});
    const removing = rulesDuring[3].filter((r) => (r as { id: number }).id === 10_000);
    expect(removing).toEqual([
      expect.objectContaining({
        action: { type: 'modifyHeaders', requestHeaders: [{ header: 'baggage', operation: 'remove' }] },
      }),
    ]);
    expect((await env.current.fake.declarativeNetRequest.getSessionRules()).some((r: { id: number }) => r.id === 10_000)).toBe(
      false,
    );
  });

  it('a huge answer is cut at the probe’s limit and many headers at 100', async () => {
    const headers = Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`x-h${i}`, 'v'.repeat(5000)]));
    serve(() => 'z'.repeat(1024 * 1024), headers);
    const id = sent(API);
    await logOf();
    const reply = await compare(id);
    expect(reply.value?.ours).toMatchObject({ tooLarge: true });
    expect(reply.value?.ours).not.toHaveProperty('body');
    const h = reply.value?.ours.headers as [string, string][];
    expect(h).toHaveLength(100);
    expect(Math.max(...h.map(([, v]) => v.length))).toBeLessThanOrEqual(1024);
  });

  // Contract: a compare's work is bounded in time. A server behind a diverted host that never answers.
  it('a server that never answers: each request of the compare ends at its time limit, and its rule goes', async () => {
    vi.stubGlobal(
      'fetch',
      (_url: string, init: RequestInit) =>
        new Promise((_resolve, reject) => init.signal?.addEventListener('abort', () => reject(new Error('aborted')))),
    );
    const id = sent(API);
    await logOf();
    const reply = await compare(id);
    // Both answers are the time-out, said (whyFailed), after one time limit each.
    expect(reply.value?.ours.error).toMatch(/3 s/);
    expect(reply.value?.theirs.error).toMatch(/3 s/);
    expect(
      (await env.current.fake.declarativeNetRequest.getSessionRules()).filter((r: { priority: number }) => r.priority === 4),
    ).toEqual([]);
  }, 20_000);

  it('refuses what it must not send: unsafe methods, unknown rows, hosts not diverted now, URLs a rule cannot pin, itself', async () => {
    serve(() => '{}');
    const post = sent(API, { method: 'POST' });
    const wild = sent(`${API}/*`);
    const ok = sent(API);
    await logOf();
    expect((await compare(post)).error).toMatch(/Only GET and HEAD/);
    expect((await compare('no-such-request')).error).toMatch(/no longer in this tab/);
    expect((await compare(wild)).error).toMatch(/\* \^ \|/);
    expect((await compare(ok, { against: 'alice' })).error).toMatch(/other than alice/);
    // The namespace and the request id are checked like any input.
    expect((await compare(ok, { against: 'staging,okteto-divert=mallory' })).ok).toBe(false);
    expect((await compare('x'.repeat(100))).ok).toBe(false);
    await bg.send({ type: 'setDomainEnabled', domain: 'okteto.example.com', enabled: false });
    expect((await compare(ok)).error).toMatch(/not diverted in this tab now/);
    expect(calls).toEqual([]);
  });

  it('is not a command a page can send (a content script’s message is not run)', async () => {
    serve(() => '{}');
    const id = sent(API);
    await logOf();
    const fromPage = { id: 'fake-id', url: PAGE, tab: { id: 7 } };
    const reply = (await bg.send(
      { type: 'compareRequest', tabId: 7, requestId: id, against: 'staging', withCookies: true },
      fromPage,
    )) as { ok: boolean } | undefined;
    expect(reply?.ok).not.toBe(true);
    expect(calls).toEqual([]);
  });

  it('sends cookies only when asked, and never from a tab that keeps them apart', async () => {
    serve(() => '{}');
    const id = sent(API);
    await logOf();
    expect((await compare(id, { withCookies: true })).ok).toBe(true);
    expect(calls.map((c) => c.init.credentials)).toEqual(['include', 'include']);
    (env.current.tabs[0] as { incognito?: boolean }).incognito = true;
    expect((await compare(id, { withCookies: true })).error).toMatch(/keeps its cookies apart/);
    expect(calls).toHaveLength(2);
  });
});
