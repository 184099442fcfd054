/**
 * The Public Suffix List, handed in by the platform once loaded (it is data, fetched only when a
 * domain needs checking, so it weighs nothing on the popup's click path or the worker's start).
 */
export interface PublicSuffixList {
  getPublicSuffix(hostname: string): string;
}

let list: PublicSuffixList | undefined;

export function usePublicSuffixList(psl: PublicSuffixList): void {
  list = psl;
}

export const publicSuffixListReady = (): boolean => list !== undefined;

/** The public suffix of an ASCII host name ("co.uk" for "a.b.co.uk"; the TLD for unknown ones). */
export function publicSuffixOf(host: string): string {
  if (!list) throw new Error('Divert Switch: the public suffix list is not loaded yet.');
  return list.getPublicSuffix(host);
}
