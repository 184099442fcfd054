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
