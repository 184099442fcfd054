import manifest from '../manifest.json' with { type: 'json' };

/** Shared by the e2e build (vite.config.ts), the e2e harness, bench and scripts. */
/** The shipping Firefox add-on id, as the manifest declares it. */
export const GECKO_ID = manifest.browser_specific_settings.gecko.id;
export const FIREFOX_UUID = '4b8f2a31-6d0e-4c55-9a57-0d1e2f3a4b5c';

/**
 * The e2e build's manifest `key` (a public key; nobody holds or needs its private half): it fixes
 * the Chromium extension id, which enterprise policy files name.
 */
export const E2E_KEY =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAwj1v4GojEcemRzpMHSJvoS8rzEGgTARL52tbS7skWF/WsMRI9iEf72uodXf69RJ09wOPuxFEMNvBoQp0WhKKkFE/+bYwWa0JIz94B7U135u9D4LNpnS2RVk0eIXotrmp1MIo5926LDPpXPZR0hcO3BufH4Q29R13m+f1ulHt3lbAiddlXH9B83fC/4EA4tmTkaMhWiSipNl9R8WJbLy3bp/SLmnVIcNoovE9KADGjUTmScqwYDrrMxFEnXW2ayRsBZkZ606vzecpSIWlLNolAUslYtMm9bD2nAUM0w2BmXH81iVs9tHpjQ6T2CpIkjZuHRRC/qyOP9vr1HJX+0VrcwIDAQAB';
export const E2E_CHROME_ID = 'lednloacjccackfibkgnckoacpabndlm';

/** The Okteto domain of the sandbox in tests (mapped to loopback by resolver flags). */
export const TEST_DOMAIN = 'okteto.example.com';
/** Hosts that must never get the header; the e2e build has access to them too, so a leak would show. */
export const LOOKALIKE_HOSTS = [
  'other.example.org',
  'notokteto.example.com',
  'okteto.example.com.evil.test',
  'okteto-example.com',
];

export const E2E_HOST_PERMISSIONS = [
  ...[TEST_DOMAIN, 'okteto.demo.localhost', ...LOOKALIKE_HOSTS].flatMap((h) => ['*', 'ws', 'wss'].map((s) => `${s}://*.${h}/*`)),
  '*://127.0.0.1/*',
  '*://localhost/*',
];
