import { validateNamespace } from './namespace';
import { fail, type Result } from './result';
import type { Settings } from './settings';

/**
 * Share links carry the namespace in a URL fragment directive: `#:~:okteto-divert=alice`, the same
 * place text fragments (`#:~:text=…`) live. Why there:
 * - a fragment never leaves the browser, so no server sees (or rejects, or caches by) it;
 * - browsers strip everything after `:~:` from `location.hash` before the page's scripts run
 *   (Chrome and Firefox both, measured in test/e2e/share.spec.ts), so a single-page app routing on
 *   `#/movies` still reads `#/movies`, and unknown directives are ignored;
 * - the tab's URL keeps it, which is where the extension reads it (only on hosts it may access).
 * Without the extension the link opens the same page, from the shared namespace.
 */
const DIRECTIVE = ':~:';

/**
 * The longest share link URL that counts (characters). A longer one is ignored, with a reason the
 * popup says: its question would be stored whole in storage.session (a page could fill the area,
 * and every later state write would fail), and the answer (messages.ts) carries it back.
 */
export const SHARE_URL_MAX = 8192;
const KEY = 'okteto-divert=';

function split(url: URL): { fragment: string; directives: string[] } {
  const hash = url.hash.replace(/^#/, '');
  const at = hash.indexOf(DIRECTIVE);
  if (at < 0) return { fragment: hash, directives: [] };
  return {
    fragment: hash.slice(0, at),
    directives: hash
      .slice(at + DIRECTIVE.length)
      .split('&')
      .filter(Boolean),
  };
}

function parse(url: string): URL | undefined {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether a fragment holds our directive, found without splitting it: for a URL past
 * SHARE_URL_MAX (a page can make its URL megabytes long), whose directives are never listed.
 */
function namesShare(hash: string): boolean {
  const at = hash.indexOf(DIRECTIVE);
  if (at < 0) return false;
  const rest = hash.slice(at + DIRECTIVE.length);
  return rest.startsWith(KEY) || rest.includes(`&${KEY}`);
}

/**
 * The URL without our directive (other directives, such as a text fragment, stay). Past
 * SHARE_URL_MAX its fragment is not split: when it holds our directive, every directive goes (a
 * text fragment too). Ours must go even there: a redirect or a shorter endpoint URL can bring the
 * address back under the limit, where the directive would count.
 */
export function withoutShare(url: string): string {
  const u = parse(url);
  if (!u) return url;
  if (url.length <= SHARE_URL_MAX) {
    const { fragment, directives } = split(u);
    const rest = directives.filter((d) => !d.startsWith(KEY));
    u.hash = rest.length ? `${fragment}${DIRECTIVE}${rest.join('&')}` : fragment;
  } else if (namesShare(u.hash)) u.hash = u.hash.slice(1, u.hash.indexOf(DIRECTIVE));
  // `new URL` keeps a bare '#' when the hash is emptied; the page's own URL had none.
  return u.hash === '' ? u.href.replace(/#$/, '') : u.href;
}

/**
 * A link to `url` that opens it diverted to `namespace` in the recipient's tab; none for a page
 * URL past SHARE_URL_MAX, whose link the recipient's extension would refuse.
 */
export function shareLink(url: string, namespace: string): string | undefined {
  if (url.length > SHARE_URL_MAX) return undefined;
  const u = parse(withoutShare(url));
  if (!u) return url;
  // A link is for someone else: the page URL's user name and password never go in it.
  u.username = '';
  u.password = '';
  const { fragment, directives } = split(u);
  // A fragment ending in ':~' would make ':~:' start one character early (`#x:~:~:okteto-…`), and
  // browsers and sharedNamespace alike take the first one: its '~' goes percent-encoded.
  const safe = fragment.endsWith(':~') ? `${fragment.slice(0, -1)}%7E` : fragment;
  u.hash = `${safe}${DIRECTIVE}${[...directives, `${KEY}${namespace}`].join('&')}`;
  return u.href;
}

/**
 * The namespace a share link names, checked with the namespace rule (whole: a cut would let the
 * rule's trim turn `alice` + 100 spaces + `x` into `alice`); undefined when the URL is no share
 * link. Only the first okteto-divert directive counts; a URL past SHARE_URL_MAX is refused, which
 * also bounds the rule's work.
 */
export function sharedNamespace(url: string | undefined): Result<string> | undefined {
  if (url === undefined) return undefined;
  const u = parse(url);
  if (!u) return undefined;
  // Before any split: a page can make its URL megabytes long, a million directives.
  if (url.length > SHARE_URL_MAX) return namesShare(u.hash) ? fail('shareUrlTooLong', String(SHARE_URL_MAX)) : undefined;
  const found = split(u).directives.find((d) => d.startsWith(KEY));
  if (found === undefined) return undefined;
  let raw = found.slice(KEY.length);
  try {
    raw = decodeURIComponent(raw);
  } catch {
    // Left as written: the namespace rule refuses it with its own message.
  }
  return validateNamespace(raw);
}

/**
 * The names the user's own settings hold: the saved namespace, a domain's, their own presets (not a
 * team file's or the policy's), the recent ones. Sync can bring any of these from another browser,
 * so on their own they do not say the user chose the name here (see `choseHere`).
 */
type Owned = { namespace?: string; team?: string; managed?: boolean };
export function ownNames(settings: {
  activeNamespace: string;
  domains: readonly Owned[];
  presets: readonly Owned[];
  recent: readonly string[];
}): Set<string> {
  const own = (x: { team?: string; managed?: boolean }) => !x.team && !x.managed;
  return new Set(
    [
      settings.activeNamespace,
      ...settings.domains.filter(own).map((d) => d.namespace),
      ...settings.presets.filter(own).map((p) => p.namespace),
      ...settings.recent,
    ].filter((n): n is string => !!n),
  );
}

/**
 * What the user chose on this machine after a command they made here turned `before` into `after`:
 * the names it added to their own, kept while the settings still hold them (so the list stays as
 * small as the settings). Sync, team files and policy never come this way.
 */
export function choseHere(before: Settings, after: Settings, here: readonly string[]): string[] {
  const was = ownNames(before);
  const now = ownNames(after);
  const added = [...now].filter((n) => !was.has(n));
  return [...new Set([...here, ...added])].filter((n) => now.has(n)).sort();
}

/**
 * A share link applies by itself only to a namespace the user chose on this machine: the saved
 * one, a domain's, one of their own presets, a recent choice made here (`here`, see choseHere).
 * Any other asks in the popup: a page can navigate a tab to a link, and must not pick the namespace
 * its requests, cookies and form posts go to. That includes every name someone else can put in
 * front of the user: an Okteto instance's list (anyone who can deploy a preview names one), a team
 * file, the policy, and another browser's synced choices.
 */
export function chosenBefore(settings: Settings, here: readonly string[], namespace: string): boolean {
  return here.includes(namespace) && ownNames(settings).has(namespace);
}

/** Where a name a link asks for is known from, when not chosen here (the popup says so). */
export interface KnownFrom {
  kind: 'preview' | 'listed' | 'team' | 'managed' | 'sync';
  /** The instance's host (preview, listed) or the team (team). */
  by?: string;
}

export function knownFrom(
  settings: Settings,
  instances: readonly { url: string; namespaces: string[]; previews?: Record<string, unknown> }[],
  here: readonly string[],
  namespace: string,
): KnownFrom[] {
  const out: KnownFrom[] = [];
  for (const i of instances) {
    if (!i.namespaces.includes(namespace)) continue;
    const by = parse(i.url)?.host ?? i.url.slice(0, 100);
    out.push({ kind: i.previews?.[namespace] ? 'preview' : 'listed', by });
  }
  const entries = [...settings.presets, ...settings.domains].filter((x) => x.namespace === namespace);
  for (const team of new Set(entries.map((x) => x.team).filter((t): t is string => !!t))) out.push({ kind: 'team', by: team });
  if (entries.some((x) => x.managed)) out.push({ kind: 'managed' });
  if (ownNames(settings).has(namespace) && !here.includes(namespace)) out.push({ kind: 'sync' });
  return out;
}

/** Single quotes for a POSIX shell: nothing inside is expanded, a quote is closed, escaped, reopened. */
const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/**
 * `curl -H 'baggage: okteto-divert=<ns>' '<url>'`: how the Divert guide tests a namespace. The
 * fragment is dropped: it never reaches a server.
 */
export function curlCommand(url: string, namespace: string, method = 'GET'): string {
  const u = parse(url);
  const target = u ? `${u.origin}${u.pathname}${u.search}` : url;
  const how = method === 'GET' ? '' : method === 'HEAD' ? '-I ' : `-X ${quote(method)} `;
  return `curl ${how}-H ${quote(`baggage: okteto-divert=${namespace}`)} ${quote(target)}`;
}
