const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

/** The movies frontend: rendered on the server from the catalog it called with the forwarded baggage. */
export function frontendPage(p: { frontend: string; catalog: string; movies: string[] }): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Movies</title>
<style>body{font:15px system-ui;margin:40px auto;max-width:560px;color:#222}
.ns{font:13px ui-monospace,monospace;background:#eef;padding:2px 6px;border-radius:4px}</style></head>
<body>
<h1>Movies</h1>
<p>frontend served by <span class="ns" id="frontend-ns">${escapeHtml(p.frontend)}</span></p>
<p id="catalog">Catalog served by <span class="ns" id="catalog-ns">${escapeHtml(p.catalog)}</span></p>
<ul id="movies">${p.movies.map((m) => `<li>${escapeHtml(m)}</li>`).join('')}</ul>
<p>Catalog API called from the browser: served by <span class="ns" id="browser-ns">…</span></p>
<p><a href="/__test/kinds/page?id=demo">Every kind of request this page could make</a>: a WebSocket, an event
stream, workers and a service worker, each carrying the header.</p>
<script>
fetch('/api/catalog/movies').then((r) => r.json()).then((j) => { document.getElementById('browser-ns').textContent = j.namespace; document.title = 'Movies ·'; });
</script>
</body></html>`;
}

/**
 * A page that requests every resource type from each host in `?hosts=a,b` under the marker
 * `/__r/<id>/`, then sets `document.title` to "done". Every wait is bounded.
 */
export function resourcesPage(params: URLSearchParams, port: number): string {
  const id = (params.get('id') ?? 'x').replace(/[^a-z0-9-]/gi, '');
  const hosts = (params.get('hosts') ?? '').split(',').filter((h) => /^[a-z0-9.-]+$/.test(h));
  const base = (h: string) => `http://${h}:${port}/__r/${id}`;
  const tags = hosts
    .map(
      (h) =>
        `<iframe src="${base(h)}/sub_frame.html"></iframe><img src="${base(h)}/image.png" alt=""><script src="${base(h)}/script.js"></script>`,
    )
    .join('\n');
  return `<!doctype html><html><head><meta charset="utf-8"><title>loading</title></head><body>
${tags}
<script>
const hosts = ${JSON.stringify(hosts)};
const base = (h) => 'http://' + h + ':${port}/__r/${id}';
const bounded = (p) => Promise.race([p, new Promise((r) => setTimeout(r, 3000))]);
const jobs = hosts.flatMap((h) => [
  fetch(base(h) + '/fetch', { mode: 'no-cors' }).catch(() => {}),
  new Promise((r) => { const x = new XMLHttpRequest(); x.open('GET', base(h) + '/xhr'); x.onloadend = r; x.send(); }),
  new Promise((r) => { const ws = new WebSocket('ws://' + h + ':${port}/__r/${id}/websocket'); ws.onclose = r; ws.onerror = r; }),
]);
window.addEventListener('load', () => bounded(Promise.all(jobs)).then(() => { document.title = 'done'; }));
</script></body></html>`;
}

/** A page with `n` images (default 200) on its own host, unique per load so no cache answers. */
export function manyPage(params: URLSearchParams): string {
  const n = Math.min(1000, Math.max(1, Number(params.get('n') ?? 200) || 200));
  const id = (params.get('id') ?? 'x').replace(/[^a-z0-9-]/gi, '');
  const imgs = Array.from({ length: n }, (_, i) => `<img src="/__r/${id}/image.png?i=${i}" width="1" height="1" alt="">`).join(
    '',
  );
  return `<!doctype html><html><head><meta charset="utf-8"><title>many</title></head><body>${imgs}</body></html>`;
}

/**
 * A chatty page: `n` calls (default 200, at most 1000) to its own host, each URL 2 KiB long, ten at
 * a time, then it titles itself "done" (the request log's budget, issue 33, 4).
 */
export function chattyPage(params: URLSearchParams): string {
  const n = Math.min(1000, Math.max(1, Number(params.get('n') ?? 200) || 200));
  const id = (params.get('id') ?? 'x').replace(/[^a-z0-9-]/gi, '');
  return `<!doctype html><html><head><meta charset="utf-8"><title>loading</title></head><body>
<script>
const pad = 'x'.repeat(2048);
let next = 0;
const one = () => next >= ${n} ? Promise.resolve() :
  fetch('/__test/chatty-data?id=${id}&i=' + next++ + '&q=' + pad).catch(() => {}).then(one);
Promise.all(Array.from({ length: 10 }, one)).then(() => { document.title = 'done'; });
</script></body></html>`;
}

/** Calls `/__test/cached-data?id=<id>` (cacheable for 10 minutes), shows who answered, then titles itself "done". */
export function cachedPage(params: URLSearchParams): string {
  const id = (params.get('id') ?? 'x').replace(/[^a-z0-9-]/gi, '');
  return `<!doctype html><html><head><meta charset="utf-8"><title>loading</title></head><body>
<p>Answered by <span id="ns">…</span></p>
<script>
fetch('/__test/cached-data?id=${id}').then((r) => r.json()).then((j) => { document.getElementById('ns').textContent = j.namespace; document.title = 'done'; });
</script>
</body></html>`;
}

/** Claims its pages at once and answers /__test/sw-data itself, from a Cache API entry it made. */
export const SERVICE_WORKER = `
self.addEventListener('install', (e) => e.waitUntil(
  caches.open('divert-test').then((c) => c.put('/__test/sw-data', new Response(JSON.stringify({ namespace: 'service-worker' }))))
    .then(() => self.skipWaiting())));
self.addEventListener('activate', (e) => e.waitUntil(self.clients.claim()));
self.addEventListener('fetch', (e) => {
  if (new URL(e.request.url).pathname === '/__test/sw-data') e.respondWith(caches.match('/__test/sw-data').then((r) => r || fetch(e.request)));
});
`;

/**
 * With `register`, installs the service worker and waits until it controls the page; then (and
 * without it) asks /__test/sw-data who answers, and titles itself with the answer. Bounded.
 */
export function serviceWorkerPage(register: boolean): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>loading</title></head><body>
<p>Answered by <span id="ns">…</span></p>
<script>
const controlled = () => navigator.serviceWorker.controller ? Promise.resolve() : new Promise((r) => {
  navigator.serviceWorker.addEventListener('controllerchange', r);
  setTimeout(r, 5000);
});
(${register} ? navigator.serviceWorker.register('/__test/sw.js', { scope: '/__test/' }).then(controlled) : Promise.resolve())
  .then(() => fetch('/__test/sw-data')).then((r) => r.json())
  .then((j) => { document.getElementById('ns').textContent = j.namespace; document.title = 'answered by ' + j.namespace; })
  .catch((e) => { document.title = 'failed: ' + e.message; });
</script>
</body></html>`;
}

/**
 * Every kind of request a page makes, each to `/__k/<id>/<kind>` on its own host (the e2e request
 * matrix, and `npm start`'s page to watch them): the document itself, an iframe, fetch, XHR, a form
 * POST (into a frame), a WebSocket, EventSource, sendBeacon, a preload, a dedicated worker's fetch,
 * a shared worker's fetch, and, under the page's service worker (registered on the first visit,
 * which passes `sw-fetch` through to the network as Workbox does), the worker's fetch and an
 * update check of its script. Titles itself "done" when all went out; every wait is bounded.
 * Needs a secure origin for the service worker (`*.localhost`).
 */
export function kindsPage(params: URLSearchParams): string {
  const id = (params.get('id') ?? 'x').replace(/[^a-z0-9-]/gi, '');
  const base = `/__k/${id}`;
  // `own`: the calls that can carry headers send baggage of the page's own, as instrumented apps do.
  const own = params.has('own');
  const workerQuery = `id=${id}${own ? '&own' : ''}`;
  return `<!doctype html><html><head><meta charset="utf-8"><title>loading</title>
<link rel="preload" href="${base}/preload" as="fetch" crossorigin>
</head><body>
<h1>Every kind of request</h1>
<p>Service worker: <span id="sw">…</span></p>
<iframe src="${base}/iframe.html" title="iframe"></iframe>
<iframe name="form-target" title="form target"></iframe>
<form id="form" method="post" action="${base}/form" target="form-target"><input name="q" value="1"></form>
<ul id="log"></ul>
<script>
const log = (t) => { const li = document.createElement('li'); li.textContent = t; document.getElementById('log').append(li); };
const bounded = (p, ms = 4000) => Promise.race([p, new Promise((r) => setTimeout(r, ms))]);
const base = location.origin + '${base}';
const own = ${own} ? { headers: { baggage: 'userId=x' } } : {};
const controlled = () => navigator.serviceWorker.controller ? Promise.resolve() : new Promise((r) => {
  navigator.serviceWorker.addEventListener('controllerchange', r);
  setTimeout(r, 5000);
});
const sw = ('serviceWorker' in navigator)
  ? navigator.serviceWorker.register('/__test/kinds/sw.js', { scope: '/__test/kinds/' })
      .then((reg) => controlled().then(() => reg))
  : Promise.reject(new Error('no service worker here'));
const jobs = () => [
  fetch(base + '/fetch', own).catch(() => {}),
  new Promise((r) => {
    const x = new XMLHttpRequest(); x.open('GET', base + '/xhr');
    if (${own}) x.setRequestHeader('baggage', 'userId=x');
    x.onloadend = r; x.send();
  }),
  new Promise((r) => { document.getElementById('form').submit(); setTimeout(r, 300); }),
  new Promise((r) => { const ws = new WebSocket(base.replace(/^http/, 'ws') + '/websocket'); ws.onclose = r; ws.onerror = r; }),
  new Promise((r) => { const es = new EventSource(base + '/eventsource'); es.onerror = () => { es.close(); r(); }; }),
  Promise.resolve(navigator.sendBeacon(base + '/beacon', 'x')),
  new Promise((r) => { const w = new Worker('/__test/kinds/worker.js?${workerQuery}'); w.onmessage = r; w.onerror = r; }),
  new Promise((r) => {
    if (typeof SharedWorker === 'undefined') return r();
    const w = new SharedWorker('/__test/kinds/worker.js?${workerQuery}&shared'); w.port.onmessage = r; w.onerror = r; w.port.start();
  }),
  sw.then((reg) => Promise.all([fetch(base + '/sw-fetch', own).catch(() => {}), reg.update().catch(() => {})])).catch(() => {}),
];
sw.then(
  () => { document.getElementById('sw').textContent = navigator.serviceWorker.controller ? 'controls this page' : 'registered'; },
  (e) => { document.getElementById('sw').textContent = e.message; },
);
window.addEventListener('load', () => bounded(Promise.all(jobs()), 8000).then(() => { log('all sent'); document.title = 'done'; }));
</script></body></html>`;
}

/** The kinds page's service worker: it passes `sw-fetch` calls through to the network itself. */
export const KINDS_SERVICE_WORKER = `
self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (e) => e.waitUntil(self.clients.claim()));
self.addEventListener('fetch', (e) => {
  if (new URL(e.request.url).pathname.endsWith('/sw-fetch')) e.respondWith(fetch(e.request));
});
`;

/** A dedicated or (with `shared`) shared worker that fetches `/__k/<id>/worker` or `…/shared-worker`. */
export function kindsWorker(params: URLSearchParams): string {
  const id = (params.get('id') ?? 'x').replace(/[^a-z0-9-]/gi, '');
  const kind = params.has('shared') ? 'shared-worker' : 'worker';
  const init = params.has('own') ? ", { headers: { baggage: 'userId=x' } }" : '';
  const done = params.has('shared')
    ? "self.onconnect = (e) => { const port = e.ports[0]; sent.then(() => port.postMessage('sent')); };"
    : "sent.then(() => postMessage('sent'));";
  return `const sent = fetch(location.origin + '/__k/${id}/${kind}'${init}).catch(() => {});\n${done}\n`;
}

/**
 * A hostile answer for the DevTools panel's compare, different for every namespace that asks:
 * `lines` (about `kib` KiB of text lines, each naming the namespace, so no line is shared) or
 * `deep` (JSON arrays nested `levels` deep, the namespace at the bottom).
 */
export function bigAnswer(params: URLSearchParams, namespace: string): { type: string; body: string } {
  if (params.get('kind') === 'deep') {
    const levels = Number(params.get('levels') ?? 5000);
    return { type: 'application/json', body: `${'['.repeat(levels)}${JSON.stringify(namespace)}${']'.repeat(levels)}` };
  }
  const bytes = Number(params.get('kib') ?? 60) * 1024;
  let body = '';
  for (let i = 0; body.length < bytes - 64; i++) body += `${namespace} line ${i}\n`;
  return { type: 'text/plain; charset=utf-8', body };
}
