import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BROWSERS } from '../../dev/harness/browsers';
import { type Tab, until } from '../../dev/harness/driver';
import { exportText } from '../fixtures/bad-header-exports';
import { FRONTEND, lastMain, TEST_DOMAIN, useBrowser } from './helpers';

/** A fixture export written where the browser's file chooser can take it, as a person saves one. */
const file = (name: string, text = exportText(name)) => {
  const path = join(tmpdir(), `divert-${process.pid}-${name}.json`);
  writeFileSync(path, text);
  return path;
};
const INPUT = 'Import from another header extension';

interface Stored {
  activeNamespace: string;
  presets: { namespace: string; label?: string }[];
  domains: { domain: string; enabled: boolean }[];
}

describe.each(BROWSERS)('%s: import from ModHeader and Requestly', (_name, launch) => {
  const env = useBrowser(launch);
  let app: Tab;

  beforeAll(async () => {
    // A fresh profile: no namespace, no domain, so the import alone makes the divert work.
    app = await env.driver.open(env.sandbox.url(FRONTEND));
  });

  it('refuses a hostile export with an alert and changes nothing', async () => {
    const before = await env.driver.stored('settings');
    const options = await env.driver.options();
    await options.upload(INPUT, file('hostile'));
    const alert = await options.waitText('alert', 'Nothing to import from this ModHeader export');
    // The page's markup comes back as inert text, and neither credential header is repeated.
    expect(alert).toContain('okteto-divert=<script>alert(1)</script> is not a namespace');
    expect(await options.pageText()).not.toMatch(/hostile-secret|hostile-cookie/);
    expect(await options.exists('button', 'Apply import')).toBe(false);
    await options.upload(INPUT, file('team', exportText('../presets/movies')));
    expect(await options.waitText('alert', 'neither a ModHeader profile export nor a Requestly rule export')).toBeTruthy();
    await options.close();
    expect(await env.driver.stored('settings')).toEqual(before);
  });

  it('imports a ModHeader export after a summary of what it found and skipped, and the page is then diverted', async () => {
    const options = await env.driver.options();
    await options.upload(INPUT, file('modheader-v1'));
    await until(() => options.exists('button', 'Apply import'), 'the summary');
    const summary = await options.pageText();
    expect(summary).toContain(`Adds: preset alice (Alice on staging), preset bob (Bob), ${TEST_DOMAIN}`);
    expect(summary).toContain('You have no namespace yet: alice becomes yours.');
    expect(summary).toContain('Headers that are not okteto-divert: 4');
    expect(summary).toContain('The filter `.*` is not a domain: it matches more than one host name.');
    expect(summary).toContain('Bob sends okteto-divert to every URL');
    expect(summary).not.toContain('mh-secret-token');
    // Nothing is saved before Apply import.
    expect(await env.driver.stored('settings')).toBeUndefined();

    await options.click('button', 'Apply import');
    expect(await options.waitText('status', 'Imported')).toBe('Imported from ModHeader: 3 added, 0 already yours.');
    expect(await options.isChecked('switch', `Divert ${TEST_DOMAIN}`)).toBe(true);
    await options.close();
    await until(async () => (await env.driver.rules()).dynamic.length === 1, 'the imported domain’s rule');
    await app.reload();
    expect(lastMain(env.sandbox, FRONTEND).headers.baggage).toBe('okteto-divert=alice');
  });

  it('a Requestly export on top adds only what is new and keeps your switched-off domain off', async () => {
    const options = await env.driver.options();
    await options.click('switch', `Divert ${TEST_DOMAIN}`);
    await until(async () => !(await options.isChecked('switch', `Divert ${TEST_DOMAIN}`)), 'the domain switched off');
    await options.upload(INPUT, file('requestly-v3'));
    await until(() => options.exists('button', 'Apply import'), 'the summary');
    const summary = await options.pageText();
    expect(summary).toContain("Adds: preset dave (Dave's catalog)");
    expect(summary).toContain(`Already yours, kept as they are: preset alice (Okteto divert), ${TEST_DOMAIN}`);
    expect(summary).toContain('Headers setting okteto-divert that are switched off: 2');
    expect(summary).toContain('The filter `/api/catalog` is not a domain: it matches a path, not a host.');
    await options.click('button', 'Apply import');
    expect(await options.waitText('status', 'Imported')).toBe('Imported from Requestly: 1 added, 2 already yours.');
    expect(await options.isChecked('switch', `Divert ${TEST_DOMAIN}`)).toBe(false);
    await options.close();
    const settings = (await env.driver.stored('settings')) as Stored;
    expect(settings.domains).toEqual([{ domain: TEST_DOMAIN, enabled: false }]);
    expect(settings.presets.map((p) => p.namespace)).toEqual(['alice', 'bob', 'dave']);
    expect(JSON.stringify(settings)).not.toContain('rq-secret');
  });
});
