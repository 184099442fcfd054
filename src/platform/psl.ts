import psl from '@gorhill/publicsuffixlist';
import { publicSuffixListReady, usePublicSuffixList } from '../core/public-suffix';
import { browser } from './browser';

/** The file the build writes next to the manifest (scripts/psl-data.ts). */
const FILE = 'public_suffix_list.dat';
let loading: Promise<void> | undefined;

/** Loads the packaged Public Suffix List once per page or worker; later calls wait for the same load. */
export function ensurePublicSuffixList(): Promise<void> {
  if (publicSuffixListReady()) return Promise.resolve();
  loading ??= fetch(browser.runtime.getURL(FILE))
    .then((res) => res.text())
    .then((text) => {
      psl.parse(text, (h: string) => new URL(`http://${h}`).hostname);
      usePublicSuffixList(psl);
    })
    .catch((e: Error) => {
      loading = undefined;
      throw new Error(`Divert Switch could not read its public suffix list: ${e.message}`);
    });
  return loading;
}
