import * as v from 'valibot';
import { validateDomain } from './domain';
import { readJsonFile } from './json-file';
import { fail, ok, type Result } from './result';
import { k, NamespaceFromSchema, NamespaceSchema, parseWith } from './schema';
import type { DomainEntry, NamespaceFrom, Preset, Settings } from './settings';

/** Contract: team preset file, version 1. */
const PRESET_FILE_VERSION = 1;

const MAX_ENTRIES = 2000;

const FileDomainSchema = v.object({
  domain: v.string(k('schemaDomainText')),
  namespaceFrom: v.optional(NamespaceFromSchema),
});
const FileNamespaceSchema = v.object({
  namespace: NamespaceSchema,
  label: v.optional(v.pipe(v.string(k('schemaText')), v.maxLength(100, k('schemaAtMost100')))),
});
const FileSchema = v.object({
  version: v.literal(PRESET_FILE_VERSION, k('schemaVersionOne')),
  team: NamespaceSchema,
  domains: v.pipe(v.array(FileDomainSchema, k('schemaArray')), v.maxLength(MAX_ENTRIES, k('schemaAtMostEntries'))),
  namespaces: v.pipe(v.array(FileNamespaceSchema, k('schemaArray')), v.maxLength(MAX_ENTRIES, k('schemaAtMostEntries'))),
});

export interface TeamFile {
  version: typeof PRESET_FILE_VERSION;
  team: string;
  domains: { domain: string; namespaceFrom?: NamespaceFrom }[];
  namespaces: { namespace: string; label?: string }[];
}

export interface ParsedFile {
  file: TeamFile;
  /** Keys we do not know, ignored: a newer tool's additions or typos worth a look. */
  warnings: string[];
}

const KNOWN: Record<string, string[]> = {
  '': ['version', 'team', 'domains', 'namespaces'],
  'domains[]': ['domain', 'namespaceFrom'],
  'domains[].namespaceFrom': ['header', 'probe', 'field'],
  'namespaces[]': ['namespace', 'label'],
};
/** Unknown keys, by path (prototype keys are gone already: readJsonFile drops them). */
function unknownKeys(value: unknown, shape: string, path: string, out: string[]): void {
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) unknownKeys(item, `${shape}[]`, `${path}[${i}]`, out);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  const known = KNOWN[shape];
  for (const key of Object.keys(value)) {
    const at = path ? `${path}.${key}` : key;
    if (known && !known.includes(key)) out.push(at);
    else unknownKeys((value as Record<string, unknown>)[key], shape ? `${shape}.${key}` : key, at, out);
  }
}

/**
 * Reads a team preset file. A bad file is refused whole, with the JSON path of the first problem;
 * too large or too deep is refused before parsing.
 */
export function parsePresetFile(text: string): Result<ParsedFile> {
  const read = readJsonFile(text, {
    notText: 'presetFileNotText',
    tooLarge: 'presetFileTooLarge',
    tooDeep: 'presetFileTooDeep',
    notJson: 'presetFileNotJson',
  });
  if (read.error !== undefined) return { error: read.error };
  const json = read.value;
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    return fail('presetFileNotObject');
  }
  const version = (json as { version?: unknown }).version;
  if (typeof version === 'number' && version > PRESET_FILE_VERSION) {
    return fail('presetFileNewer', String(version), String(PRESET_FILE_VERSION));
  }
  const parsed = parseWith(FileSchema, json, 'whatPresetFile');
  if (parsed.error !== undefined) return parsed;
  const file = parsed.value as TeamFile;
  const seen = new Set<string>();
  for (const [i, d] of file.domains.entries()) {
    const domain = validateDomain(d.domain);
    if (domain.error !== undefined) return fail('presetFileDomainBad', String(i), domain.error);
    if (seen.has(domain.value)) return fail('presetFileDomainTwice', String(i), domain.value);
    seen.add(domain.value);
    d.domain = domain.value;
  }
  const names = new Set<string>();
  for (const [i, n] of file.namespaces.entries()) {
    if (names.has(n.namespace)) return fail('presetFileNamespaceTwice', String(i), n.namespace);
    names.add(n.namespace);
  }
  const warnings: string[] = [];
  unknownKeys(json, '', '', warnings);
  return ok({ file, warnings });
}

/** A domain whose served-by signal a file sets differently than before (new domains included). */
interface SignalChange {
  domain: string;
  from?: NamespaceFrom;
  to?: NamespaceFrom;
}

/** What applying a team file changes, by kind, shown before anything is applied. */
export interface ImportPreview {
  team: string;
  domains: {
    added: string[];
    changed: string[];
    removed: string[];
    /** Domains the file lists that you already have as your own or another team's: yours stay. */
    kept: string[];
  };
  namespaces: { added: string[]; changed: string[]; removed: string[] };
  /** Served-by signals the file sets or changes: they decide which response headers the badge reads. */
  signals: SignalChange[];
}

/** How many entries an import adds, changes and removes, domains and namespaces together. */
export const previewCounts = (p: ImportPreview) => ({
  added: p.domains.added.length + p.namespaces.added.length,
  changed: p.domains.changed.length + p.namespaces.changed.length,
  removed: p.domains.removed.length + p.namespaces.removed.length,
});

/** A served-by signal in words: "header x-okteto-namespace, probe /healthz (field namespace)". */
export function describeSignal(from?: NamespaceFrom): string {
  const parts = [
    from?.header ? `header ${from.header}` : '',
    from?.probe ? `probe ${from.probe} (field ${from.field ?? 'namespace'})` : '',
  ].filter(Boolean);
  return parts.length ? parts.join(', ') : 'the default header';
}

export interface Source {
  /** Set by enterprise policy: marked, and the user cannot remove them. */
  managed?: boolean;
}

const sameFrom = (a?: NamespaceFrom, b?: NamespaceFrom) => JSON.stringify(a ?? {}) === JSON.stringify(b ?? {});

/**
 * Merges a team's file: that team's entries are replaced (idempotent), the user's own and other
 * teams' entries are untouched, and the user's on/off choice and namespace per domain survive.
 * New domains start switched on.
 */
export function mergeTeam(
  settings: Settings,
  file: TeamFile,
  source: Source = {},
): { settings: Settings; preview: ImportPreview } {
  const team = file.team;
  const mine = (x: { team?: string; managed?: boolean }) => x.team === team && !!x.managed === !!source.managed;
  const before = new Map(settings.domains.filter(mine).map((d) => [d.domain, d]));
  const others = settings.domains.filter((d) => !mine(d));
  const taken = new Set(others.map((d) => d.domain));
  const preview: ImportPreview = {
    team,
    domains: { added: [], changed: [], removed: [], kept: [] },
    namespaces: { added: [], changed: [], removed: [] },
    signals: [],
  };

  const incoming: DomainEntry[] = [];
  for (const d of file.domains) {
    if (taken.has(d.domain)) {
      preview.domains.kept.push(d.domain);
      continue;
    }
    const old = before.get(d.domain);
    const entry: DomainEntry = { domain: d.domain, enabled: old?.enabled ?? true, team };
    if (old?.namespace) entry.namespace = old.namespace;
    if (old?.probeCookies) entry.probeCookies = true;
    if (source.managed) entry.managed = true;
    if (d.namespaceFrom && Object.keys(d.namespaceFrom).length) entry.namespaceFrom = d.namespaceFrom;
    incoming.push(entry);
    if (!old) preview.domains.added.push(d.domain);
    else if (!sameFrom(old.namespaceFrom, entry.namespaceFrom)) preview.domains.changed.push(d.domain);
    if (!sameFrom(old?.namespaceFrom, entry.namespaceFrom)) {
      preview.signals.push({ domain: d.domain, from: old?.namespaceFrom, to: entry.namespaceFrom });
    }
  }
  for (const domain of before.keys()) if (!incoming.some((e) => e.domain === domain)) preview.domains.removed.push(domain);

  const oldPresets = new Map(settings.presets.filter(mine).map((p) => [p.namespace, p]));
  const presets: Preset[] = file.namespaces.map((n) => {
    const p: Preset = { namespace: n.namespace, team };
    if (n.label) p.label = n.label;
    if (source.managed) p.managed = true;
    const old = oldPresets.get(n.namespace);
    if (!old) preview.namespaces.added.push(n.namespace);
    else if ((old.label ?? '') !== (n.label ?? '')) preview.namespaces.changed.push(n.namespace);
    return p;
  });
  for (const ns of oldPresets.keys()) if (!presets.some((p) => p.namespace === ns)) preview.namespaces.removed.push(ns);

  return {
    settings: {
      ...settings,
      domains: [...others, ...incoming],
      presets: [...settings.presets.filter((p) => !mine(p)), ...presets],
    },
    preview,
  };
}

/** Removes a team's entries (unsubscribe), leaving everything else as it is. */
export function removeTeam(settings: Settings, team: string, managed = false): Settings {
  const mine = (x: { team?: string; managed?: boolean }) => x.team === team && !!x.managed === managed;
  return { ...settings, domains: settings.domains.filter((d) => !mine(d)), presets: settings.presets.filter((p) => !mine(p)) };
}

/** Writes domains and presets in the contract's format; importing it elsewhere gives the same lists. */
export function exportPresets(settings: Settings, team: string): TeamFile {
  const namespaces: TeamFile['namespaces'] = [];
  for (const p of settings.presets) {
    if (namespaces.some((n) => n.namespace === p.namespace)) continue;
    namespaces.push(p.label ? { namespace: p.namespace, label: p.label } : { namespace: p.namespace });
  }
  return {
    version: PRESET_FILE_VERSION,
    team,
    domains: settings.domains.map((d) =>
      d.namespaceFrom ? { domain: d.domain, namespaceFrom: d.namespaceFrom } : { domain: d.domain },
    ),
    namespaces,
  };
}
