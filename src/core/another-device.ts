import { endpointAt, endpointOf, type OktetoState } from './okteto';
import { parentOf } from './okteto-instances';
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
    return (u.protocol === 'https:' || u.protocol === 'http:') && !u.username && !u.password ? u : undefined;
  } catch {
    return undefined;
  }
};

/**
 * The endpoint's origin with the page's path, query and fragment (the share directive left out),
 * when the instance lists an endpoint of the service this host shows, in `namespace`, beside this
 * host (Okteto names endpoints <service>-<namespace>.<domain>: an endpoint under another domain is
 * not taken from an instance's answer).
 */
function ownEndpoint(okteto: OktetoState | undefined, pageUrl: string, namespace: string) {
  const page = web(withoutShare(pageUrl));
  if (!page || !namespace) return undefined;
  const here = endpointAt(okteto, page.hostname);
  if (!here) return undefined;
  if (here.namespace === namespace) return { url: page.href, service: here.service };
  const listed = endpointOf(okteto, namespace, here.service);
  const own = listed === undefined ? undefined : web(listed);
  if (!own || parentOf(own.hostname) === undefined || parentOf(own.hostname) !== parentOf(page.hostname)) return undefined;
  own.pathname = page.pathname;
  own.search = page.search;
  own.hash = page.hash;
  return { url: own.href, service: here.service };
}

/** What "Open on another device" shows for the page at `url` diverted to `namespace`. */
export function deviceUrl(url: string, namespace: string, okteto?: OktetoState): DeviceUrl {
  const own = ownEndpoint(okteto, url, namespace);
  return own ? { kind: 'endpoint', ...own } : { kind: 'share', url: shareLink(url, namespace) };
}
