import { publicSuffixOf } from './public-suffix';
import { fail, ok, problem, type Result } from './result';

const DOMAIN_RULE = problem('domainRule');

const LABEL = /^[a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?$/;
const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;
/** What the URL parser makes of an IPv4 literal in any of its forms (127.1, 0x7f.0.0.1, 2130706433). */
const CANONICAL_IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;

/** True when the browser would read `host` as an IP address: canonicalised by the URL parser, as the browser does. */
function isIpLiteral(host: string): boolean {
  if (host.startsWith('[')) return true;
  try {
    return CANONICAL_IPV4.test(new URL(`http://${host}`).hostname);
  } catch {
    // An invalid IPv4 form (999.1.1.1, a numeric last label) is no host name either: the label check refuses it.
    return false;
  }
}

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
  if (typeof input !== 'string') return fail('domainNotText', DOMAIN_RULE);
  const raw = input.trim();
  if (raw === '') return fail('domainEmpty', DOMAIN_RULE);
  if (/\s/.test(raw)) return fail('domainSpaces', raw, DOMAIN_RULE);
  let host = hostOf(raw)?.toLowerCase().replace(/\.$/, '');
  if (host === undefined || host === '') return fail('domainNoHost', raw, DOMAIN_RULE);
  if (host.startsWith('*.')) host = host.slice(2); // an entry already covers its subdomains
  if (host.includes('*')) {
    return fail('domainWildcard', raw);
  }
  if (isIpLiteral(host)) {
    return fail('domainIp', raw, DOMAIN_RULE);
  }
  const ascii = toAscii(host);
  if (ascii === undefined || ascii.length > 253 || !ascii.split('.').every((l) => LABEL.test(l))) {
    return fail('domainBadCharacters', raw, DOMAIN_RULE);
  }
  // A single label is a bare top-level domain even when the list names it only through a
  // wildcard rule (`*.ck`, `*.pg`) and gives no suffix for the label itself.
  if (!ascii.includes('.') || publicSuffixOf(ascii) === ascii) {
    return fail('domainPublicSuffix', ascii);
  }
  return ok(ascii);
}

/**
 * Okteto Cloud and other shared Okteto domains: every tenant's endpoints sit under them, so an
 * entry there (or above) would divert other people's apps. Not in the public suffix list.
 */
const SHARED_OKTETO_DOMAINS = ['cloud.okteto.net'] as const;

const isShared = (domain: string) => SHARED_OKTETO_DOMAINS.some((s) => s === domain || s.endsWith(`.${domain}`));

/** The registrable domain of an ASCII host: its public suffix plus one label (example.com, example.co.uk). */
function registrable(host: string): string {
  const suffix = publicSuffixOf(host);
  const labels = host.split('.');
  return labels.slice(labels.length - suffix.split('.').length - 1).join('.');
}

export interface Suggestion {
  /** The entry "Divert this site" adds. */
  entry: string;
  /** A wider entry offered as an explicit choice, never taken by itself. */
  wider?: string;
}

/**
 * The entry to add when a user diverts the site `host`. Its parent, so that sibling endpoints
 * (movies-staging.okteto.example.com, catalog-staging.okteto.example.com) are covered too, only
 * when the parent is strictly below the registrable domain (never example.com itself, where the
 * company's production hosts live) and is not a shared Okteto domain. Otherwise the host itself,
 * with the parent offered as a choice when it is not a shared one either.
 */
export function suggestEntry(host: string): Result<Suggestion> {
  const own = validateDomain(host);
  if (own.error !== undefined) return own;
  const parent = own.value.split('.').slice(1).join('.');
  const wide = validateDomain(parent);
  if (wide.error !== undefined || isShared(wide.value)) return ok({ entry: own.value });
  if (wide.value.length > registrable(own.value).length) return ok({ entry: wide.value });
  return ok({ entry: own.value, wider: wide.value });
}
