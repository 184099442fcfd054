import { validateNamespace } from './namespace';
import type { OktetoState } from './okteto';
import { ownerOf } from './okteto-instances';
import { grantsDomain } from './permissions';
import type { Result } from './result';
import { entryCovering, type Settings } from './settings';

/**
 * Pull-request previews: Okteto's preview action comments on each pull request with a link to
 * `<instance>/#/previews/<name>` (okteto/okteto cmd/preview getPreviewURL, okteto/deploy-preview
 * message.go). "Open diverted to ▸ The preview in this link, on your site" opens the user's own site for that
 * instance, pinned to `<name>`.
 */

/** The last page the user opened on each diverted domain (domain entry → page), this session. */
export type LastPages = Record<string, { url: string; at: number }>;

/** A page URL is kept only this long (it is cut, never refused). */
const MAX_URL = 2048;

/** The preview a link names: only `<origin>/#/previews/<name>` where origin is exactly a connected instance's. */
export function previewLink(
  url: string | undefined,
  instances: readonly OktetoState[],
): { instance: OktetoState; name: Result<string> } | undefined {
  let u: URL;
  try {
    u = new URL(url ?? '');
  } catch {
    return undefined;
  }
  const m = /^#\/previews\/([^/?#]*)(?:[/?].*)?$/.exec(u.hash);
  if (!m || u.pathname !== '/' || u.search || u.username || u.password) return undefined;
  const instance = instances.find((i) => i.url === u.origin);
  return instance ? { instance, name: validateNamespace(m[1]) } : undefined;
}

/**
 * What `instance` lists `name` as: a preview (the link may pin it), a namespace (someone's, not a
 * preview), or nothing. A link's text can differ from its href, and the menu item does not show
 * the name, so only a listed preview is taken as the user's choice.
 */
export function listedAs(instance: OktetoState, name: string): 'preview' | 'namespace' | undefined {
  if (Object.hasOwn(instance.previews ?? {}, name)) return 'preview';
  return instance.namespaces.includes(name) ? 'namespace' : undefined;
}

/** The domains the user diverts now (on, access granted) that `instance` owns (core/okteto-instances.ts). */
export function domainsOf(
  settings: Settings,
  origins: readonly string[],
  instances: readonly OktetoState[],
  instance: OktetoState,
): string[] {
  if (settings.paused) return [];
  return settings.domains
    .filter((d) => d.enabled && grantsDomain(origins, d.domain) && ownerOf(instances, d.domain)?.url === instance.url)
    .map((d) => d.domain);
}

/**
 * Where a preview link opens: the page last used on one of `domains` (the latest), else the
 * first one's root. Undefined without a domain.
 */
export function previewSite(domains: readonly string[], pages: LastPages): string | undefined {
  const used = domains
    .map((d) => pages[d])
    .filter((p): p is LastPages[string] => !!p)
    .sort((a, b) => b.at - a.at)[0];
  return used?.url ?? (domains[0] ? `https://${domains[0]}/` : undefined);
}

/**
 * Remembers `url` as the last page of the domain entry that covers it, when that entry is on and
 * divert is not paused:
 * only its origin and path (a query or fragment may hold a token), cut to 2,048 characters, one
 * page per entry, and only for entries the settings still have. Returns `pages` itself when
 * nothing changes.
 */
export function notePage(pages: LastPages, settings: Settings, url: string, at: number): LastPages {
  if (settings.paused) return pages;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return pages;
  }
  if (!/^https?:$/.test(u.protocol)) return pages;
  const entry = entryCovering(settings, u.hostname);
  if (!entry?.enabled) return pages;
  const page = `${u.origin}${u.pathname}`.slice(0, MAX_URL);
  const latest = Math.max(0, ...Object.values(pages).map((p) => p.at));
  if (pages[entry.domain]?.url === page && pages[entry.domain]?.at === latest) return pages;
  const kept = Object.fromEntries(Object.entries(pages).filter(([d]) => settings.domains.some((e) => e.domain === d)));
  return { ...kept, [entry.domain]: { url: page, at } };
}
