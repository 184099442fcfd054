/** Match pattern asked for when the user diverts `domain`: the host and all its subdomains, any scheme. */
export const originPattern = (domain: string): string => `*://*.${domain}/*`;

/** True when one of the granted match patterns gives host access to `domain` and all its subdomains. */
export function grantsDomain(origins: readonly string[], domain: string): boolean {
  return origins.some((pattern) => {
    if (pattern === '<all_urls>') return true;
    const m = /^(\*|https?|wss?):\/\/([^/]+)\/.*$/.exec(pattern);
    if (!m) return false;
    const host = m[2].replace(/:\d+$/, '');
    if (host === '*') return true;
    if (!host.startsWith('*.')) return false; // an exact host does not cover the subdomains
    const base = host.slice(2);
    return domain === base || domain.endsWith(`.${base}`);
  });
}
