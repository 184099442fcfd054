import type { TabPins } from './rules';
import type { Settings } from './settings';
import { divertFor } from './tab-state';

/**
 * "Copy for Playwright": JavaScript that, run as the body of an async function given a Playwright
 * `BrowserContext` named `context`, makes that context's requests to the domains this tab diverts
 * carry this tab's `okteto-divert`, keeping the page's own baggage members: Playwright's
 * `extraHTTPHeaders` would send the header to every host, third parties included.
 */
export interface PlaywrightScope {
  namespace: string;
  /** Entries whose requests (in this tab) carry `namespace`: each covers its subdomains. */
  domains: string[];
  /** Entries below one of `domains` that do not (switched off, no access, another namespace). */
  except: string[];
}

/** The domains that carry this tab's namespace, decided by the rules' own decision (divertFor). */
export function playwrightScope(
  settings: Settings,
  pins: TabPins,
  origins: string[],
  tabId: number,
  namespace: string,
): PlaywrightScope {
  const carries = (domain: string) => divertFor(settings, pins, origins, tabId, domain)?.namespace === namespace;
  const all = [...new Set(settings.domains.map((e) => e.domain))].sort();
  const domains = all.filter(carries);
  const under = (d: string) => domains.some((top) => d !== top && d.endsWith(`.${top}`));
  return { namespace, domains, except: all.filter((d) => !carries(d) && under(d)) };
}

/**
 * The script. Every value goes in through JSON.stringify, as data, never into a comment (a line
 * break in a value would end one). The host test is DNR's requestDomains: the domain itself or a
 * subdomain, the deepest entry deciding, never a substring. The merge is core/baggage-merge.ts's
 * (W3C limits included). The request is fetched with `maxRedirects: 0` and fulfilled with that
 * answer, so the browser follows a redirect itself and each hop meets the host test again:
 * `route.fallback`/`continue({ headers })` would keep the header on redirects to any host.
 */
export function playwrightScript({ namespace, domains, except }: PlaywrightScope): string {
  const data = JSON.stringify({ namespace, domains, except }, null, 2);
  return `// Divert Switch: requests of this Playwright context to these domains and their subdomains
// carry okteto-divert, as the browser tab they were copied from does; nothing else changes.
// Each request is fetched as is plus the header, its redirects not followed, and its answer handed
// to the page: the browser follows a redirect itself and the next host is tested again. So bodies
// are read whole before the page sees them, and WebSockets are not routed (Playwright's limits).
const divert = ${data};
const depth = (list, host) =>
  Math.max(-1, ...list.filter((d) => host === d || host.endsWith("." + d)).map((d) => d.length));
const diverted = (url) => depth(divert.domains, url.hostname) > depth(divert.except, url.hostname);
const ours = "okteto-divert=" + divert.namespace;
const size = (members) => new TextEncoder().encode(members.join(",")).length;
// The page's own baggage keeps its members: an okteto-divert member is replaced in place, else
// ours goes last; past the W3C limits (64 members, 8192 bytes) the page's last members give way.
const merge = (page = "") => {
  const members = page.split(",").map((m) => m.trim()).filter(Boolean);
  if (members.length > 64 || size([page]) > 8192) return ours;
  const out = [];
  let at = -1;
  for (const m of members) {
    if (m.split("=")[0].split(";")[0].trim().toLowerCase() !== "okteto-divert") out.push(m);
    else if (at < 0) at = out.push(ours) - 1;
  }
  if (at < 0) at = out.push(ours) - 1;
  while (out.length > 64 || size(out) > 8192) {
    const last = out.length - 1 === at ? at - 1 : out.length - 1;
    out.splice(last, 1);
    if (last < at) at--;
  }
  return out.join(",");
};
await context.route(diverted, async (route) => {
  const headers = route.request().headers();
  const response = await route.fetch({ headers: { ...headers, baggage: merge(headers.baggage) }, maxRedirects: 0 });
  await route.fulfill({ response });
});
`;
}
