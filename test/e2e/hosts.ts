/** Shared by the e2e build (vite.config.ts) and the e2e harness. */
export const GECKO_ID = 'divert-switch@okteto-divert.dev';
export const FIREFOX_UUID = '4b8f2a31-6d0e-4c55-9a57-0d1e2f3a4b5c';

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
  ...[TEST_DOMAIN, 'okteto.localhost', ...LOOKALIKE_HOSTS].flatMap((h) => ['*', 'ws', 'wss'].map((s) => `${s}://*.${h}/*`)),
  '*://127.0.0.1/*',
  '*://localhost/*',
];
