import { publicSuffixOf } from './public-suffix';
import { fail, ok, type Result } from './result';

export const DOMAIN_RULE =
  'Enter a host name such as okteto.example.com (it covers its subdomains); a pasted URL is reduced to its host.';

const LABEL = /^[a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?$/;
const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;

/** The host part of what a user typed or pasted: a URL, host:port, host/path or a bare host. */
function hostOf(input: string): string | undefined {
  if (SCHEME.test(input)) {
    try {
      return new URL(input).hostname;
    } catch {
      return undefined;
    }
  }
  return input.split(/[/?#]/, 1)[0].replace(/:\d*$/, '');
}

function toAscii(host: string): string | undefined {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: detecting non-ASCII input on purpose
  if (/^[\x00-\x7f]*$/.test(host)) return host;
  try {
    return new URL(`http://${host}`).hostname; // IDN → punycode, as the browser will send it
  } catch {
    return undefined;
  }
}

/** Normalizes and checks a domain entry (contract: "A domain entry is a host name"). */
export function validateDomain(input: unknown): Result<string> {
  if (typeof input !== 'string') return fail(`Domain must be text. ${DOMAIN_RULE}`);
  const raw = input.trim();
  if (raw === '') return fail(`Enter a domain. ${DOMAIN_RULE}`);
  if (/\s/.test(raw)) return fail(`"${raw}" contains spaces. ${DOMAIN_RULE}`);
  let host = hostOf(raw)?.toLowerCase().replace(/\.$/, '');
  if (host === undefined || host === '') return fail(`"${raw}" has no host name. ${DOMAIN_RULE}`);
  if (host.startsWith('*.')) host = host.slice(2); // an entry already covers its subdomains
  if (host.includes('*')) {
    return fail(`"${raw}" is a wildcard. Name your Okteto domain instead, e.g. okteto.example.com.`);
  }
  if (IPV4.test(host) || host.startsWith('[')) {
    return fail(`"${raw}" is an IP address. ${DOMAIN_RULE}`);
  }
  const ascii = toAscii(host);
  if (ascii === undefined || ascii.length > 253 || !ascii.split('.').every((l) => LABEL.test(l))) {
    return fail(`"${raw}" has characters a host name cannot have. ${DOMAIN_RULE}`);
  }
  if (publicSuffixOf(ascii) === ascii) {
    return fail(
      `"${ascii}" is a top-level domain or public suffix shared by unrelated sites. Enter your own domain, e.g. okteto.example.com.`,
    );
  }
  return ok(ascii);
}

/**
 * The entry to add when a user diverts the site `host`: its parent, so that sibling endpoints
 * (movies-staging.okteto.example.com, catalog-staging.okteto.example.com) are covered too, unless
 * the parent is a public suffix; then the host itself.
 */
export function suggestEntry(host: string): Result<string> {
  const own = validateDomain(host);
  if (own.error !== undefined) return own;
  const parent = own.value.split('.').slice(1).join('.');
  const wide = validateDomain(parent);
  return wide.error === undefined ? wide : own;
}
