import { afterAll, beforeAll } from 'vitest';
import { type Driver, type Tab, until } from '../../dev/harness/driver';
import { LOOKALIKE_HOSTS, TEST_DOMAIN } from '../../dev/hosts';
import { type Sandbox, startSandbox } from '../../dev/sandbox/sandbox';

export const FRONTEND = `movies-staging.${TEST_DOMAIN}`;
export const TYPES = ['sub_frame', 'script', 'image', 'fetch', 'xhr', 'websocket'] as const;
let counter = 0;
/** A marker unique to one page load, so a test reads only its own requests. */
export const marker = (name: string) => `${name}-${Date.now().toString(36)}-${++counter}`;

export { LOOKALIKE_HOSTS, TEST_DOMAIN };

/** Loads the resources page on `pageHost`, which requests every type from each of `hosts`. */
export async function loadResources(driver: Driver, sandbox: Sandbox, pageHost: string, hosts: string[], tab?: Tab) {
  const id = marker('r');
  const url = sandbox.url(pageHost, `/__test/resources?id=${id}&hosts=${hosts.join(',')}`);
  const t = tab ?? (await driver.open(url));
  if (tab) await tab.goto(url);
  await until(async () => (await t.title()) === 'done', 'resources page to finish');
  const expected = hosts.length * TYPES.length;
  await until(() => sandbox.find(`/__r/${id}/`).length >= expected, `${expected} requests for ${id}`);
  const main = sandbox.seen.filter((s) => s.path.startsWith('/__test/resources') && s.path.includes(id));
  return { id, tab: t, main, seen: sandbox.find(`/__r/${id}/`) };
}

const typeOf = (path: string) => path.split('/')[3]?.split('.')[0];

/** namespace seen per host → type, e.g. { 'a.example.com': { script: 'alice', … } } */
export function byHost(seen: Sandbox['seen']) {
  const out: Record<string, Record<string, string | null>> = {};
  for (const s of seen) {
    out[s.host] ??= {};
    out[s.host][typeOf(s.path)] = (s.headers.baggage as string | undefined) ?? null;
  }
  return out;
}

/** The last main-frame request the sandbox saw for `host` (after a navigation or reload). */
export function lastMain(sandbox: Sandbox, host: string, path = '/') {
  const hits = sandbox.seen.filter((s) => s.host === host && s.path === path && !s.websocket);
  return hits[hits.length - 1];
}

/**
 * Runs `action`, after which the extension reloads `tab` ("Reload the page after a change", on by
 * default), and waits until the new page has loaded: a test's own navigation would race it.
 */
export async function reloadedBy<T>(tab: Tab, action: () => Promise<T>): Promise<T> {
  await tab.run('window.__divertSwitchOld = true');
  const result = await action();
  await until(
    async () => (await tab.run('document.readyState === "complete" && !window.__divertSwitchOld').catch(() => false)) === true,
    'the extension to reload the tab',
  );
  return result;
}

/**
 * Waits (bounded) until no page load of `host` has started for half a second and `tab` has
 * loaded: after a burst of changes, each of which reloaded the tab.
 */
export async function quietAfterReloads(sandbox: Sandbox, tab: Tab, host = FRONTEND): Promise<void> {
  const loads = () => sandbox.seen.filter((s) => s.host === host && s.headers.accept?.includes('text/html')).length;
  let last = -1;
  await until(
    async () => {
      const now = loads();
      const done = now === last && (await tab.run('document.readyState').catch(() => '')) === 'complete';
      last = now;
      if (!done) await new Promise((r) => setTimeout(r, 500));
      return done;
    },
    'the tab to stop reloading',
    20_000,
  );
}

/**
 * Opens the movies frontend and, through the popup, diverts it to `namespace`; the tab reloads by
 * itself (`reloads: false` for versions before 0.3, which did not).
 */
export async function divertApp(driver: Driver, sandbox: Sandbox, namespace: string, { reloads = true } = {}): Promise<Tab> {
  const app = await driver.open(sandbox.url(FRONTEND));
  const popup = await driver.popup(app);
  await popup.type('combobox', 'Namespace', namespace, true);
  const turnOn = async () => {
    await popup.click('switch', 'Divert this site');
    await popup.waitText('status', `okteto-divert=${namespace}`);
  };
  await (reloads ? reloadedBy(app, turnOn) : turnOn());
  await popup.close();
  return app;
}

export interface BrowserEnv<D extends Driver> {
  readonly sandbox: Sandbox;
  readonly driver: D;
}

/** A divert sandbox and a browser for one describe block: started before its tests, closed after them. */
export function useBrowser<D extends Driver>(launch: () => Promise<D>): BrowserEnv<D> {
  const env = {} as { sandbox: Sandbox; driver: D };
  beforeAll(async () => {
    env.sandbox = await startSandbox();
    env.driver = await launch();
  });
  afterAll(async () => {
    await env.driver?.close();
    await env.sandbox?.close();
  });
  return env;
}
