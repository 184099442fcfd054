import * as v from 'valibot';
import type { UrlFilter } from './header-filter';
import type { Result } from './result';
import { k, parseWith } from './schema';

/**
 * What another header extension's export says, read into one shape: a rule (a ModHeader profile,
 * or one pair of a Requestly rule) with its headers and the URL filters they apply to.
 */
interface FoundHeader {
  name: string;
  value: string;
  /** The header and everything around it (rule, group) are switched on. */
  on: boolean;
  /** A request header that is added or set (not a response header, not a removal). */
  sets: boolean;
}

export interface FoundRule {
  /** The profile title or rule name: the label its preset gets ('' when it has none). */
  name: string;
  headers: FoundHeader[];
  /** Enabled filters that say which URLs the headers go to; none: every URL. */
  filters: UrlFilter[];
  /** Enabled filters of kinds a domain entry cannot express (excluded URLs, pages, resource types, request methods, tabs). */
  otherFilters: number;
}

export interface FoundExport {
  tool: 'ModHeader' | 'Requestly';
  rules: FoundRule[];
  /** Requestly rules of other types (redirects, scripts…). */
  otherRules: number;
}

const MAX_ENTRIES = 2000;
const Text = v.string(k('schemaText'));
const Bool = v.boolean(k('schemaBoolean'));
const list = <S extends v.GenericSchema>(item: S) =>
  v.optional(v.pipe(v.array(item, k('schemaArray')), v.maxLength(MAX_ENTRIES, k('schemaAtMostEntries'))));
const entry = <E extends v.ObjectEntries>(entries: E) => v.looseObject(entries, k('schemaObject'));
const many = <S extends v.GenericSchema>(item: S) =>
  v.pipe(v.array(item, k('schemaArray')), v.maxLength(MAX_ENTRIES, k('schemaAtMostEntries')));

// ModHeader profiles: https://github.com/bewisse/modheader (src/js/profile-hook.js). Version 1
// profiles keep every filter in `filters` with a `type`; version 2 split them into `urlFilters`,
// `excludeUrlFilters`, `resourceFilters`, tab, tab group and window filters. An export is one
// profile or an array of them, and leaves out empty arrays.
const MhHeader = entry({ enabled: v.optional(Bool), name: v.optional(Text), value: v.optional(Text) });
const MhFilter = entry({ enabled: v.optional(Bool), type: v.optional(Text), urlRegex: v.optional(Text) });
const MhProfile = entry({
  title: v.optional(Text),
  headers: list(MhHeader),
  respHeaders: list(v.unknown()),
  filters: list(MhFilter),
  urlFilters: list(MhFilter),
  excludeUrlFilters: list(MhFilter),
  resourceFilters: list(MhFilter),
  tabFilters: list(MhFilter),
  tabGroupFilters: list(MhFilter),
  windowFilters: list(MhFilter),
});

// Requestly rules: https://github.com/requestly/requestly (shared/src/types/entities/rules).
// An export is an array of rules and groups. Headers rules of version 1 keep one header per pair
// (`target`, `header`, `value`, `type`); version 2 and the MV3 schema 3.0.0 keep
// `modifications.Request` / `.Response` per pair (3.0.0 adds `extensionRules`, derived from the pairs).
const RqModification = entry({ header: v.optional(Text), value: v.optional(Text), type: v.optional(Text) });
const RqPair = entry({
  // `filters` (pageUrl, resourceType, requestMethod…): an array of objects, or one object in older exports.
  source: v.optional(
    entry({ key: v.optional(Text), operator: v.optional(Text), value: v.optional(Text), filters: v.optional(v.unknown()) }),
  ),
  modifications: v.optional(entry({ Request: list(RqModification), Response: list(RqModification) })),
  target: v.optional(Text),
  header: v.optional(Text),
  value: v.optional(Text),
  type: v.optional(Text),
});
const RqRecord = entry({
  objectType: v.optional(Text),
  ruleType: v.optional(Text),
  id: v.optional(Text),
  name: v.optional(Text),
  status: v.optional(Text),
  groupId: v.optional(Text),
  pairs: list(RqPair),
});

type MhProfileT = v.InferOutput<typeof MhProfile>;
type RqRecordT = v.InferOutput<typeof RqRecord>;

const on = (enabled?: boolean) => enabled !== false;
const regex = (f: { urlRegex?: string }): UrlFilter => ({ kind: 'regex', pattern: f.urlRegex ?? '' });

function fromModHeader(p: MhProfileT): FoundRule {
  const headers = (p.headers ?? []).map((h) => ({ name: h.name ?? '', value: h.value ?? '', on: on(h.enabled), sets: true }));
  // Response headers never carry a request's baggage: counted as headers that are not okteto-divert.
  for (const _ of p.respHeaders ?? []) headers.push({ name: '', value: '', on: true, sets: false });
  const enabled = <T extends { enabled?: boolean }>(xs?: T[]) => (xs ?? []).filter((f) => on(f.enabled));
  const old = enabled(p.filters);
  const oldUrls = old.filter((f) => (f.type ?? 'urls') === 'urls');
  const others = [p.excludeUrlFilters, p.resourceFilters, p.tabFilters, p.tabGroupFilters, p.windowFilters].flatMap(enabled);
  return {
    name: p.title ?? '',
    headers,
    filters: [...oldUrls, ...enabled(p.urlFilters)].map(regex),
    otherFilters: old.length - oldUrls.length + others.length,
  };
}

function sourceFilter(source: { key?: string; operator?: string; value?: string } | undefined): UrlFilter | undefined {
  const pattern = source?.value?.trim() ?? '';
  if (pattern === '') return undefined; // Requestly matches every URL
  if (source?.key === 'path') return { kind: 'path', pattern };
  if (source?.operator === 'Matches') return { kind: 'regex', pattern };
  if (source?.operator === 'Wildcard_Matches') return { kind: 'wildcard', pattern };
  return { kind: 'text', pattern };
}

/** Something set: a non-empty list or text, or an object with something set (its `value` when it has one). */
function isSet(x: unknown): boolean {
  if (Array.isArray(x)) return x.length > 0;
  if (typeof x === 'string') return x.trim() !== '';
  if (!x || typeof x !== 'object') return false;
  return 'value' in x ? isSet(x.value) : Object.values(x).some(isSet);
}

/** Requestly's source filters that are set (a page URL, resource types, request methods…): each one narrows the rule. */
function sourceFilterCount(filters: unknown): number {
  const all = Array.isArray(filters) ? filters : [filters];
  return all.reduce<number>(
    (n, f) => n + (f && typeof f === 'object' && !Array.isArray(f) ? Object.values(f).filter(isSet).length : 0),
    0,
  );
}

function fromRequestly(records: RqRecordT[]): FoundExport {
  const groupsOff = new Set(records.filter((r) => r.objectType === 'group' && r.status !== 'Active').map((r) => r.id));
  const rules: FoundRule[] = [];
  let otherRules = 0;
  for (const r of records) {
    if (r.objectType === 'group') continue;
    if (r.ruleType !== 'Headers') {
      otherRules++;
      continue;
    }
    const live = r.status === 'Active' && !(r.groupId && groupsOff.has(r.groupId));
    for (const pair of r.pairs ?? []) {
      const mods = pair.modifications
        ? [
            ...(pair.modifications.Request ?? []).map((m) => ({ ...m, request: true })),
            ...(pair.modifications.Response ?? []).map((m) => ({ ...m, request: false })),
          ]
        : [{ header: pair.header, value: pair.value, type: pair.type, request: pair.target === 'Request' }];
      const filter = sourceFilter(pair.source);
      rules.push({
        name: r.name ?? '',
        headers: mods.map((m) => ({
          name: m.header ?? '',
          value: m.value ?? '',
          on: live,
          sets: m.request && (m.type === 'Add' || m.type === 'Modify'),
        })),
        filters: filter ? [filter] : [],
        otherFilters: sourceFilterCount(pair.source?.filters),
      });
    }
  }
  return { tool: 'Requestly', rules, otherRules };
}

const isRequestly = (x: unknown) => !!x && typeof x === 'object' && ('ruleType' in x || 'objectType' in x);
const isModHeader = (x: unknown) =>
  !!x && typeof x === 'object' && ['headers', 'respHeaders', 'urlFilters', 'filters', 'shortTitle'].some((key) => key in x);

/** Which tool wrote `json`, read into rules; undefined when it is neither export. */
export function readHeaderExport(json: unknown): Result<FoundExport> | undefined {
  const first = Array.isArray(json) ? json[0] : json;
  if (Array.isArray(json) && isRequestly(first)) {
    const parsed = parseWith(many(RqRecord), json, 'whatRequestly');
    return parsed.error !== undefined ? parsed : { value: fromRequestly(parsed.value) };
  }
  if (!isModHeader(first)) return undefined;
  const parsed = Array.isArray(json)
    ? parseWith(many(MhProfile), json, 'whatModHeader')
    : parseWith(MhProfile, json, 'whatModHeader');
  if (parsed.error !== undefined) return parsed;
  const profiles: MhProfileT[] = Array.isArray(parsed.value) ? parsed.value : [parsed.value];
  return { value: { tool: 'ModHeader', rules: profiles.map(fromModHeader), otherRules: 0 } };
}
