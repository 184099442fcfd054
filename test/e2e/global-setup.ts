import { build } from 'vite';
import { firefoxProfileTemplate } from '../../dev/harness/firefox-profile';

/**
 * Once per run, before the e2e specs (both e2e projects name this setup; the second finds it done):
 * builds the e2e variants (test hosts in host_permissions) of both browsers, unless E2E_SKIP_BUILD
 * says they are built, and makes the Firefox profile every launch copies.
 */
export default async function setup() {
  if (!process.env.E2E_SKIP_BUILD) {
    process.env.E2E_SKIP_BUILD = '1';
    for (const target of ['chrome', 'firefox']) {
      process.env.TARGET = target;
      await build({ mode: 'e2e', logLevel: 'warn', configFile: 'vite.config.ts' });
    }
    delete process.env.TARGET;
  }
  if (!process.env.DIVERT_FIREFOX_PROFILE) return firefoxProfileTemplate();
}
