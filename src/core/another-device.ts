import { validateDomain } from './domain';
import { endpointAt, endpointOf, type OktetoState } from './okteto';
import { parentOf } from './okteto-instances';
import { publicSuffixListReady } from './public-suffix';
import { shareLink, withoutShare } from './share-link';

/**
 * "Open on another device": the URL a phone, a tablet or Safari (which cannot send the header)
 * opens to see this page as `namespace` serves it.
 * - `endpoint`: the namespace's own endpoint for the service of this page, as the Okteto API
 *   lists it (Okteto's ingress adds the divert there, server-side): no extension needed;
 * - `share`: the share link, which diverts only where Divert Switch is installed.
 */
export type DeviceUrl = { kind: 'endpoint'; url: string; service: string } | { kind: 'share'; url: string };

const web = (url: string): URL | undefined => {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u : undefined;
  } catch {
    return undefined;
  }
};

/** The page's URL, its user name and password cleared: they never go to another device. */
const pageOf = (url: string): URL | undefined => {
  const u = web(withoutShare(url));
  if (u) {
    u.username = '';
    u.password = '';
  }
  return u;
};

/**
 * The parent domain both hosts share, when the domain rule accepts it as an entry (no public
 * suffix, no IP): siblings under github.io are other people's sites. Undefined before the public
 * suffix list is loaded: the share link is shown then.
 */
function sharedParent(a: string, b: string): string | undefined {
  const parent = parentOf(a);
  if (!parent || parent !== parentOf(b) || !publicSuffixListReady()) return undefined;
  return validateDomain(parent).value === parent ? parent : undefined;
}

/**
 * An endpoint the page may be sent to: named <name>-<namespace>.<domain> beside the page, with the
 * page's protocol or https (never a downgrade).
 */
const fits = (own: URL, page: URL, namespace: string) =>
  (own.protocol === page.protocol || own.protocol === 'https:') &&
  own.hostname.split('.', 1)[0].length > namespace.length + 1 &&
  own.hostname.split('.', 1)[0].endsWith(`-${namespace}`) &&
  sharedParent(own.hostname, page.hostname) !== undefined;

/**
 * The endpoint's origin with the page's path, query and fragment (the share directive left out),
 * when the instance lists an endpoint of the service this host shows, in `namespace`, beside this
 * host (Okteto names endpoints <service>-<namespace>.<domain>: an endpoint under another domain is
 * not taken from an instance's answer).
 */
function ownEndpoint(okteto: OktetoState | undefined, pageUrl: string, namespace: string) {
  const page = pageOf(pageUrl);
  if (!page || !namespace) return undefined;
  const here = endpointAt(okteto, page.hostname);
  if (!here) return undefined;
  if (here.namespace === namespace) return { url: page.href, service: here.service };
  const listed = endpointOf(okteto, namespace, here.service);
  const own = listed === undefined ? undefined : web(listed);
  // An endpoint listed with credentials is not one Okteto makes: not taken.
  if (!own || own.username || own.password || !fits(own, page, namespace)) return undefined;
  own.pathname = page.pathname;
  own.search = page.search;
  own.hash = page.hash;
  return { url: own.href, service: here.service };
}

/** What "Open on another device" shows for the page at `url` diverted to `namespace`. */
export function deviceUrl(url: string, namespace: string, okteto?: OktetoState): DeviceUrl | undefined {
  const own = ownEndpoint(okteto, url, namespace);
  if (own) return { kind: 'endpoint', ...own };
  const link = shareLink(url, namespace);
  return link === undefined ? undefined : { kind: 'share', url: link };
}
