import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSERS } from '../../dev/harness/browsers';
import { type Tab, until } from '../../dev/harness/driver';
import { FRONTEND, lastMain, TEST_DOMAIN, useBrowser } from './helpers';

const MOVIES = readFileSync('test/fixtures/presets/movies.json', 'utf8');
const file = (name: string, text: string) => {
  const path = join(tmpdir(), `divert-${process.pid}-${name}`);
  writeFileSync(path, text);
  return path;
};

describe.each(BROWSERS)('%s: team presets', (_name, launch) => {
  const env = useBrowser(launch);
  let app: Tab;
  let server: Server;
  let served = { status: 200, body: '', etag: '"1"' };
  let presetUrl = '';

  beforeAll(async () => {
    server = createServer((req, res) => {
      if (served.status !== 200) return res.writeHead(served.status).end('down');
      if (req.headers['if-none-match'] === served.etag) return res.writeHead(304).end();
      res.writeHead(200, { 'content-type': 'application/json', etag: served.etag }).end(served.body);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    presetUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/books.json`;
    app = await env.driver.open(env.sandbox.url(FRONTEND));
    const popup = await env.driver.popup(app);
    await popup.type('combobox', 'Namespace', 'alice', true); // a namespace, no domain yet
    await popup.close();
    // The command may still be on its way when the popup closes: wait until it is saved.
    await until(
      async () =>
        ((await env.driver.stored('settings')) as { activeNamespace?: string } | undefined)?.activeNamespace === 'alice',
      'the namespace saved',
    );
  });
  afterAll(async () => {
    server?.close();
  });

  it('refuses a bad file with an alert and changes nothing', async () => {
    const before = await env.driver.stored('settings');
    const options = await env.driver.options();
    await options.upload('Import team presets', file('bad.json', MOVIES.replace('"alice"', '"Alice Smith"')));
    expect(await options.waitText('alert', 'namespaces[1].namespace')).toContain('not a valid namespace');
    expect(await options.exists('button', 'Apply import')).toBe(false);
    await options.upload('Import team presets', file('newer.json', MOVIES.replace('"version": 1', '"version": 2')));
    expect(await options.waitText('alert', 'newer Divert Switch')).toBeTruthy();
    await options.close();
    expect(await env.driver.stored('settings')).toEqual(before);
  });

  it('imports a file through the file input, after a preview, and the header then works on the team domain', async () => {
    const options = await env.driver.options();
    await options.upload('Import team presets', file('movies.json', MOVIES));
    await until(() => options.exists('button', 'Apply import'), 'the preview');
    expect(await options.text('alert')).toBe('');
    // The served-by signal the file sets decides which response header is read: the preview says it.
    expect(await options.pageText()).toContain(
      `${TEST_DOMAIN}: the default header → header x-okteto-namespace, probe /api/catalog/healthz (field namespace)`,
    );
    await options.click('button', 'Apply import');
    expect(await options.waitText('status', 'Imported')).toBe('Imported team movies: 3 added, 0 changed, 0 removed.');
    expect(await options.isChecked('switch', `Divert ${TEST_DOMAIN}`)).toBe(true);
    await options.close();
    await until(async () => (await env.driver.rules()).dynamic.length === 1, 'the team rule');
    await app.reload();
    expect(lastMain(env.sandbox, FRONTEND).headers.baggage).toBe('okteto-divert=alice');
    // the namespaces are offered, marked as the team's
    const popup = await env.driver.popup(app);
    await popup.type('combobox', 'Namespace', 'stag');
    expect(await popup.exists('option', 'staging Shared staging · team movies')).toBe(true);
    await popup.close();
  });

  it('subscribes to a URL, follows its changes, and keeps the last good copy when the server fails', async () => {
    const books = (namespaces: string[]) =>
      JSON.stringify({
        version: 1,
        team: 'books',
        domains: [{ domain: 'other.example.org' }],
        namespaces: namespaces.map((namespace) => ({ namespace })),
      });
    served = { status: 200, body: books(['carol']), etag: '"1"' };
    const options = await env.driver.options();
    await options.type('textbox', 'Preset URL', presetUrl);
    await options.click('button', 'Subscribe');
    expect(await options.waitText('status', 'Subscribed')).toContain('team books');
    await until(() => options.exists('switch', 'Divert other.example.org'), 'the subscribed domain');

    served = { status: 200, body: books(['carol', 'dave']), etag: '"2"' };
    await options.click('button', 'Refresh team books');
    await until(
      async () =>
        ((await env.driver.stored('settings')) as { presets: { namespace: string }[] }).presets.some(
          (p) => p.namespace === 'dave',
        ),
      'the update',
    );

    served = { ...served, status: 503 };
    await options.click('button', 'Refresh team books');
    expect(await options.waitText('alert', 'HTTP 503')).toContain('last good copy is kept');
    expect(await options.exists('switch', 'Divert other.example.org')).toBe(true);
    await until(async () => /Last refresh failed \(.+\): .*HTTP 503/.test(await options.pageText()), 'the error and its time');
    expect(await options.pageText()).toMatch(/Last updated: (?!never)/);

    await options.click('button', 'Unsubscribe from team books');
    await until(async () => !(await options.exists('switch', 'Divert other.example.org')), 'team removed');
    await options.close();
  });
});
