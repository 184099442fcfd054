import { launchChromium } from './chromium';
import type { Driver } from './driver';
import { launchFirefox } from './firefox';

/** Every e2e spec runs in both browsers; E2E_BROWSERS=chromium (or firefox) narrows a local run. */
const all = { chromium: launchChromium, firefox: launchFirefox } as Record<string, () => Promise<Driver>>;
const only = process.env.E2E_BROWSERS?.split(',');
export const BROWSERS = Object.entries(all).filter(([name]) => !only || only.includes(name));
