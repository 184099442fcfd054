// Store-ready zips of dist/chrome and dist/firefox in artifacts/, named after the manifest version.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';

const { version } = JSON.parse(readFileSync('dist/chrome/manifest.json', 'utf8'));
mkdirSync('artifacts', { recursive: true });
for (const browser of ['chrome', 'firefox']) {
  const filename = `divert-switch-${browser}-${version}.zip`;
  rmSync(`artifacts/${filename}`, { force: true });
  // web-ext build zips any unpacked extension deterministically (no dotfiles, no source maps here).
  execFileSync(
    'npx',
    [
      'web-ext',
      'build',
      '--source-dir',
      `dist/${browser}`,
      '--artifacts-dir',
      'artifacts',
      '--filename',
      filename,
      '--overwrite-dest',
    ],
    {
      stdio: 'inherit',
    },
  );
}
