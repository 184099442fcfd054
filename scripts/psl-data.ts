// The Public Suffix List as text (one rule per line), from the `psl` package's data: built into the
// extension as a data file, not code, so it loads only when a domain needs checking.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export const PSL_FILE = 'public_suffix_list.dat';

export function pslText(): string {
  const main = createRequire(import.meta.url).resolve('psl');
  let dir = dirname(main);
  while (!readFileSafe(join(dir, 'package.json'))) dir = dirname(dir);
  const source = readFileSync(join(dir, 'data', 'rules.js'), 'utf8');
  const rules = JSON.parse(source.replace(/^export default\s*/, '').replace(/;\s*$/, '')) as string[];
  return `${rules.join('\n')}\n`;
}

function readFileSafe(path: string): boolean {
  try {
    return JSON.parse(readFileSync(path, 'utf8')).name === 'psl';
  } catch {
    return false;
  }
}
