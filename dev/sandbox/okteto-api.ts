import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

type ApiMode = 'ok' | 'html' | 'graphql-error' | 'down';

/**
 * Answers the GraphQL `spaces` query the way an Okteto instance does, for one token; tests change
 * `namespaces`, `token` and `mode` to make it fail in each way a real one can. Loopback only.
 */
export async function startOktetoApi(options: { token: string; namespaces: string[] }) {
  const api = { ...options, mode: 'ok' as ApiMode, calls: [] as { auth?: string; body: string }[] };
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      api.calls.push({ auth: req.headers.authorization, body });
      if (req.method !== 'POST' || req.url !== '/graphql') return res.writeHead(404).end();
      if (api.mode === 'down') return res.writeHead(503, { 'content-type': 'text/plain' }).end('maintenance');
      if (api.mode === 'html')
        return res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>Okteto</title>');
      if (req.headers.authorization !== `Bearer ${api.token}`) {
        return res.writeHead(401, { 'content-type': 'application/json' }).end('{"errors":[{"message":"not-authorized"}]}');
      }
      if (api.mode === 'graphql-error') {
        return res
          .writeHead(200, { 'content-type': 'application/json' })
          .end('{"errors":[{"message":"spaces: internal error"}],"data":null}');
      }
      if (!/spaces\s*\{\s*id\s+owner\s*\}/.test(body)) return res.writeHead(400).end('{"errors":[{"message":"bad query"}]}');
      const spaces = api.namespaces.map((id) => ({ id, owner: 'someone' }));
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: { spaces } }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    api,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
