import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSERS } from '../../dev/harness/browsers';
import { type Driver, until } from '../../dev/harness/driver';
import { E2E_CHROME_ID, GECKO_ID, TEST_DOMAIN } from '../../dev/hosts';
import { type Sandbox, startSandbox } from '../../dev/sandbox/sandbox';

/**
 * Enterprise policy, for real: Chromium reads /etc/chromium/policies/managed/*.json, Firefox reads
 * policies.json from its distribution folder. Both are machine-wide, so this needs root (CI is) and
 * removes its files afterwards; elsewhere it is skipped and says why.
 */
const MOVIES = JSON.parse(readFileSync('test/fixtures/presets/movies.json', 'utf8'));
const POLICY = {
  chromium: {
    path: '/etc/chromium/policies/managed/divert-switch-e2e.json',
    body: {
      '3rdparty': { extensions: { [E2E_CHROME_ID]: { presets: [MOVIES], oktetoInstanceUrl: 'https://okteto.example.com' } } },
    },
  },
  firefox: {
    path: '/usr/share/firefox-esr/distribution/policies.json',
    body: {
      policies: {
        '3rdparty': { Extensions: { [GECKO_ID]: { presets: [MOVIES], oktetoInstanceUrl: 'https://okteto.example.com' } } },
      },
    },
  },
} as const;
const isRoot = process.getuid?.() === 0;

describe.each(BROWSERS)('%s: managed presets from enterprise policy', (name, launch) => {
  const policy = POLICY[name as keyof typeof POLICY];
  const ours = !existsSync(policy.path); // never overwrite a policy someone else put there
  const run = isRoot && ours;
  let sandbox: Sandbox;
  let driver: Driver;

  beforeAll(async () => {
    if (!run) return;
    mkdirSync(dirname(policy.path), { recursive: true });
    writeFileSync(policy.path, JSON.stringify(policy.body));
    sandbox = await startSandbox();
    driver = await launch();
  });
  afterAll(async () => {
    if (!run) return;
    rmSync(policy.path, { force: true });
    await driver?.close();
    await sandbox?.close();
  });

  it.skipIf(!run)(`reads the policy (skipped unless root and ${policy.path} is free)`, async () => {
    await until(
      async () => ((await driver.stored('settings')) as { domains?: unknown[] } | undefined)?.domains?.length === 1,
      'managed presets',
      20_000,
    );
    const settings = (await driver.stored('settings')) as {
      domains: { managed?: boolean; team?: string }[];
      presets: { managed?: boolean }[];
    };
    expect(settings.domains[0]).toMatchObject({ managed: true, team: 'movies' });
    expect(settings.presets.every((p) => p.managed)).toBe(true);

    const options = await driver.options();
    await until(() => options.exists('switch', `Divert ${TEST_DOMAIN}`), 'managed domain listed');
    expect(await options.pageText()).toContain('managed');
    expect(await options.isDisabled('button', `Remove ${TEST_DOMAIN}`)).toBe(true);
    await options.click('switch', `Divert ${TEST_DOMAIN}`);
    await until(async () => !(await options.isChecked('switch', `Divert ${TEST_DOMAIN}`)), 'switched off');
    await options.close();
  });
});
