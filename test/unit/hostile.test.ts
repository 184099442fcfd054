import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROBE_LIMITS, readProbe } from '../../src/core/probe';
import { EMPTY, reduceServed, servedLine } from '../../src/core/served';
import { fetchBounded } from '../../src/platform/fetch';
import { english, inEnglish } from '../fixtures/words';

/** Hostile answers to the served-by probe, from a real loopback server: work stays bounded. */
let server: Server;
let base = '';
beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/huge') {
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(64 * 1024, 'a');
      let sent = 0;
      const pump = () => {
        while (sent < 50 * 1024 * 1024 && res.write(chunk)) sent += chunk.length;
        if (sent >= 50 * 1024 * 1024 || res.destroyed) res.end();
        else res.once('drain', pump);
      };
      res.on('close', () => {
        sent = Number.POSITIVE_INFINITY;
      });
      return pump();
    }
    if (req.url === '/lying-length') {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(100 * 1024 * 1024) });
      return res.end('{}');
    }
    if (req.url === '/slow') return setTimeout(() => res.writeHead(200).end('{"namespace":"late"}'), 10_000).unref();
    if (req.url === '/html') return res.writeHead(200, { 'content-type': 'text/html' }).end('<script>alert(1)</script>');
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"namespace":"<img src=x onerror=alert(1)>"}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

const probe = (path: string) =>
  fetchBounded(`${base}${path}`, { timeoutMs: PROBE_LIMITS.timeoutMs, maxBytes: PROBE_LIMITS.maxBytes });

describe('hostile served-by answers', () => {
  it('stops reading a giant body at the size limit', async () => {
    const t = Date.now();
    const res = await probe('/huge');
    expect('error' in res ? res.error : res.text).toBeUndefined();
    expect(Date.now() - t).toBeLessThan(PROBE_LIMITS.timeoutMs);
  });

  it('does not believe a huge Content-Length, and stops a slow one at the time-out', async () => {
    const lying = await probe('/lying-length');
    expect('error' in lying ? lying.error : lying.text).toBeUndefined();
    const t = Date.now();
    const slow = await probe('/slow');
    expect('error' in slow && slow.error).toMatch(/no answer within 3 s/);
    expect(Date.now() - t).toBeLessThan(PROBE_LIMITS.timeoutMs + 1000);
  });

  it('keeps script in a value as short inert text, never as a served namespace', async () => {
    const res = await probe('/script');
    const value = readProbe('text' in res && res.text ? res.text : '');
    const state = reduceServed(reduceServed(EMPTY, { type: 'navigate', host: 'h.example.com', requested: 'alice' }), {
      type: 'probe',
      value: value.value ?? '',
      known: [],
    });
    expect(state.served).toBeUndefined();
    expect(state.unrecognised).toBe('<img src=x onerror=alert(1)>'); // kept for the popup
    expect(servedLine(state, english)).toBe('okteto-divert: alice · served-by signal is not a namespace (details in the popup)');
    expect(inEnglish(readProbe('<script>alert(1)</script>').error)).toMatch(/not answer JSON/);
  });

  it('bounds a huge header value', () => {
    const state = reduceServed(reduceServed(EMPTY, { type: 'navigate', host: 'h', requested: 'alice' }), {
      type: 'header',
      value: 'x'.repeat(1_000_000),
      known: [],
    });
    expect(state.unrecognised?.length).toBe(64);
  });
});
