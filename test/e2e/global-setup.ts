import { build } from 'vite';

/** Builds the e2e variants (test hosts in host_permissions) of both browsers once per run. */
export default async function setup() {
  if (process.env.E2E_SKIP_BUILD) return;
  for (const target of ['chrome', 'firefox']) {
    process.env.TARGET = target;
    await build({ mode: 'e2e', logLevel: 'warn', configFile: 'vite.config.ts' });
  }
  delete process.env.TARGET;
}
