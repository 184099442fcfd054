/**
 * The browsers npm start, npm run dev and npm test need, from Debian's packages. Found: nothing to
 * do. Missing, as root on Debian or Ubuntu: installed once, the way .ci/run does, and said so.
 * Missing otherwise: the one command to run, and a stop.
 * `tsx scripts/browsers.ts chromium firefox-esr` (npm test's pretest) checks from the command line.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

type Name = 'chromium' | 'firefox-esr';
/** Where each is looked for; CHROME_PATH / FIREFOX_PATH win when set. */
const PLACES: Record<Name, (string | undefined)[]> = {
  chromium: [
    process.env.CHROME_PATH,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/opt/google/chrome/chrome',
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
  ],
  'firefox-esr': [process.env.FIREFOX_PATH, '/usr/bin/firefox-esr'],
};

export const browserPath = (name: Name): string | undefined => PLACES[name].find((p) => p && existsSync(p));

const debian = () => existsSync('/etc/debian_version') && existsSync('/usr/bin/apt-get');

/** What to do about missing browsers: install these packages (root on Debian), or tell the person this. */
export function installPlan(
  missing: Name[],
  { debian, root }: { debian: boolean; root: boolean },
): { install: string[] } | { tell: string } {
  const packages = [...missing, 'fonts-dejavu-core'];
  if (debian && root) return { install: packages };
  const how = debian
    ? `sudo apt-get install -y ${packages.join(' ')}`
    : `install ${missing.join(' and ')}, or point ${missing.map((n) => (n === 'chromium' ? 'CHROME_PATH' : 'FIREFOX_PATH')).join(' and ')} at it`;
  return { tell: `${missing.join(' and ')} not found. Run:\n  ${how}` };
}

export function ensureBrowsers(names: Name[]): void {
  const missing = names.filter((n) => !browserPath(n));
  if (missing.length === 0) return;
  const plan = installPlan(missing, { debian: debian(), root: process.getuid?.() === 0 });
  if ('tell' in plan) {
    console.error(plan.tell);
    process.exit(1);
  }
  console.log(`Installing ${missing.join(' and ')} from Debian's packages (once; apt-get install ${plan.install.join(' ')})…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: ['ignore', 'ignore', 'inherit'], env });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...plan.install], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env,
  });
  const still = missing.filter((n) => !browserPath(n));
  if (still.length > 0) throw new Error(`apt-get ran, but ${still.join(' and ')} is still not found`);
  console.log(`Installed ${missing.join(' and ')}.`);
}

if (import.meta.url === `file://${process.argv[1]}`) ensureBrowsers(process.argv.slice(2) as Name[]);
