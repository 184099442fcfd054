import { build } from 'vite';

/** Builds the e2e variants (test hosts in host_permissions) of both browsers once per run (the e2e and e2e-alone projects share them). */
export default async function setup() {
  // Both e2e projects name this setup; the second finds the builds made.
  if (process.env.E2E_SKIP_BUILD) return;
  process.env.E2E_SKIP_BUILD = '1';
  for (const target of ['chrome', 'firefox']) {
    process.env.TARGET = target;
    await build({ mode: 'e2e', logLevel: 'warn', configFile: 'vite.config.ts' });
  }
  delete process.env.TARGET;
}
