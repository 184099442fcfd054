// npm run package: store-ready zips of dist/chrome and dist/firefox, and the source package AMO
// reviewers rebuild from, in artifacts/, named after the manifest version. Byte-for-byte
// reproducible (scripts/zip.mjs); test/unit/release.test.ts checks it.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { filesBelow, zipFiles } from './zip.mjs';

const out = process.argv[2] ?? 'artifacts';
const { version } = JSON.parse(readFileSync('dist/chrome/manifest.json', 'utf8'));
mkdirSync(out, { recursive: true });
const written = [];
for (const browser of ['chrome', 'firefox']) {
  const file = `${out}/divert-switch-${browser}-${version}.zip`;
  writeFileSync(file, zipFiles(`dist/${browser}`, filesBelow(`dist/${browser}`)));
  written.push(file);
}
// The source: every file git tracks (no node_modules, dist or artifacts), as a fresh clone has it.
const tracked = execFileSync('git', ['ls-files', '-z'], { encoding: 'utf8' }).split('\0').filter(Boolean);
const source = `${out}/divert-switch-source-${version}.zip`;
writeFileSync(source, zipFiles('.', tracked));
written.push(source);
for (const file of written) console.log(file);
