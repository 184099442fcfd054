import { divertNamespaceOf } from './baggage';
import { type FoundExport, type FoundRule, readHeaderExport } from './header-exports';
import { filterDomain } from './header-filter';
import { readJsonFile } from './json-file';
import { NAMESPACE_RULE, validateNamespace } from './namespace';
import { fail, ok, type Problem, problem, type Result } from './result';
import type { Settings } from './settings';

/** How many skipped filters and values the summary names one by one; the rest are counted. */
const NAMED = 10;
const LIMIT = 2000;
const cut = (text: string, max = 80) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** What a ModHeader or Requestly export gives, and what it leaves out and why: shown before anything is saved. */
export interface HeaderImport {
  tool: FoundExport['tool'];
  presets: { namespace: string; label?: string }[];
  domains: string[];
  skipped: {
    /** Headers setting okteto-divert that are switched off (the header, its profile, rule or group). */
    off: number;
    /** Headers that are not a request header setting `baggage` with an `okteto-divert` member. */
    notDivert: number;
    /** okteto-divert values that break the namespace rule (cut), first NAMED. */
    badNamespaces: string[];
    /** Filters that name no acceptable domain, with the reason, first NAMED. */
    filters: { filter: string; why: Problem }[];
    /** Beyond the NAMED above: how many more values and filters were skipped. */
    more: number;
    /** Rules whose okteto-divert applies to every URL: no domain comes from them. */
    everyUrl: string[];
    otherFilters: number;
    otherRules: number;
  };
}

/** Every parent of a host (a.b.c → b.c, c): the domains that would cover it. */
function* parents(host: string) {
  for (let dot = host.indexOf('.'); dot !== -1; dot = host.indexOf('.', dot + 1)) yield host.slice(dot + 1);
}
/** The host or one of its parents is in `set`: linear in the host's labels, whatever the set's size. */
const coveredBy = (set: ReadonlySet<string>, host: string) => set.has(host) || [...parents(host)].some((p) => set.has(p));

/** What applying an import adds, and what you already had (kept as it is). */
export interface HeaderImportPreview {
  tool: FoundExport['tool'];
  presets: { added: string[]; kept: string[] };
  domains: { added: string[]; kept: string[] };
  /** Set when you had no namespace yet: the first imported one becomes yours. */
  activeNamespace?: string;
}

/** What the export gives, or undefined once it names more than LIMIT domains or namespaces (refused whole). */
function collect(found: FoundExport): HeaderImport | undefined {
  const out: HeaderImport = {
    tool: found.tool,
    presets: [],
    domains: [],
    skipped: {
      off: 0,
      notDivert: 0,
      badNamespaces: [],
      filters: [],
      more: 0,
      everyUrl: [],
      otherFilters: 0,
      otherRules: found.otherRules,
    },
  };
  const { skipped } = out;
  // Sets, not lists: a 1 MiB export can name tens of thousands of filters, so every check here
  // costs the same whatever came before it, and collecting stops once past LIMIT.
  const namespaces = new Set<string>();
  const domains = new Set<string>();
  const everyUrl = new Set<string>();
  /** Room to name one more skipped value or filter; past NAMED they are only counted. */
  const room = () => {
    if (skipped.badNamespaces.length + skipped.filters.length < NAMED) return true;
    skipped.more++;
    return false;
  };
  const take = (rule: FoundRule) => {
    let diverts = false;
    for (const h of rule.headers) {
      const ns = h.sets && h.name.trim().toLowerCase() === 'baggage' ? divertNamespaceOf(h.value) : undefined;
      if (ns === undefined) skipped.notDivert++;
      else if (!h.on) skipped.off++;
      else {
        const checked = validateNamespace(ns);
        if (checked.error !== undefined) {
          if (room()) skipped.badNamespaces.push(cut(ns));
          continue;
        }
        diverts = true;
        if (namespaces.has(checked.value)) continue;
        namespaces.add(checked.value);
        const label = cut(rule.name.trim(), 100);
        out.presets.push(label ? { namespace: checked.value, label } : { namespace: checked.value });
      }
    }
    return diverts;
  };
  for (const rule of found.rules) {
    if (!take(rule)) continue;
    if (namespaces.size > LIMIT) return undefined;
    skipped.otherFilters += rule.otherFilters;
    const name = cut(rule.name.trim() || '—');
    if (rule.filters.length === 0) everyUrl.add(name);
    for (const filter of rule.filters) {
      const domain = filterDomain(filter);
      if (domain.error !== undefined) {
        if (room()) skipped.filters.push({ filter: cut(filter.pattern), why: domain.error });
      } else domains.add(domain.value);
      if (domains.size > LIMIT) return undefined;
    }
  }
  skipped.everyUrl = [...everyUrl];
  // A domain another imported one covers adds nothing: its parent's entry diverts it already.
  out.domains = [...domains].filter((d) => ![...parents(d)].some((p) => domains.has(p)));
  return out;
}

/** The first reason nothing could be taken, for the refusal to name. */
function whyNothing(s: HeaderImport['skipped']): Problem {
  if (s.badNamespaces.length) return problem('headerSkipNamespace', s.badNamespaces[0], NAMESPACE_RULE);
  if (s.off) return problem('headerSkipOff', String(s.off));
  return problem('headerSkipNotDivert', String(s.notDivert));
}

/**
 * Reads a ModHeader profile export or a Requestly rule export (the same limits as a team file).
 * A file that is neither, or gives nothing to import, is refused with a sentence saying why.
 */
export function parseHeaderExport(text: unknown): Result<HeaderImport> {
  const read = readJsonFile(text, {
    notText: 'headerFileNotText',
    tooLarge: 'headerFileTooLarge',
    tooDeep: 'headerFileTooDeep',
    notJson: 'headerFileNotJson',
  });
  if (read.error !== undefined) return { error: read.error };
  const found = readHeaderExport(read.value);
  if (found === undefined) return fail('headerFileUnknown');
  if (found.error !== undefined) return found;
  const imported = collect(found.value);
  if (imported === undefined) return fail('headerFileTooMany', String(LIMIT));
  if (imported.presets.length === 0) return fail('headerImportNothing', imported.tool, whyNothing(imported.skipped));
  return ok(imported);
}

/**
 * The import as your own presets and domains (you manage them from now on, as the other extension
 * let you): what you have already (a preset of that namespace, an entry covering that domain) stays
 * as it is, on/off choices included, so importing the same file again changes nothing. New domains
 * start switched on; your namespace is set only when you had none.
 */
export function mergeHeaderImport(
  settings: Settings,
  imp: HeaderImport,
): Result<{ settings: Settings; preview: HeaderImportPreview }> {
  const preview: HeaderImportPreview = { tool: imp.tool, presets: { added: [], kept: [] }, domains: { added: [], kept: [] } };
  const presets = [...settings.presets];
  const own = new Set(settings.presets.filter((o) => !o.team && !o.managed).map((o) => o.namespace));
  for (const p of imp.presets) {
    const mine = own.has(p.namespace);
    preview.presets[mine ? 'kept' : 'added'].push(p.namespace);
    if (!mine) presets.push(p);
  }
  const domains = [...settings.domains];
  const stored = new Set(settings.domains.map((d) => d.domain));
  for (const domain of imp.domains) {
    const had = coveredBy(stored, domain);
    preview.domains[had ? 'kept' : 'added'].push(domain);
    if (!had) domains.push({ domain, enabled: true });
  }
  if (presets.length > LIMIT || domains.length > LIMIT) return fail('headerImportTooMany', String(LIMIT));
  const next: Settings = { ...settings, presets, domains };
  if (!settings.activeNamespace) {
    next.activeNamespace = imp.presets[0].namespace;
    preview.activeNamespace = next.activeNamespace;
  }
  return ok({ settings: next, preview });
}
