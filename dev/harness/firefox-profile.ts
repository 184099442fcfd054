import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type LaunchOptions } from 'puppeteer-core';
import { FIREFOX_UUID, GECKO_ID } from '../hosts';

export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

/** What every test Firefox needs, with or without Divert Switch (npm run bench launches plain ones too). */
export const FIREFOX_TEST_PREFS = {
  // Every host resolves to loopback, where the sandbox listens (URLs carry its port).
  'network.dns.forceResolve': '127.0.0.1',
  'network.proxy.type': 0,
  'network.dns.disableIPv6': true,
  'extensions.originControls.grantByDefault': true,
  // Optional host permissions are granted without a prompt (there is no one to answer it).
  'extensions.webextOptionalPermissionPrompts': false,
  'browser.tabs.remote.autostart': true,
  // action.openPopup() from the background with no user gesture, as Chrome allows it (the e2e
  // toolbar popup; the shortcut's fallback). Firefox 153 already defaults to it; said, not assumed.
  'extensions.openPopupWithoutUserGesture.enabled': true,
};

/** A profile's add-on, installed as a file of the profile (see FirefoxOptions.persistent in firefox.ts). */
const PERSISTENT_PREFS = {
  'xpinstall.signatures.required': false,
  'extensions.autoDisableScopes': 0,
  'extensions.enabledScopes': 15,
  // Look for a changed add-on file in the profile at start: an update installed by a restart.
  'extensions.startupScanScopes': 1,
};

/** How the harness starts Firefox in `profile`: headless or not, its add-on temporary or a file of the profile. */
export const firefoxLaunch = (profile: string, { persistent = false, headless = true } = {}): LaunchOptions => ({
  browser: 'firefox',
  protocol: 'webDriverBiDi',
  headless,
  executablePath: FIREFOX,
  userDataDir: profile,
  args: ['--remote-allow-system-access'],
  extraPrefsFirefox: {
    ...(persistent ? PERSISTENT_PREFS : {}),
    ...FIREFOX_TEST_PREFS,
    'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: FIREFOX_UUID }),
  },
});

/** Names a profile Firefox has started in once, for each launch to copy (set by the e2e global setup). */
const TEMPLATE = 'DIVERT_FIREFOX_PROFILE';

/**
 * A new profile for one launch. Firefox's first start in an empty profile spends about 1.5 s of its
 * 3.7 s (on this 2-core machine) creating its databases and caches; a copy of a profile it has
 * started in once, with no add-on and no page visited, starts in about 2.2 s.
 */
export async function newFirefoxProfile(): Promise<string> {
  const profile = await mkdtemp(join(tmpdir(), 'divert-firefox-'));
  const template = process.env[TEMPLATE];
  if (template) await cp(template, profile, { recursive: true });
  return profile;
}

/** Starts Firefox once in a new profile and closes it: the profile later launches copy. Returns its removal. */
export async function firefoxProfileTemplate(): Promise<() => Promise<void>> {
  const dir = await mkdtemp(join(tmpdir(), 'divert-firefox-template-'));
  const browser = await puppeteer.launch(firefoxLaunch(dir));
  await browser.close();
  process.env[TEMPLATE] = dir;
  return async () => {
    delete process.env[TEMPLATE];
    await rm(dir, { recursive: true, force: true });
  };
}
