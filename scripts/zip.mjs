// Reproducible zips: the same files give the same bytes, wherever and whenever they are zipped.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { zipSync } from 'fflate';

/**
 * Every entry gets the same time and mode: zip times are local DOS times from 1980, so the date is
 * built from local parts (the same in every time zone), and modes are plain files (0644) made on
 * Unix. Entries are sorted by path, compressed at one fixed level.
 */
const FIXED_TIME = new Date(1980, 0, 1, 0, 0, 0);
const FILE_ATTRS = 0o100644 << 16;

/** All files below `dir`, as forward-slash paths relative to it, sorted. */
export function filesBelow(dir) {
  const out = [];
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.push(relative(dir, path).split(sep).join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

/** The zip of `files` (paths relative to `root`) as bytes. */
export function zipFiles(root, files) {
  const entries = {};
  for (const file of [...files].sort()) {
    entries[file] = [readFileSync(join(root, file)), { mtime: FIXED_TIME, os: 3, attrs: FILE_ATTRS, level: 9 }];
  }
  return zipSync(entries);
}
