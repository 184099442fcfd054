import { createHash } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, request, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { divertNamespaceOf } from '../../src/core/baggage';
import {
  bigAnswer,
  cachedPage,
  chattyPage,
  frontendPage,
  KINDS_SERVICE_WORKER,
  kindsPage,
  kindsWorker,
  manyPage,
  resourcesPage,
  SERVICE_WORKER,
  serviceWorkerPage,
} from './pages';

/**
 * A stand-in for an Okteto shared namespace behind a Divert-aware ingress, for a "movies" app.
 * Endpoints are named <service>-<namespace>.<domain> as Okteto names them; the ingress sends a
 * request to the namespace its baggage asks for when that namespace runs the service, else to the
 * shared one. Every request is recorded with the headers it arrived with, for tests.
 */
export interface SandboxOptions {
  /** 0 picks a free port. */
  port?: number;
  /** The Okteto domain: okteto.example.com in tests, okteto.demo.localhost for the demo. */
  domain?: string;
  /** The shared namespace every request falls back to. */
  shared?: string;
  /** Service → namespaces that run it. */
  deployments?: Record<string, string[]>;
}

interface Seen {
  host: string;
  path: string;
  method: string;
  headers: IncomingHttpHeaders;
  /** The okteto-divert member of the baggage header, if any. */
  divert?: string;
  /** When it arrived (ms since the epoch, this process's clock). */
  at: number;
  websocket?: boolean;
}

export interface Sandbox {
  port: number;
  domain: string;
  /** `http://<service>-<shared>.<domain>:<port><path>` */
  url(host: string, path?: string): string;
  endpoint(service: string): string;
  seen: Seen[];
  /** Requests whose path starts with `prefix` (a test's own marker). */
  find(prefix: string): Seen[];
  reset(): void;
  /** Service → namespaces that run it; tests may change it between requests. */
  deployments: Record<string, string[]>;
  /** How the services say who served a response; tests may change it between requests. */
  signals: { header: boolean; value: (namespace: string) => string };
  close(): Promise<void>;
}

/** Endpoint name → service, as in the movies sample's Okteto manifest. */
const ENDPOINTS: Record<string, string> = { movies: 'frontend', catalog: 'catalog' };

const MOVIES: Record<string, string[]> = {
  staging: ['The Matrix', 'Spirited Away', 'Amélie'],
  alice: ['The Matrix', 'Spirited Away', 'Amélie', "Alice's new pick: Paprika"],
};

/** The test pages' API calls and how long the browser may keep their answers. */
const TEST_ANSWERS: Record<string, string> = { '/__test/cached-data': 'max-age=600', '/__test/sw-data': 'no-store' };

const hostOf = (req: IncomingMessage) => (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();

function json(res: ServerResponse, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(200, { 'content-type': 'application/json', 'access-control-allow-origin': '*', ...headers });
  res.end(JSON.stringify(body));
}

const PNG_1PX = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const domain = options.domain ?? 'okteto.example.com';
  const shared = options.shared ?? 'staging';
  const deployments = options.deployments ?? { frontend: [shared], catalog: [shared, 'alice'] };
  const seen: Seen[] = [];
  const signals = { header: true, value: (ns: string) => ns };
  let port = 0;

  /** Which namespace serves `service` for a request with these headers (the ingress's choice). */
  const route = (service: string, headers: IncomingHttpHeaders) => {
    const wanted = divertNamespaceOf(headers.baggage as string | undefined);
    return wanted && deployments[service]?.includes(wanted) ? wanted : shared;
  };

  /** The service behind a host, when it is one of the shared namespace's endpoints. */
  const serviceOf = (host: string) => {
    const m = new RegExp(`^([a-z0-9-]+)-${shared}\\.${domain.replace(/\./g, '\\.')}$`).exec(host);
    return m ? ENDPOINTS[m[1]] : undefined;
  };

  /** The frontend's own downstream call, forwarding the incoming baggage (header propagation). */
  const callCatalog = (baggage: string | undefined) =>
    new Promise<{ namespace: string; movies: string[] }>((resolve, reject) => {
      const headers: Record<string, string> = { host: `catalog-${shared}.${domain}` };
      if (baggage) headers.baggage = baggage;
      const req = request({ host: '127.0.0.1', port, path: '/api/catalog/movies', headers }, (res) => {
        let body = '';
        res.on('data', (c) => {
          body += c;
        });
        res.on('end', () => {
          try {
            resolve(JSON.parse(body));
          } catch (e) {
            reject(e);
          }
        });
      });
      req.on('error', reject);
      req.end();
    });

  const server = createServer((req, res) => {
    const host = hostOf(req);
    const url = new URL(req.url ?? '/', 'http://x');
    seen.push({
      host,
      path: url.pathname + url.search,
      method: req.method ?? 'GET',
      headers: req.headers,
      divert: divertNamespaceOf(req.headers.baggage as string),
      at: Date.now(),
    });
    // The ingress routes /api/catalog on the frontend's host to the catalog service, as path-based apps do.
    const endpoint = serviceOf(host);
    const service = endpoint === 'frontend' && url.pathname.startsWith('/api/catalog') ? 'catalog' : endpoint;

    if (service === 'catalog') {
      const ns = route('catalog', req.headers);
      const headers: Record<string, string> = signals.header ? { 'x-okteto-namespace': signals.value(ns) } : {};
      if (url.pathname === '/api/catalog/healthz') return json(res, { status: 'ok', namespace: ns }, headers);
      if (url.pathname === '/api/catalog/movies')
        return json(res, { namespace: ns, movies: MOVIES[ns] ?? MOVIES[shared] }, headers);
      return json(res, { namespace: ns, headers: req.headers }, headers);
    }
    if (service === 'frontend' && url.pathname === '/') {
      const ns = route('frontend', req.headers);
      void callCatalog(req.headers.baggage as string | undefined).then(
        (catalog) => {
          const signal: Record<string, string> = signals.header ? { 'x-okteto-namespace': signals.value(ns) } : {};
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', ...signal });
          res.end(frontendPage({ frontend: ns, catalog: catalog.namespace, movies: catalog.movies }));
        },
        (e: Error) => {
          res.writeHead(502, { 'content-type': 'text/plain' });
          res.end(`catalog unreachable: ${e.message}`);
        },
      );
      return;
    }
    // Everything else, on any host: the test resources and an echo of the request.
    if (url.pathname === '/__test/redirect') {
      res.writeHead(302, { location: url.searchParams.get('to') ?? '/', 'access-control-allow-origin': '*' });
      return res.end();
    }
    if (url.pathname === '/__test/many') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return res.end(manyPage(url.searchParams));
    }
    // A page whose API answer the browser may keep for 10 minutes: loaded again, the answer comes
    // from the HTTP cache, and no namespace sees the call.
    if (url.pathname === '/__test/chatty') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      return res.end(chattyPage(url.searchParams));
    }
    if (url.pathname === '/__test/chatty-data') return json(res, {}, { 'cache-control': 'no-store' });
    if (url.pathname === '/__test/cached') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      return res.end(cachedPage(url.searchParams));
    }
    // A page a service worker takes over (on a secure origin: *.localhost), and the worker, which
    // answers /__test/sw-data itself: no request, so no header, reaches the namespace.
    if (url.pathname === '/__test/sw-page') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      return res.end(serviceWorkerPage(url.searchParams.has('register')));
    }
    // Every kind of request a page makes (the e2e matrix), under a service worker of its own.
    if (url.pathname === '/__test/kinds/page') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      return res.end(kindsPage(url.searchParams));
    }
    if (url.pathname === '/__test/kinds/sw.js' || url.pathname === '/__test/kinds/worker.js') {
      res.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'no-store' });
      return res.end(url.pathname.endsWith('sw.js') ? KINDS_SERVICE_WORKER : kindsWorker(url.searchParams));
    }
    if (url.pathname === '/__test/sw.js') {
      res.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'no-store' });
      return res.end(SERVICE_WORKER);
    }
    // The two pages' API: the namespace the call's baggage asked for, cacheable or not.
    const caching = TEST_ANSWERS[url.pathname];
    if (caching) {
      const namespace = divertNamespaceOf(req.headers.baggage as string) ?? shared;
      return json(res, { namespace }, { 'cache-control': caching });
    }
    // An answer the panel's compare must bound: big or deep, and different in every namespace.
    if (url.pathname === '/__test/big') {
      const { type, body } = bigAnswer(url.searchParams, divertNamespaceOf(req.headers.baggage as string) ?? shared);
      res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
      return res.end(body);
    }
    if (url.pathname === '/__test/resources') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return res.end(resourcesPage(url.searchParams, port));
    }
    if (url.pathname.endsWith('.js')) {
      res.writeHead(200, { 'content-type': 'text/javascript', 'access-control-allow-origin': '*' });
      return res.end('window.__scripts = (window.__scripts || 0) + 1;');
    }
    if (url.pathname.endsWith('.png')) {
      res.writeHead(200, { 'content-type': 'image/png', 'access-control-allow-origin': '*' });
      return res.end(PNG_1PX);
    }
    if (url.pathname.endsWith('.html')) {
      res.writeHead(200, { 'content-type': 'text/html' });
      return res.end('<!doctype html><title>frame</title><p>frame</p>');
    }
    json(res, { host, path: url.pathname, headers: req.headers });
  });

  // A minimal WebSocket handshake: enough for the browser to open it and for us to see its headers.
  server.on('upgrade', (req: IncomingMessage, socket: Socket) => {
    const url = new URL(req.url ?? '/', 'http://x');
    seen.push({
      host: hostOf(req),
      path: url.pathname + url.search,
      method: 'GET',
      headers: req.headers,
      divert: divertNamespaceOf(req.headers.baggage as string),
      at: Date.now(),
      websocket: true,
    });
    const key = String(req.headers['sec-websocket-key'] ?? '');
    const accept = createHash('sha1').update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64');
    socket.write(
      `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`,
    );
    socket.end(Buffer.from([0x88, 0x00])); // a close frame
  });

  const sockets = new Set<Socket>();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  port = (server.address() as AddressInfo).port;

  return {
    port,
    domain,
    deployments,
    signals,
    url: (host, path = '/') => `http://${host}:${port}${path}`,
    endpoint: (service) => `${service}-${shared}.${domain}`,
    seen,
    find: (prefix) => seen.filter((s) => s.path.startsWith(prefix)),
    reset: () => {
      seen.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
